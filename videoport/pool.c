// SPDX-License-Identifier: GPL-2.0
/*
 * VideoPortAllocatePool/FreePool.  Every block carries a header that links
 * it into its driver's list, so that what a miniport forgets to free is
 * freed (and reported) when the driver goes away, and so that FreePool can
 * refuse a pointer it never handed out instead of corrupting the heap.
 *
 * IRQL: AllocatePool may be called at DISPATCH_LEVEL (non-paged pool).  At
 * PASSIVE_LEVEL we close the FPU bracket and allocate with GFP_KERNEL; above
 * it with GFP_ATOMIC.  Always from the slab (up to KMALLOC_MAX_SIZE): a
 * vmalloc block could not be freed by a FreePool at DISPATCH_LEVEL, since
 * vfree() may sleep and vfree_atomic() is not exported to modules.
 *
 * Windows' pool is 16-byte aligned on x64 (MSVC code keeps SSE operands
 * there), but kmalloc only promises ARCH_KMALLOC_MINALIGN (8): power-of-two
 * caches happen to be aligned further, until slub_debug's red zones move
 * the objects.  So each block is over-allocated by the difference and the
 * header placed on the alignment; it remembers the slab block it is in.
 */
#include <linux/align.h>
#include <linux/list.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/pool.h"

#define VP_POOL_MAGIC 0x6c6f6f50u	/* "Pool" */

struct vp_pool_hdr {
	struct list_head node;
	size_t size;
	void *block;			/* what kmalloc returned, for kfree */
	u32 tag;
	u32 magic;
} __aligned(16);

#define VP_POOL_ALIGN	__alignof__(struct vp_pool_hdr)
#define VP_POOL_SLACK	(VP_POOL_ALIGN > ARCH_KMALLOC_MINALIGN ? \
			 VP_POOL_ALIGN - ARCH_KMALLOC_MINALIGN : 0)

void *vp_pool_alloc(struct vp_driver *drv, size_t size, bool may_sleep, u32 tag)
{
	struct vp_pool_hdr *h;
	unsigned long flags;
	size_t total;
	void *block;

	if (!drv || !size || size > KMALLOC_MAX_SIZE - sizeof(*h) - VP_POOL_SLACK)
		return NULL;
	total = size_add(sizeof(*h) + VP_POOL_SLACK, size);
	block = kzalloc(total, may_sleep ? GFP_KERNEL : GFP_ATOMIC);
	if (!block)
		return NULL;
	h = PTR_ALIGN(block, VP_POOL_ALIGN);
	h->block = block;
	h->size = size;
	h->tag = tag;
	h->magic = VP_POOL_MAGIC;
	raw_spin_lock_irqsave(&drv->pool_lock, flags);
	list_add(&h->node, &drv->pool);
	raw_spin_unlock_irqrestore(&drv->pool_lock, flags);
	atomic64_add(size, &drv->pool_bytes);
	return h + 1;
}

/* The header of a block of @drv's, or NULL (looked up, never trusted). */
static struct vp_pool_hdr *vp_pool_find(struct vp_driver *drv, void *p)
{
	struct vp_pool_hdr *h;

	list_for_each_entry(h, &drv->pool, node)
		if (h + 1 == p)
			return h;
	return NULL;
}

void vp_pool_free(struct vp_driver *drv, void *p)
{
	struct vp_pool_hdr *h;
	unsigned long flags;

	if (!drv || !p)
		return;
	raw_spin_lock_irqsave(&drv->pool_lock, flags);
	h = vp_pool_find(drv, p);
	if (h) {
		list_del(&h->node);
		h->magic = 0;
	}
	raw_spin_unlock_irqrestore(&drv->pool_lock, flags);
	if (!h) {
		vp_warn_once(drv, VP_ONCE_BAD_POOL,
			     "VideoPortFreePool: %p was not allocated by this driver, ignored\n", p);
		return;
	}
	atomic64_sub(h->size, &drv->pool_bytes);
	kfree(h->block);
}

void vp_pool_free_all(struct vp_driver *drv)
{
	struct vp_pool_hdr *h, *tmp;
	unsigned int n = 0;
	size_t bytes = 0;

	list_for_each_entry_safe(h, tmp, &drv->pool, node) {
		list_del(&h->node);
		bytes += h->size;
		kfree(h->block);
		n++;
	}
	atomic64_sub(bytes, &drv->pool_bytes);
	if (n)
		vp_info(drv, "freed %u pool blocks (%zu bytes) the driver left allocated\n",
			n, bytes);
	if (n && vp_verifying())
		vp_verify_report(drv, VP_V_POOL_LEAK, "VideoPortAllocatePool", NULL,
				 "pool leaked at unload: %u blocks (%zu bytes)", n, bytes);
}

VP_EXPORT(VIDEOPRT, void *, VideoPortAllocatePool, void *ext, u32 pool_type,
	  size_t size, u32 tag)
{
	struct vp_driver *drv = vp_current_driver();
	struct vp_sleep s;
	void *p;

	VP_VERIFY_IRQL(VP_V_IRQL_ALLOC, "VideoPortAllocatePool", PASSIVE_LEVEL,
		       (pool_type & 1) ? PASSIVE_LEVEL : DISPATCH_LEVEL);	/* VpPagedPool* */
	if (vp_sleep_begin(&s)) {
		p = vp_pool_alloc(drv, size, true, tag);
		vp_sleep_end(&s);
	} else {
		p = vp_pool_alloc(drv, size, false, tag);
	}
	return p;
}

VP_EXPORT(VIDEOPRT, void, VideoPortFreePool, void *ext, void *p)
{
	VP_VERIFY_IRQL(VP_V_IRQL_FREE, "VideoPortFreePool", PASSIVE_LEVEL, DISPATCH_LEVEL);
	vp_pool_free(vp_current_driver(), p);
}
