// SPDX-License-Identifier: GPL-2.0
/*
 * pe_os_user.c - the PE loader's OS shim for userspace (tools, tests,
 * fuzzing): mmap/mprotect for image memory, calloc for bookkeeping,
 * getrandom for the /GS cookie.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>

#include "pe-loader/pe_os.h"
#include "pe-loader/user/pe_os_user.h"

int pe_os_user_quiet;
int pe_os_user_fail_alloc_after = -1;
long pe_os_user_live_allocs;

static bool pe_os_user_inject_failure(void)
{
	if (pe_os_user_fail_alloc_after < 0)
		return false;
	if (pe_os_user_fail_alloc_after-- > 0)
		return false;
	return true;
}

void *pe_os_image_alloc(size_t size)
{
	void *p = MAP_FAILED;

	if (pe_os_user_inject_failure())
		return NULL;
#ifdef MAP_32BIT
	/* Below 2 GiB where possible, so PE32 images can be linked too. */
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
		 -1, 0);
#endif
	if (p == MAP_FAILED)
		p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	pe_os_user_live_allocs++;
	return p;
}

int pe_os_image_protect(void *addr, size_t size, unsigned int prot)
{
	int mprot = PROT_READ;

	if (prot & PE_PROT_WRITE)
		mprot |= PROT_WRITE;
	if (prot & PE_PROT_EXEC)
		mprot |= PROT_EXEC;
	return mprotect(addr, size, mprot) ? -errno : 0;
}

void pe_os_image_free(void *addr, size_t size)
{
	/* munmap needs no permissions restored first. */
	if (addr && !munmap(addr, size))
		pe_os_user_live_allocs--;
}

void *pe_os_zalloc(size_t size)
{
	void *p;

	if (pe_os_user_inject_failure())
		return NULL;
	p = calloc(1, size);
	if (p)
		pe_os_user_live_allocs++;
	return p;
}

void pe_os_free(void *ptr)
{
	if (ptr)
		pe_os_user_live_allocs--;
	free(ptr);
}

u64 pe_os_random(void)
{
	u64 v;

	if (getrandom(&v, sizeof(v), 0) == sizeof(v))
		return v;
	return (u64)time(NULL) * 0x9e3779b97f4a7c15ull;
}

void pe_os_user_warn(const char *fmt, ...)
{
	va_list ap;

	if (pe_os_user_quiet)
		return;
	va_start(ap, fmt);
	fputs("pe-loader: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}
