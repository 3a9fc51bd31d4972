// SPDX-License-Identifier: GPL-2.0
/*
 * Streaming bus-master DMA on locked buffers: VideoPortLockBuffer,
 * UnlockBuffer, StartDma, CompleteDma.
 *
 * LockBuffer's "MDL" is ours: the buffer's pages, looked up once.  Only
 * kernel buffers can be locked (the miniport's pool, or what drm-glue
 * passes in a request): under Windows a user buffer would come from the
 * user-mode display driver, which does not exist here.  Kernel pages are
 * resident already, so "locking" them pins nothing.
 *
 * StartDma maps the pages for the device (dma_map_sg), builds the
 * VP_SCATTER_GATHER_LIST and calls the miniport's ExecuteDmaRoutine at
 * DISPATCH_LEVEL, as the DDK says; CompleteDma unmaps and frees it.  A
 * mapping never completed stays mapped until the driver goes (its pool is
 * freed then); with direct mapping, as on the machines we test, that holds
 * no other resource.
 */
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include <linux/vmalloc.h>
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/pool.h"
#include "videoport/vp_dma.h"

#define VP_MDL_MAGIC	0x4c444d56u	/* "VMDL" */
#define VP_SG_MAGIC	0x4c475356u	/* "VSGL" */

struct vp_mdl {
	u32 magic;
	u32 len;
	void *va;
	unsigned int npages;
	struct page *pages[];
};

/* VP_SCATTER_GATHER_ELEMENT / VP_SCATTER_GATHER_LIST */
struct win_sg_element {
	win_u64 address;
	u32 length;
	win_ulong_ptr reserved;
};
static_assert(sizeof(struct win_sg_element) == WIN_ABI(24, 16));

struct win_sg_list {
	u32 count;
	win_ulong_ptr reserved;
	struct win_sg_element el[];
};
static_assert(sizeof(struct win_sg_list) == WIN_ABI(16, 8));

/*
 * One pool block per mapping: our bookkeeping, the list the miniport sees
 * and, after its elements, the Linux scatterlist.  Nothing else is
 * allocated, so a mapping the miniport never completes costs only pool,
 * which is freed (and reported) with the driver.
 */
struct vp_sg {
	u32 magic;
	bool to_device;
	unsigned int nents;		/* scatterlist entries mapped */
	struct scatterlist *sgl;
	struct win_sg_list list;	/* last: its elements follow */
};

typedef void (WINAPI *win_execute_dma_fn)(void *ext, void *adapter,
					  struct win_sg_list *sg, void *context);

static struct page *vp_kernel_page(const void *p)
{
	if (is_vmalloc_addr(p))
		return vmalloc_to_page(p);
	if (virt_addr_valid(p))
		return virt_to_page(p);
	return NULL;
}

/* @op: VpReadAccess, VpWriteAccess, VpModifyAccess: all fine for kernel pages. */
VP_EXPORT(VIDEOPRT, void *, VideoPortLockBuffer, void *ext, void *va, u32 len, u32 op)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	unsigned long start = (unsigned long)va;
	unsigned int i, n;
	struct vp_mdl *m;
	struct vp_sleep s;

	if (!a || !va || !len || start + len < start)
		return NULL;
	n = DIV_ROUND_UP(offset_in_page(start) + len, PAGE_SIZE);
	for (i = 0; i < n; i++) {
		if (!vp_kernel_page((void *)((start & PAGE_MASK) + i * PAGE_SIZE))) {
			vp_unsupported("VideoPortLockBuffer on a user or device address",
				       "only kernel buffers can be locked (returned NULL)");
			return NULL;
		}
	}
	if (vp_sleep_begin(&s)) {
		m = vp_pool_alloc(a->drv, struct_size(m, pages, n), true, VP_MDL_MAGIC);
		vp_sleep_end(&s);
	} else {
		m = vp_pool_alloc(a->drv, struct_size(m, pages, n), false, VP_MDL_MAGIC);
	}
	if (!m)
		return NULL;
	m->magic = VP_MDL_MAGIC;
	m->va = va;
	m->len = len;
	m->npages = n;
	for (i = 0; i < n; i++)
		m->pages[i] = vp_kernel_page((void *)((start & PAGE_MASK) + i * PAGE_SIZE));
	return m;
}

static struct vp_mdl *vp_mdl_check(void *p, const char *export)
{
	struct vp_mdl *m = p;

