/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DRM differences between the kernels vpwrap supports (Debian 12's 6.1 and
 * the 6.12 LTS): drm-glue is written against the names defined here.
 */
#ifndef VPWRAP_COMPAT_DRM_H
#define VPWRAP_COMPAT_DRM_H

#include <linux/version.h>

#include <drm/drm_edid.h>
#include <drm/drm_format_helper.h>
#include <drm/drm_gem_atomic_helper.h>

/*
 * 6.8 gave the format-conversion helpers a drm_format_conv_state (a scratch
 * buffer kept in the shadow-plane state); before, they allocated per call.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
#define VPDRM_CONV_STATE(shadow)	(&(shadow)->fmtcnv_state)
#define VPDRM_CONV(fn, dst, pitch, src, fb, clip, state, ...) \
	fn(dst, pitch, src, fb, clip, state, ##__VA_ARGS__)
#else
struct drm_format_conv_state;
#define VPDRM_CONV_STATE(shadow)	((struct drm_format_conv_state *)NULL)
#define VPDRM_CONV(fn, dst, pitch, src, fb, clip, state, ...) \
	fn(dst, pitch, src, fb, clip, ##__VA_ARGS__)
#endif

/* drm_fb_xrgb8888_to_xrgb1555() exists since 6.7. */
#define VPDRM_HAVE_XRGB1555_CONV \
	(LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0))

/*
 * fbdev emulation: the generic (shadow-buffered) client became
 * drm_fbdev_shmem_setup() for GEM-shmem drivers in 6.11.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#include <drm/drm_fbdev_shmem.h>
#define vpdrm_fbdev_setup(dev, bpp)	drm_fbdev_shmem_setup(dev, bpp)
#else
#include <drm/drm_fb_helper.h>
#define vpdrm_fbdev_setup(dev, bpp)	drm_fbdev_generic_setup(dev, bpp)
#endif

/*
 * EDID: 6.1's drm_edid_connector_update() also adds the EDID's modes; 6.3
 * split that out into drm_edid_connector_add_modes().  Returns the number
 * of modes added to connector->probed_modes.
 */
static inline int vpdrm_edid_connector_update(struct drm_connector *connector,
					      const struct drm_edid *drm_edid)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	drm_edid_connector_update(connector, drm_edid);
	return drm_edid_connector_add_modes(connector);
#else
	return drm_edid_connector_update(connector, drm_edid);
#endif
}

#endif /* VPWRAP_COMPAT_DRM_H */
