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
 * drm_fbdev_shmem_setup() for GEM-shmem drivers in 6.11, and then the DRM
 * client setup, with the driver naming its fbdev probe in struct drm_driver
 * (DRM_FBDEV_SHMEM_DRIVER_OPS, which tells the two apart).  struct
 * drm_driver initializers list VPDRM_FBDEV_DRIVER_OPS (with its comma).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#include <drm/drm_fbdev_shmem.h>
#endif
#if defined(DRM_FBDEV_SHMEM_DRIVER_OPS)
#include <drm/clients/drm_client_setup.h>
#define VPDRM_FBDEV_DRIVER_OPS		DRM_FBDEV_SHMEM_DRIVER_OPS,
#define vpdrm_fbdev_setup(dev, bpp)	drm_client_setup_with_color_mode(dev, bpp)
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define VPDRM_FBDEV_DRIVER_OPS
#define vpdrm_fbdev_setup(dev, bpp)	drm_fbdev_shmem_setup(dev, bpp)
#else
#include <drm/drm_fb_helper.h>
#define VPDRM_FBDEV_DRIVER_OPS
#define vpdrm_fbdev_setup(dev, bpp)	drm_fbdev_generic_setup(dev, bpp)
#endif

/*
 * Before 6.15 the fbdev core's deferred I/O made every page a /dev/fb0
 * mapping faulted in point at the fb device file's mapping (page->mapping,
 * for its write-protect walk), and set it to NULL when /dev/fb0's last file
 * closed.  Since 6.11 the emulation hands it the pages of a GEM-shmem
 * object, which then no longer belong to their shmem file: the file's
 * truncation when the object is freed retries such a page forever.  6.15's
 * deferred I/O write-protects by range and leaves page->mapping alone.
 * Before 6.11 deferred I/O only ever sees the emulation's vmalloc shadow.
 */
#define VPDRM_FBDEFIO_TAKES_PAGE_MAPPING \
	(LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0) && \
	 LINUX_VERSION_CODE < KERNEL_VERSION(6, 15, 0))

/* 6.2 renamed struct drm_fb_helper's fb_info from .fbdev to .info. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define vpdrm_fb_helper_info(helper)	((helper)->info)
#else
#define vpdrm_fb_helper_info(helper)	((helper)->fbdev)
#endif

/*
 * 7.x renamed the atomic update, struct drm_atomic_state, to struct
 * drm_atomic_commit (6.12 has the old name, 7.3 the new one): drm-glue
 * writes struct vpdrm_atomic.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0)
#define vpdrm_atomic	drm_atomic_commit
#else
#define vpdrm_atomic	drm_atomic_state
#endif

/* Connector .mode_valid takes a const mode since 6.15 (6.12: not const). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 15, 0)
#define vpdrm_mode_valid_const	const
#else
#define vpdrm_mode_valid_const
#endif

/* struct drm_driver lost its .date in 6.14 (an initializer, with its comma). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 14, 0)
#define VPDRM_DRIVER_DATE(d)
#else
#define VPDRM_DRIVER_DATE(d)	.date = (d),
#endif

/*
 * .fb_create and drm_gem_fb_init_with_funcs() get the format info the core
 * looked up since 6.17 (7.3 has it, 6.12 not).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 17, 0)
#define VPDRM_FB_CREATE_ARGS(dev, file, info, cmd) \
	struct drm_device *dev, struct drm_file *file, \
	const struct drm_format_info *info, const struct drm_mode_fb_cmd2 *cmd
#define vpdrm_gem_fb_init_with_funcs(dev, fb, file, info, cmd, funcs) \
	drm_gem_fb_init_with_funcs(dev, fb, file, info, cmd, funcs)
#else
#define VPDRM_FB_CREATE_ARGS(dev, file, info, cmd) \
	struct drm_device *dev, struct drm_file *file, \
	const struct drm_mode_fb_cmd2 *cmd
#define vpdrm_gem_fb_init_with_funcs(dev, fb, file, info, cmd, funcs) \
	drm_gem_fb_init_with_funcs(dev, fb, file, cmd, funcs)
#endif

/*
 * Shadow planes: 6.2 moved the framebuffer's kernel mapping from
 * .prepare_fb/.cleanup_fb to .begin_fb_access/.end_fb_access and left
 * .prepare_fb to the GEM fence helper.  VPDRM_SHADOW_PLANE_HELPER_FUNCS()
 * lists the shadow-plane hooks with the driver's own .prepare_fb, which
 * calls vpdrm_shadow_prepare_fb() for what the helpers' did.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define VPDRM_SHADOW_PLANE_HELPER_FUNCS(prepare) \
	.prepare_fb = (prepare), DRM_GEM_SHADOW_PLANE_HELPER_FUNCS
#define vpdrm_shadow_prepare_fb		drm_gem_plane_helper_prepare_fb
#else
#define VPDRM_SHADOW_PLANE_HELPER_FUNCS(prepare) \
	.prepare_fb = (prepare), .cleanup_fb = drm_gem_cleanup_shadow_fb
#define vpdrm_shadow_prepare_fb		drm_gem_prepare_shadow_fb
#endif

/*
 * XRGB8888 to RGB565 (little endian): up to 6.15 with a byte-swap flag,
 * which then became drm_fb_xrgb8888_to_rgb565be() (7.3 has no flag).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
#define vpdrm_xrgb8888_to_rgb565(dst, pitch, src, fb, clip, state) \
	drm_fb_xrgb8888_to_rgb565(dst, pitch, src, fb, clip, state)
#else
#define vpdrm_xrgb8888_to_rgb565(dst, pitch, src, fb, clip, state) \
	VPDRM_CONV(drm_fb_xrgb8888_to_rgb565, dst, pitch, src, fb, clip, state, false)
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
