// SPDX-License-Identifier: GPL-2.0
/*
 * Modes: which miniport modes drm-glue can scan out, in which DRM format,
 * and which miniport mode a (DRM mode, framebuffer format) pair resolves to.
 *
 * A miniport may offer one resolution at several depths.  DRM modes carry no
 * depth, so the connector lists each (width, height, refresh) once and the
 * primary plane's framebuffer format picks the depth at commit time
 * (vpdrm_mode_pick()).  VGA's 16-colour planar modes show C8 and XRGB8888
 * framebuffers (vga16.c); they are picked for a resolution only when no
 * packed layout shows the framebuffer, or when xrgb_depth asks for 4.
 */
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <drm/drm_edid.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_managed.h>
#include <drm/drm_modes.h>
#include <drm/drm_print.h>

#include "vpwrap/compat_drm.h"
#include "drm-glue/vpdrm.h"

/* VIDEO_MODE_INFORMATION.AttributeFlags */
#define VP_MODE_GRAPHICS	0x0002
#define VP_MODE_PALETTE_DRIVEN	0x0008

#define VPDRM_MAX_DIM		8192
#define VPDRM_DEFAULT_W		1024
#define VPDRM_DEFAULT_H		768

/*
 * Which depth XRGB8888/ARGB8888 framebuffers are shown in.  The deepest
 * offered is right for users; the tests set 24 or 16 to run the conversion
 * paths on miniports that also offer 32 bpp.
 */
static unsigned int xrgb_depth;
module_param(xrgb_depth, uint, 0644);
MODULE_PARM_DESC(xrgb_depth,
		 "Screen depth for XRGB8888 framebuffers if the miniport offers it: 32, 24, 16, 15, 4 (VGA 16 colours) (default 0: the deepest)");

static u32 vpdrm_depth_format(unsigned int depth)
{
	switch (depth) {
	case 32:
		return DRM_FORMAT_XRGB8888;
	case 24:
		return DRM_FORMAT_RGB888;
	case 16:
		return DRM_FORMAT_RGB565;
	case 15:
		return DRM_FORMAT_XRGB1555;
	case 4:
		return VPDRM_FORMAT_VGA16;
	}
	return DRM_FORMAT_XRGB8888;
}

/* The DRM format with the miniport mode's memory layout, 0 if none. */
static u32 vpdrm_mode_format(const struct vp_mode *m)
{
	u32 r = m->red_mask, g = m->green_mask, b = m->blue_mask;

	if (!(m->attributes & VP_MODE_GRAPHICS))
		return 0;
	switch (m->bpp) {
	case 32:
		if (r == 0xff0000 && g == 0xff00 && b == 0xff)
			return DRM_FORMAT_XRGB8888;
		break;
	case 24:
		if (r == 0xff0000 && g == 0xff00 && b == 0xff)
			return DRM_FORMAT_RGB888;
		break;
	case 16:
		if (r == 0xf800 && g == 0x07e0 && b == 0x001f)
			return DRM_FORMAT_RGB565;
		fallthrough;
	case 15:
		if (r == 0x7c00 && g == 0x03e0 && b == 0x001f)
			return DRM_FORMAT_XRGB1555;
		break;
	case 8:
		if (m->attributes & VP_MODE_PALETTE_DRIVEN)
			return DRM_FORMAT_C8;
		break;
	case 4:
		if (m->planes == 4 && (m->attributes & VP_MODE_PALETTE_DRIVEN))
			return VPDRM_FORMAT_VGA16;
		break;
	}
	return 0;
}

/*
 * Formats the primary plane can show on a mode of format @hw_format: the
 * same layout is a plain copy, XRGB8888/ARGB8888 convert to the direct-color
 * layouts (alpha is ignored: scanout is opaque).  C8 needs a C8 mode or
 * VGA's 16 colours, which show XRGB8888 too.
 */
bool vpdrm_format_convertible(u32 fb_format, u32 hw_format)
{
	if (fb_format == hw_format)
		return true;
	if (hw_format == VPDRM_FORMAT_VGA16)
		return fb_format == DRM_FORMAT_C8 ||
		       fb_format == DRM_FORMAT_XRGB8888 ||
		       fb_format == DRM_FORMAT_ARGB8888;
	if (fb_format != DRM_FORMAT_XRGB8888 && fb_format != DRM_FORMAT_ARGB8888)
		return false;
	switch (hw_format) {
	case DRM_FORMAT_XRGB8888:
	case DRM_FORMAT_RGB888:
	case DRM_FORMAT_RGB565:
		return true;
	case DRM_FORMAT_XRGB1555:
		return VPDRM_HAVE_XRGB1555_CONV;
	}
	return false;
}

