/* SPDX-License-Identifier: GPL-2.0 */
/* The VP_DMA_ADAPTER we hand out (vp_dma.c), shared with vp_dma_map.c. */
#ifndef VPWRAP_VIDEOPORT_VP_DMA_H
#define VPWRAP_VIDEOPORT_VP_DMA_H

#include <linux/types.h>

struct vp_adapter;

/* Opaque to the miniport (video.h declares VP_DMA_ADAPTER incomplete). */
struct vp_dma_adapter {
	u32 magic;
	u32 max_length;		/* VP_DEVICE_DESCRIPTION.MaximumLength */
	struct vp_adapter *a;
};

/* @p as our DMA adapter for @a, or NULL (bad input is logged once). */
struct vp_dma_adapter *vp_dma_adapter_check(struct vp_adapter *a, void *p,
					    const char *export);

#endif /* VPWRAP_VIDEOPORT_VP_DMA_H */
