/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One annotation per export, and the one definition of the export list.
 * VP_EXPORT(dll, ret, Name, args...) defines the ms_abi function Name and,
 * next to it, its row of the export table: a struct vp_export placed in the
 * "vp_exports" section.  table_begin.o and table_end.o are linked first and
 * last among our objects, so the rows of every object lie between their two
 * markers (ld -r concatenates input sections of one name in link order).
 * table.c turns the rows into the per-DLL tables the PE loader links
 * against.  `make module` reads the same rows out of the built module
 * (gen-exports.py) into videoport/out/exports.txt, from which the tool and
 * the tests get the list.
 *
 *	VP_EXPORT(VIDEOPRT, u32, VideoPortCreateSpinLock, void *ext, void **lock)
 *	{
 *		...
 *	}
 *
 * VP_UNSUPPORTED marks an export that by design returns the documented
 * failure (it never reports success); the export list shows the difference.
 *
 * The calling convention is the one Windows declares for the export (it
 * matters on x86 only; wintypes.h): VP_EXPORT is __stdcall,
 * VP_EXPORT_CDECL __cdecl (variadic functions and the C runtime),
 * VP_EXPORT_FASTCALL __fastcall (Kf*, Interlocked*).
 *
 * VP_EXPORT_AS(dll, ret, cname, "Name", args...) is for a C runtime export
 * whose Windows name is also a kernel symbol (memcpy, strlen, ...): __cdecl,
 * the C function is cname, the row says "Name".
 *
 * tests/abi/conventions.py checks every export of an i386 build against
 * the decorated names of mingw-w64's import libraries.
 */
#ifndef VPWRAP_VIDEOPORT_EXPORT_H
#define VPWRAP_VIDEOPORT_EXPORT_H

#include <linux/compiler.h>
#include "pe-loader/pe_loader.h"
#include "videoport/wintypes.h"

enum vp_dll {
	VP_DLL_VIDEOPRT,
	VP_DLL_NTOSKRNL,
	VP_DLL_HAL,
	VP_DLL_COUNT,
};

/* An export ntoskrnl.exe has on x64 and hal.dll on x86. */
#define VP_DLL_NT64_HAL32	WIN_ABI(VP_DLL_NTOSKRNL, VP_DLL_HAL)

enum vp_export_status {
	VP_IMPLEMENTED,
	VP_UNSUPPORTED,
};

struct vp_export {
	const char *name;
	void *addr;
	u8 dll;			/* enum vp_dll */
	u8 status;		/* enum vp_export_status */
	bool direct;		/* linked without a stub (thunk.h): needs none, or does its job itself */
	void *fast;		/* NULL, or its fast form (VP_EXPORT_FAST) */
} __aligned(8);

#define __VP_EXPORT(dll_, status_, conv, ret, cname, winname, fast_, ...) \
	ret conv cname(__VA_ARGS__);					\
	static const struct vp_export __vp_row_##cname			\
	__used __section("vp_exports") __aligned(8) = {			\
		.name = winname, .addr = (void *)cname,			\
		.dll = VP_DLL_##dll_, .status = status_,		\
		.fast = (void *)fast_,					\
	};								\
	ret conv cname(__VA_ARGS__)

#define VP_EXPORT(dll, ret, name, ...) \
	__VP_EXPORT(dll, VP_IMPLEMENTED, WINAPI, ret, name, #name, NULL, __VA_ARGS__)
#define VP_EXPORT_CDECL(dll, ret, name, ...) \
	__VP_EXPORT(dll, VP_IMPLEMENTED, WINAPI_CDECL, ret, name, #name, NULL, __VA_ARGS__)
#define VP_EXPORT_FASTCALL(dll, ret, name, ...) \
	__VP_EXPORT(dll, VP_IMPLEMENTED, WINAPI_FASTCALL, ret, name, #name, NULL, __VA_ARGS__)
#define VP_UNSUPPORTED(dll, ret, name, ...) \
	__VP_EXPORT(dll, VP_UNSUPPORTED, WINAPI, ret, name, #name, NULL, __VA_ARGS__)
#define VP_EXPORT_AS(dll, ret, cname, winname, ...) \
	__VP_EXPORT(dll, VP_IMPLEMENTED, WINAPI_CDECL, ret, cname, winname, NULL, __VA_ARGS__)

/*
 * VP_EXPORT_FAST(dll, ret, Name, fast, args...): an export (as VP_EXPORT)
 * that also has a fast form, the function @fast (same convention and
 * arguments), which leaves out what only verify=1, the kernel's lock
 * debugging or paravirtualized spin locks need.  The table links @fast in
 * its place when vp_lock_fast_ok() (lockfast.h): the spin locks, the
 * exports miniports call most often.  Name stays the complete form, which
 * @fast may pass unusual calls to.
 */
#define VP_EXPORT_FAST(dll, ret, name, fast, ...) \
	__VP_EXPORT(dll, VP_IMPLEMENTED, WINAPI, ret, name, #name, fast, __VA_ARGS__)
/* The same for a __fastcall export (hal.dll's Kf* on x86). */
#define VP_EXPORT_FASTCALL_FAST(dll, ret, name, fast, ...) \
	__VP_EXPORT(dll, VP_IMPLEMENTED, WINAPI_FASTCALL, ret, name, #name, fast, __VA_ARGS__)

/*
 * VP_EXPORT_ASM(dll, Name): the row of an export written in assembly, for
 * the x86 helpers whose register conventions C cannot declare.  They touch
 * nothing of Linux's (no per-CPU data, no calls), so miniport code calls
 * them directly, with its own FS, and no stub is in the way of the
 * registers and stack they take arguments in.
 */
#define VP_EXPORT_ASM(dll_, sym)					\
	void sym(void);							\
	static const struct vp_export __vp_row_##sym			\
	__used __section("vp_exports") __aligned(8) = {			\
		.name = #sym, .addr = (void *)sym,			\
		.dll = VP_DLL_##dll_, .status = VP_IMPLEMENTED,		\
		.direct = true,						\
	}

/*
 * VP_EXPORT_DATA(dll, Name): the row of a data export (KeTickCount): the
 * importing image's IAT slot receives the variable's address, so no stub.
 */
#define VP_EXPORT_DATA(dll_, var)					\
	static const struct vp_export __vp_row_##var			\
	__used __section("vp_exports") __aligned(8) = {			\
		.name = #var, .addr = (void *)&var,			\
		.dll = VP_DLL_##dll_, .status = VP_IMPLEMENTED,		\
		.direct = true,						\
	}

/* The markers (table_begin.c, table_end.c). */
extern const struct vp_export vp_exports_begin[];
extern const struct vp_export vp_exports_end[];

/* An export's address by name (VideoPortGetProcAddress), NULL if none. */
void *vp_export_lookup(enum vp_dll dll, const char *name);

#endif /* VPWRAP_VIDEOPORT_EXPORT_H */
