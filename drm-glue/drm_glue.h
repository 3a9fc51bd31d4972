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

int vpdrm_init(void);
void vpdrm_exit(void);

#endif /* VPWRAP_DRM_GLUE_H */
