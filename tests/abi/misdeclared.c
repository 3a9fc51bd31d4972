// SPDX-License-Identifier: GPL-2.0
/*
 * A fixture for tests/abi/conventions.py: export rows shaped like
 * videoport/export.h's on i386, two of them with the wrong calling
 * convention.  The check must name exactly those two.
 *
 *	gcc -m32 -O2 -mregparm=3 -fno-pic -c misdeclared.c
 */
struct vp_export {
	const char *name;
	void *addr;
	unsigned char dll, status;
} __attribute__((aligned(8)));

#define ROW(cname, dll_)						\
	static const struct vp_export row_##cname			\
	__attribute__((used, section("vp_exports"), aligned(8))) = {	\
		.name = #cname, .addr = (void *)cname, .dll = dll_,	\
	}

volatile int sink;

/* right: __stdcall, 16 bytes of arguments */
__attribute__((stdcall, regparm(0)))
unsigned int VideoPortInitialize(void *a, void *b, void *c, void *d)
{
	sink = (int)a + (int)b + (int)c + (int)d;
	return 0;
}
ROW(VideoPortInitialize, 0);

/* wrong: the C runtime's _vsnprintf is __cdecl, this one pops its arguments */
__attribute__((stdcall, regparm(0)))
int _vsnprintf(char *buf, unsigned int n, const char *fmt, void *ap)
{
	sink = (int)buf + n + (int)fmt + (int)ap;
	return 0;
}
ROW(_vsnprintf, 1);

/* wrong: KeStallExecutionProcessor is __stdcall, this one pops nothing */
__attribute__((cdecl, regparm(0)))
void KeStallExecutionProcessor(unsigned int us)
{
	sink = us;
}
ROW(KeStallExecutionProcessor, 2);

/* right: __fastcall, its one argument in ECX */
__attribute__((fastcall))
int VideoPortInterlockedIncrement(int *p)
{
	return ++*p;
}
ROW(VideoPortInterlockedIncrement, 0);
