// SPDX-License-Identifier: GPL-2.0
/*
 * Executive pool: ExAllocatePool(WithTag), ExFreePool(WithTag).  They are
 * VideoPortAllocatePool/FreePool under other names (pool.c): the same
 * per-driver accounting, so a leaked block is reported and freed when the
 * driver goes, and freeing a foreign pointer is refused instead of
 * corrupting the heap.
 *
 * Pool types: every block is non-paged memory, which satisfies paged
 * requests too.  The allocation sleeps only at PASSIVE_LEVEL.
 */
#include "videoport/vp.h"
#include "videoport/export.h"

/* 'None': the tag Windows gives untagged allocations */
#define NT_TAG_NONE 0x656e6f4e

VP_EXPORT(NTOSKRNL, void *, ExAllocatePool, u32 type, size_t size)
{
	return VideoPortAllocatePool(NULL, type, size, NT_TAG_NONE);
}

VP_EXPORT(NTOSKRNL, void *, ExAllocatePoolWithTag, u32 type, size_t size, u32 tag)
{
	return VideoPortAllocatePool(NULL, type, size, tag);
}

VP_EXPORT(NTOSKRNL, void, ExFreePool, void *p)
{
	VideoPortFreePool(NULL, p);
}

VP_EXPORT(NTOSKRNL, void, ExFreePoolWithTag, void *p, u32 tag)
{
	VideoPortFreePool(NULL, p);
}