static void vpdrm_add_format(struct vpdrm_device *vdev, u32 format)
{
	unsigned int i;

	for (i = 0; i < vdev->num_formats; i++)
		if (vdev->formats[i] == format)
			return;
	if (!WARN_ON(vdev->num_formats == ARRAY_SIZE(vdev->formats)))
		vdev->formats[vdev->num_formats++] = format;
}

/* Query the miniport's modes once; keep those we can scan out. */
int vpdrm_modes_init(struct vpdrm_device *vdev)
{
	struct drm_device *dev = &vdev->drm;
	u64 vram = vp_adapter_vram_size(vdev->adapter);
	struct vp_mode *vp;
	unsigned int i, count, n = 0;
	bool direct = false;
	int ret;

	ret = vp_adapter_query_modes(vdev->adapter, &vp, &count);
	if (ret)
		return ret;

	vdev->modes = drmm_kcalloc(dev, count ? count : 1, sizeof(*vdev->modes),
				   GFP_KERNEL);
	if (!vdev->modes) {
		kfree(vp);
		return -ENOMEM;
	}

	for (i = 0; i < count; i++) {
		const struct vp_mode *m = &vp[i];
		u32 format = vpdrm_mode_format(m);
		const struct drm_format_info *info;
		u32 min_stride;

		if (!format || !m->width || !m->height ||
		    m->width > VPDRM_MAX_DIM || m->height > VPDRM_MAX_DIM)
			continue;
		/* planar: each plane's line holds one bit per pixel */
		info = format == VPDRM_FORMAT_VGA16 ? NULL : drm_format_info(format);
		min_stride = info ? m->width * info->cpp[0] :
			     DIV_ROUND_UP(m->width, 8);
		/* A stride the miniport got wrong would scribble past lines. */
		if (m->stride < min_stride ||
		    (vram && (u64)m->stride * m->height > vram)) {
			drm_dbg_kms(dev, "mode %u %ux%u: bad stride %u\n",
				    m->index, m->width, m->height, m->stride);
			continue;
		}
		vdev->modes[n].vp = *m;
		vdev->modes[n].format = format;
		vdev->modes[n].info = info;
		n++;
		drm_dbg_kms(dev, "mode %u: %ux%u %u bpp %p4cc %u Hz\n",
			    m->index, m->width, m->height, m->bpp, &format,
			    m->refresh);
	}
	kfree(vp);
	vdev->num_modes = n;
	if (!n)
		return -ENODEV;
	ret = vpdrm_vga16_init(vdev);
	if (ret)
		return ret;

	/* Plane formats: XRGB8888 first, it is what userspace expects. */
	for (i = 0; i < n; i++)
		if (vdev->modes[i].format != DRM_FORMAT_C8 &&
		    vpdrm_format_convertible(DRM_FORMAT_XRGB8888,
					     vdev->modes[i].format))
			direct = true;
	if (direct) {
		vpdrm_add_format(vdev, DRM_FORMAT_XRGB8888);
		vpdrm_add_format(vdev, DRM_FORMAT_ARGB8888);
	}
	for (i = 0; i < n; i++)
		if (vdev->modes[i].format == VPDRM_FORMAT_VGA16)
			vpdrm_add_format(vdev, DRM_FORMAT_C8);
		else if (vdev->modes[i].format != DRM_FORMAT_XRGB8888 &&
			 vdev->modes[i].format != DRM_FORMAT_RGB888)
			vpdrm_add_format(vdev, vdev->modes[i].format);
	return 0;
}

/* Miniports report 0 or 1 for "the hardware default" refresh rate. */
static bool vpdrm_refresh_known(const struct vp_mode *m)
{
	return m->refresh > 1;
}

static bool vpdrm_mode_matches(const struct vpdrm_mode *vm,
			       const struct drm_display_mode *mode)
{
	if (vm->vp.width != mode->hdisplay || vm->vp.height != mode->vdisplay)
		return false;
	if (!vpdrm_refresh_known(&vm->vp))
		return true;
	return abs(drm_mode_vrefresh(mode) - (int)vm->vp.refresh) <= 1;
}

bool vpdrm_mode_offered(struct vpdrm_device *vdev,
			const struct drm_display_mode *mode)
{
	unsigned int i;

	if (mode->flags & DRM_MODE_FLAG_INTERLACE)
		return false;
	for (i = 0; i < vdev->num_modes; i++)
		if (vpdrm_mode_matches(&vdev->modes[i], mode))
			return true;
	return false;
}

