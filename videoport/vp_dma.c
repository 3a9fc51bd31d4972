// SPDX-License-Identifier: GPL-2.0
/*
 * Bus-master DMA objects and common buffers: VideoPortGetDmaAdapter,
 * PutDmaAdapter, AllocateCommonBuffer/ReleaseCommonBuffer, the W2K
 * GetCommonBuffer/FreeCommonBuffer and AllocateContiguousMemory.
 *
 * Common buffers are dma_alloc_coherent() memory of the adapter's PCI
 * device, allocated as device-managed resources (dmam_*): what a miniport
 * forgets to release is freed when the device is unbound, so a leak
 * cannot outlive the driver.  All of these are PASSIVE_LEVEL calls.
 */
#include <linux/dma-mapping.h>
#include <linux/pci.h>
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/pool.h"
#include "videoport/vp_dma.h"

#define VP_DMA_MAGIC 0x414d4456u	/* "VDMA" */

/* VP_DEVICE_DESCRIPTION */
struct win_vp_device_description {
	u8 scatter_gather;
	u8 dma32;
	u8 dma64;
	u32 maximum_length;
};
static_assert(sizeof(struct win_vp_device_description) == 8);

struct vp_dma_adapter *vp_dma_adapter_check(struct vp_adapter *a, void *p,
					    const char *export)
{
	struct vp_dma_adapter *d = p;

	if (a && d && d->magic == VP_DMA_MAGIC && d->a == a)
		return d;
	vp_unsupported(export, "not a DMA adapter of this device (call failed)");
	return NULL;
}

/*
 * The DMA mask comes from the description: 64-bit if the device says it
 * can, else 32-bit (PCI's minimum for bus masters).
 */
VP_EXPORT(VIDEOPRT, void *, VideoPortGetDmaAdapter, void *ext,
	  const struct win_vp_device_description *desc)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_dma_adapter *d = NULL;
	struct vp_sleep s;
	int ret;

	if (!a || !desc || !vp_sleep_begin(&s))
		return NULL;
	ret = dma_set_mask_and_coherent(&a->pdev->dev,
					desc->dma64 ? DMA_BIT_MASK(64) : DMA_BIT_MASK(32));
	if (!ret)
		d = vp_pool_alloc(a->drv, sizeof(*d), true, VP_DMA_MAGIC);
	vp_sleep_end(&s);
	if (!d)
		return NULL;
	d->magic = VP_DMA_MAGIC;
	d->max_length = desc->maximum_length;
	d->a = a;
	pci_set_master(a->pdev);
	return d;
}

VP_EXPORT(VIDEOPRT, void, VideoPortPutDmaAdapter, void *ext, void *adapter)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_dma_adapter *d = vp_dma_adapter_check(a, adapter, "VideoPortPutDmaAdapter");

	if (!d)
		return;
	d->magic = 0;
	vp_pool_free(a->drv, d);
}

static void *vp_common_alloc(struct vp_adapter *a, u32 len, u64 *logical)
{
	struct vp_sleep s;
	dma_addr_t dma;
	void *p;

	if (!len || !logical || !vp_sleep_begin(&s))
		return NULL;
	p = dmam_alloc_coherent(&a->pdev->dev, len, &dma, GFP_KERNEL);
	vp_sleep_end(&s);
	if (p)
		*logical = dma;
	return p;
}

static void vp_common_free(struct vp_adapter *a, u32 len, void *virt, u64 logical)
{
	struct vp_sleep s;

	if (!virt || !vp_sleep_begin(&s))
		return;
	dmam_free_coherent(&a->pdev->dev, len, virt, logical);
	vp_sleep_end(&s);
}

/* CacheEnabled: coherent memory on x86 is cached and snooped either way. */
VP_EXPORT(VIDEOPRT, void *, VideoPortAllocateCommonBuffer, void *ext, void *adapter,
	  u32 len, u64 *logical, u8 cache_enabled, void *reserved)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);

	if (!vp_dma_adapter_check(a, adapter, "VideoPortAllocateCommonBuffer"))
		return NULL;
	return vp_common_alloc(a, len, logical);
}

VP_EXPORT(VIDEOPRT, void, VideoPortReleaseCommonBuffer, void *ext, void *adapter,
	  u32 len, u64 logical, void *virt, u8 cache_enabled)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);

	if (vp_dma_adapter_check(a, adapter, "VideoPortReleaseCommonBuffer"))
		vp_common_free(a, len, virt, logical);
}

/* W2K: the adapter's implicit DMA object; Alignment is ignored, as on Windows. */
VP_EXPORT(VIDEOPRT, void *, VideoPortGetCommonBuffer, void *ext, u32 len, u32 align,
	  u64 *logical, u32 *actual_len, u8 cache_enabled)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	void *p;

	if (!a)
		return NULL;
	p = vp_common_alloc(a, len, logical);
	if (actual_len)
		*actual_len = p ? len : 0;
	return p;
}

VP_EXPORT(VIDEOPRT, void, VideoPortFreeCommonBuffer, void *ext, u32 len, void *virt,
	  u64 logical, u8 cache_enabled)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);

	if (a)
		vp_common_free(a, len, virt, logical);
}

/*
 * Physically contiguous memory below @highest.  There is no call to free
 * it (the DDK offers none): it lives as long as the device is bound, like
 * the common buffers, and must sit below @highest, so the DMA mask we
 * allocate with is narrowed to it for the duration of the call.
 */
VP_EXPORT(VIDEOPRT, void *, VideoPortAllocateContiguousMemory, void *ext, u32 len,
	  u64 highest)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct device *dev;
	u64 mask, old;
	dma_addr_t dma;
	struct vp_sleep s;
	void *p;

	if (!a || !len || highest < len || !vp_sleep_begin(&s))
		return NULL;
	dev = &a->pdev->dev;
	mask = highest >= DMA_BIT_MASK(63) ? DMA_BIT_MASK(64) :
	       DMA_BIT_MASK(fls64(highest + 1) - 1);
	old = dev->coherent_dma_mask;
	p = NULL;
	if (!dma_set_coherent_mask(dev, min(mask, old))) {
		p = dmam_alloc_coherent(dev, len, &dma, GFP_KERNEL);
		dma_set_coherent_mask(dev, old);
		/* the bus address is the physical one here (no IOMMU on the path we test) */
		if (p && dma + len - 1 > highest) {
			dmam_free_coherent(dev, len, p, dma);
			p = NULL;
		}
	}
	vp_sleep_end(&s);
	return p;
}
