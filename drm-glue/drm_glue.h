/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drm-glue: the DRM/KMS device on top of the videoport adapter interface.
 *
 * vpdrm_init() registers drm-glue as the adapter client; from then on every
 * adapter that comes up gets a DRM device.  vpdrm_exit() unregisters it,
 * which detaches (unplugs) every DRM device first.  Call vpdrm_init() before
 * adapters are probed and vpdrm_exit() after none is left to come up.
 */
#ifndef VPWRAP_DRM_GLUE_H
#define VPWRAP_DRM_GLUE_H

struct vp_adapter;
struct vp_mode;

int vpdrm_init(void);
void vpdrm_exit(void);

/*
 * The mode drm-glue last set on the adapter's hardware, from its own state
 * (never a call into the miniport): 0 and *mode, or -ENODATA when no mode
 * is set (no DRM device, or the CRTC is off).
 */
int vpdrm_current_mode(struct vp_adapter *a, struct vp_mode *mode);

#endif /* VPWRAP_DRM_GLUE_H */
