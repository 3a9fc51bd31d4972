// SPDX-License-Identifier: GPL-2.0
/*
 * Memory helpers miniports import from ntoskrnl: the Rtl*Memory family and
 * the C runtime's mem* functions (MSVC emits calls to memcpy/memset for
 * struct copies and large initializers).  Sizes are SIZE_T (64-bit).
 */
#include <linux/string.h>
#include "videoport/vp.h"
#include "videoport/export.h"

size_t WINAPI VideoPortCompareMemory(const void *a, const void *b, size_t len);

VP_EXPORT(NTOSKRNL, void, RtlZeroMemory, void *dst, size_t len)
{
	memset(dst, 0, len);
}

VP_EXPORT(NTOSKRNL, void, RtlFillMemory, void *dst, size_t len, u8 fill)
{
	memset(dst, fill, len);
}

/* RtlMoveMemory: the ranges may overlap. */
VP_EXPORT(NTOSKRNL, void, RtlMoveMemory, void *dst, const void *src, size_t len)
{
	memmove(dst, src, len);
}

/* RtlCopyMemory is documented for non-overlapping ranges; memmove is a safe superset. */
VP_EXPORT(NTOSKRNL, void, RtlCopyMemory, void *dst, const void *src, size_t len)
{
	memmove(dst, src, len);
}

/* The number of leading bytes that match. */
VP_EXPORT(NTOSKRNL, size_t, RtlCompareMemory, const void *a, const void *b, size_t len)
{
	return VideoPortCompareMemory(a, b, len);
}

VP_EXPORT_AS(NTOSKRNL, void *, nt_memcpy, "memcpy", void *dst, const void *src,
	     size_t len)
{
	return memcpy(dst, src, len);
}

VP_EXPORT_AS(NTOSKRNL, void *, nt_memmove, "memmove", void *dst, const void *src,
	     size_t len)
{
	return memmove(dst, src, len);
}

VP_EXPORT_AS(NTOSKRNL, void *, nt_memset, "memset", void *dst, int c, size_t len)
{
	return memset(dst, c, len);
}

VP_EXPORT_AS(NTOSKRNL, int, nt_memcmp, "memcmp", const void *a, const void *b,
	     size_t len)
{
	return memcmp(a, b, len);
}