	if (m && m->magic == VP_MDL_MAGIC)
		return m;
	vp_unsupported(export, "not an MDL from VideoPortLockBuffer (call ignored)");
	return NULL;
}

VP_EXPORT(VIDEOPRT, void, VideoPortUnlockBuffer, void *ext, void *mdl)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_mdl *m = vp_mdl_check(mdl, "VideoPortUnlockBuffer");

	if (!a || !m)
		return;
	m->magic = 0;
	vp_pool_free(a->drv, m);
}

/*
 * Maps *len bytes from @offset into the locked buffer.  Our mapping takes
 * the whole request at once, so *len is never shortened unless the
 * adapter's MaximumLength says so.
 */
VP_EXPORT(VIDEOPRT, u32, VideoPortStartDma, void *ext, void *adapter, void *mdl,
	  u32 offset, u32 *len, void *execute, void *context, u8 to_device)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_dma_adapter *d = vp_dma_adapter_check(a, adapter, "VideoPortStartDma");
	struct vp_mdl *m = vp_mdl_check(mdl, "VideoPortStartDma");
	enum dma_data_direction dir = to_device ? DMA_TO_DEVICE : DMA_FROM_DEVICE;
	struct scatterlist *sgl;
	unsigned int first, i, pos, chunk;
	struct vp_sg *sg;
	u32 n, todo, left;
	u8 irql;
	int mapped;

	if (!d || !m || !len || !execute || offset >= m->len || !*len)
		return ERROR_INVALID_PARAMETER;
	todo = min(*len, m->len - offset);
	if (d->max_length)
		todo = min(todo, d->max_length);
	first = (offset_in_page(m->va) + offset) >> PAGE_SHIFT;
	n = DIV_ROUND_UP(offset_in_page(m->va) + offset + todo, PAGE_SIZE) - first;
	/* callable up to DISPATCH_LEVEL: no sleeping allocation */
	sg = vp_pool_alloc(a->drv, struct_size(sg, list.el, n) + n * sizeof(*sgl), false,
			   VP_SG_MAGIC);
	if (!sg)
		return ERROR_NOT_ENOUGH_MEMORY;
	sg->sgl = (struct scatterlist *)&sg->list.el[n];
	sg_init_table(sg->sgl, n);
	pos = offset_in_page(offset_in_page(m->va) + offset);
	left = todo;
	for (i = 0; i < n; i++) {
		chunk = min_t(u32, left, PAGE_SIZE - pos);
		sg_set_page(&sg->sgl[i], m->pages[first + i], chunk, pos);
		left -= chunk;
		pos = 0;
	}
	mapped = dma_map_sg(&a->pdev->dev, sg->sgl, n, dir);
	if (mapped <= 0) {
		vp_pool_free(a->drv, sg);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	sg->nents = n;
	sg->magic = VP_SG_MAGIC;
	sg->to_device = to_device;
	sg->list.count = mapped;
	for_each_sg(sg->sgl, sgl, mapped, i) {
		sg->list.el[i].address = sg_dma_address(sgl);
		sg->list.el[i].length = sg_dma_len(sgl);
	}
	*len = todo;

	/* ExecuteDmaRoutine runs at DISPATCH_LEVEL: bottom halves off unless already */
	irql = vp_irql();
	if (irql < DISPATCH_LEVEL) {
		local_bh_disable();
		vp_irql_set(DISPATCH_LEVEL);
	}
	VP_CALL(a->drv, a, execute, ext, adapter, &sg->list, context);
	if (irql < DISPATCH_LEVEL) {
		vp_irql_set(irql);
		local_bh_enable();
	}
	return NO_ERROR;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortCompleteDma, void *ext, void *adapter,
	  struct win_sg_list *list, u8 to_device)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_sg *sg = list ? container_of(list, struct vp_sg, list) : NULL;

	if (!vp_dma_adapter_check(a, adapter, "VideoPortCompleteDma"))
		return ERROR_INVALID_PARAMETER;
	if (!sg || sg->magic != VP_SG_MAGIC)
		return ERROR_INVALID_PARAMETER;
	sg->magic = 0;
	dma_unmap_sg(&a->pdev->dev, sg->sgl, sg->nents,
		     sg->to_device ? DMA_TO_DEVICE : DMA_FROM_DEVICE);
	vp_pool_free(a->drv, sg);
	return NO_ERROR;
}