/*
 * The miniport mode for @mode when scanning out a @fb_format framebuffer:
 * for XRGB8888/ARGB8888 the xrgb_depth layout if set and offered; else the
 * same layout if offered, else the deepest layout we can convert to (VGA's
 * 16 colours last).
 */
/* The xrgb_depth parameter (it may change at any time). */
unsigned int vpdrm_xrgb_depth(void)
{
	return READ_ONCE(xrgb_depth);
}

const struct vpdrm_mode *vpdrm_mode_pick(struct vpdrm_device *vdev,
					 const struct drm_display_mode *mode,
					 u32 fb_format)
{
	static const u32 from_xrgb[] = {
		DRM_FORMAT_XRGB8888, DRM_FORMAT_RGB888,
		DRM_FORMAT_RGB565, DRM_FORMAT_XRGB1555,
		VPDRM_FORMAT_VGA16,
	};
	const struct vpdrm_mode *best = NULL;
	unsigned int t, i;
	int best_diff = INT_MAX;

	/* the requested depth, the same layout, then deepest first */
	for (t = 0; t < ARRAY_SIZE(from_xrgb) + 2 && !best; t++) {
		u32 hw = t == 0 ? vpdrm_depth_format(READ_ONCE(xrgb_depth)) :
			 t == 1 ? fb_format : from_xrgb[t - 2];

		if (!vpdrm_format_convertible(fb_format, hw))
			continue;
		for (i = 0; i < vdev->num_modes; i++) {
			const struct vpdrm_mode *vm = &vdev->modes[i];
			int diff;

			if (vm->format != hw || !vpdrm_mode_matches(vm, mode))
				continue;
			diff = vpdrm_refresh_known(&vm->vp) ?
			       abs(drm_mode_vrefresh(mode) - (int)vm->vp.refresh) :
			       1000;
			if (diff < best_diff) {
				best = vm;
				best_diff = diff;
			}
		}
	}
	return best;
}

/*
 * Timings for a resolution the miniport sets by itself: DMT where VESA has
 * one, else CVT, else a plain blanking so that the refresh rate (which
 * drives the software vblank) comes out right.
 */
static struct drm_display_mode *vpdrm_mode_create(struct drm_device *dev,
						  u32 w, u32 h, int hz)
{
	struct drm_display_mode *m;

	m = drm_mode_find_dmt(dev, w, h, hz, false);
	if (!m)
		m = drm_cvt_mode(dev, w, h, hz, false, false, false);
	if (m && (m->hdisplay != w || m->vdisplay != h)) {
		drm_mode_destroy(dev, m);
		m = NULL;
	}
	if (!m) {
		m = drm_mode_create(dev);
		if (!m)
			return NULL;
		m->hdisplay = w;
		m->hsync_start = w + 16;
		m->hsync_end = w + 48;
		m->htotal = w + 160;
		m->vdisplay = h;
		m->vsync_start = h + 3;
		m->vsync_end = h + 6;
		m->vtotal = h + 30;
		m->clock = DIV_ROUND_UP(m->htotal * m->vtotal * hz, 1000);
	}
	m->type = DRM_MODE_TYPE_DRIVER;
	drm_mode_set_name(m);
	return m;
}

/*
 * Add one DRM mode per distinct (width, height, refresh) to @connector.
 * The preferred one is @pref_w x @pref_h (from the EDID) if offered, else
 * 1024x768 if offered.
 */
int vpdrm_modes_add(struct vpdrm_device *vdev, struct drm_connector *connector,
		    u32 pref_w, u32 pref_h)
{
	struct drm_device *dev = &vdev->drm;
	struct drm_display_mode *m, *pref = NULL, *fallback = NULL;
	unsigned int i, j;
	int count = 0;

	for (i = 0; i < vdev->num_modes; i++) {
		const struct vp_mode *vp = &vdev->modes[i].vp;
		int hz = vpdrm_refresh_known(vp) ? vp->refresh : 60;

		for (j = 0; j < i; j++) {
			const struct vp_mode *o = &vdev->modes[j].vp;

			if (o->width == vp->width && o->height == vp->height &&
			    o->refresh == vp->refresh)
				break;
		}
		if (j < i)
			continue;

		m = vpdrm_mode_create(dev, vp->width, vp->height, hz);
		if (!m)
			continue;
		if (!pref && vp->width == pref_w && vp->height == pref_h)
			pref = m;
		if (!fallback && vp->width == VPDRM_DEFAULT_W &&
		    vp->height == VPDRM_DEFAULT_H)
			fallback = m;
		drm_mode_probed_add(connector, m);
		count++;
	}
	if (!pref)
		pref = fallback;
	if (pref)
		pref->type |= DRM_MODE_TYPE_PREFERRED;
	return count;
}
