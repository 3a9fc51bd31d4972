// SPDX-License-Identifier: GPL-2.0
/* VideoPort memory helpers on system memory and on mapped device memory. */
#include <linux/io.h>
#include <linux/string.h>
#include "videoport/vp.h"
#include "videoport/export.h"

VP_EXPORT(VIDEOPRT, void, VideoPortZeroMemory, void *dst, u32 len)
{
	memset(dst, 0, len);
}

/* RtlMoveMemory semantics: the ranges may overlap. */
VP_EXPORT(VIDEOPRT, void, VideoPortMoveMemory, void *dst, const void *src, u32 len)
{
	memmove(dst, src, len);
}

/* Returns the number of leading bytes that match (RtlCompareMemory). */
VP_EXPORT(VIDEOPRT, size_t, VideoPortCompareMemory, const void *a, const void *b,
	  size_t len)
{
	const u8 *p = a, *q = b;
	size_t i;

	for (i = 0; i < len && p[i] == q[i]; i++)
		;
	return i;
}

/* @dst is device memory from GetDeviceBase/MapMemory: use MMIO accessors. */
VP_EXPORT(VIDEOPRT, void, VideoPortZeroDeviceMemory, void *dst, u32 len)
{
	memset_io((void __iomem *)dst, 0, len);
}
