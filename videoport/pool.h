/* SPDX-License-Identifier: GPL-2.0 */
/* Pool memory accounted per driver and freed when the driver goes (pool.c). */
#ifndef VPWRAP_VIDEOPORT_POOL_H
#define VPWRAP_VIDEOPORT_POOL_H

#include <linux/types.h>

struct vp_driver;

/*
 * Zeroed, 16-byte aligned.  @may_sleep: the caller is at PASSIVE_LEVEL
 * outside the FPU bracket (or has closed it); otherwise GFP_ATOMIC.
 */
void *vp_pool_alloc(struct vp_driver *drv, size_t size, bool may_sleep, u32 tag);
void vp_pool_free(struct vp_driver *drv, void *p);

#endif /* VPWRAP_VIDEOPORT_POOL_H */
