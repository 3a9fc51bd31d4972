// SPDX-License-Identifier: GPL-2.0
/*
 * The planes: GEM-shmem framebuffers, shadow-plane mapped.  Both planes have
 * the one set of atomic hooks here, which does what the two have in common
 * (the checks, entering the hardware) once and then hands over to the
 * plane's own code (the cursor's is in cursor.c).  The primary plane's own
 * job is here: its framebuffer is copied (and converted) damage rectangle by
 * damage rectangle into the frame buffer the miniport mapped for the mode.
 */
#include <linux/iosys-map.h>
#include <drm/drm_atomic.h>
#include <drm/drm_atomic_helper.h>
#include <drm/drm_damage_helper.h>
#include <drm/drm_drv.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem_atomic_helper.h>
#include <drm/drm_gem_framebuffer_helper.h>
#include <drm/drm_modeset_helper_vtables.h>
#include <drm/drm_rect.h>

#include "vpwrap/compat_drm.h"
#include "drm-glue/vpdrm.h"

static const u64 vpdrm_modifiers[] = {
	DRM_FORMAT_MOD_LINEAR,
	DRM_FORMAT_MOD_INVALID
};

/* The visible frame buffer of the current mode, as an I/O mapping. */
void vpdrm_screen_map(struct vpdrm_device *vdev, struct iosys_map *map)
{
	iosys_map_set_vaddr_iomem(map, vdev->fb.vaddr + vdev->fb.offset);
}

void vpdrm_screen_clear(struct vpdrm_device *vdev)
{
	const struct vp_mode *m = &vdev->hw_mode->vp;

	if (vdev->hw_mode->format == VPDRM_FORMAT_VGA16) {
		vpdrm_vga16_clear(vdev);
		return;
	}
	memset_io(vdev->fb.vaddr + vdev->fb.offset, 0, m->stride * m->height);
}

/* Copy @clip of @fb (framebuffer coordinates) to @dst (its first byte). */
void vpdrm_blit(struct iosys_map *dst, unsigned int pitch, u32 hw_format,
		       const struct iosys_map *src, struct drm_framebuffer *fb,
		       const struct drm_rect *clip,
		       struct drm_format_conv_state *state)
{
	const unsigned int pitches[DRM_FORMAT_MAX_PLANES] = { pitch };

	if (fb->format->format == hw_format ||
	    (hw_format == DRM_FORMAT_XRGB8888 &&
	     fb->format->format == DRM_FORMAT_ARGB8888)) {
		drm_fb_memcpy(dst, pitches, src, fb, clip);
		return;
	}
	switch (hw_format) {
	case DRM_FORMAT_RGB888:
		VPDRM_CONV(drm_fb_xrgb8888_to_rgb888, dst, pitches, src, fb,
			   clip, state);
		break;
	case DRM_FORMAT_RGB565:
		vpdrm_xrgb8888_to_rgb565(dst, pitches, src, fb, clip, state);
		break;
#if VPDRM_HAVE_XRGB1555_CONV
	case DRM_FORMAT_XRGB1555:
		VPDRM_CONV(drm_fb_xrgb8888_to_xrgb1555, dst, pitches, src, fb,
			   clip, state);
		break;
#endif
	default:
		/* atomic_check let through a pair we cannot convert */
		WARN_ON_ONCE(1);
	}
}

/* A visible primary plane's own checks, after the common ones. */
static int vpdrm_primary_check(const struct drm_plane_state *new,
			       struct drm_crtc_state *crtc_state)
{
	/* vpdrm_atomic_check() resolved the mode for this framebuffer. */
	const struct vpdrm_mode *vmode = to_vpdrm_crtc_state(crtc_state)->vmode;

	if (!vmode ||
	    !vpdrm_format_convertible(new->fb->format->format, vmode->format))
		return -EINVAL;
	return 0;
}

/*
 * Copy @clip of the primary plane's framebuffer (framebuffer coordinates,
 * inside its source rectangle) to where the screen shows it.
 */
void vpdrm_primary_copy(struct vpdrm_device *vdev,
			struct drm_plane_state *primary,
			const struct drm_rect *clip,
			struct drm_format_conv_state *conv)
{
	struct drm_shadow_plane_state *shadow = to_drm_shadow_plane_state(primary);
	const struct vp_mode *m = &vdev->hw_mode->vp;
	struct drm_rect dst_clip = *clip;
	struct iosys_map dst;

	if (vdev->hw_mode->format == VPDRM_FORMAT_VGA16) {
		vpdrm_vga16_copy(vdev, primary, clip);
		return;
	}
	/*
	 * The screen shows the plane's source rectangle at the CRTC's
	 * origin.  The destination offset takes the *screen's* bytes per
	 * pixel, which differs from the framebuffer's when converting.
	 */
	drm_rect_translate(&dst_clip, primary->dst.x1 - (primary->src.x1 >> 16),
			   primary->dst.y1 - (primary->src.y1 >> 16));
	vpdrm_screen_map(vdev, &dst);
	iosys_map_incr(&dst, drm_fb_clip_offset(m->stride, vdev->hw_mode->info,
						&dst_clip));
	vpdrm_blit(&dst, m->stride, vdev->hw_mode->format, &shadow->data[0],
		   primary->fb, clip, conv);
}

/*
 * Copy the primary plane's damage to the screen, and draw the software
 * cursor again where the copy went over it.  A commit that holds the
 * primary plane only for the software cursor's sake has no damage of its
 * own to copy.
 */
static void vpdrm_primary_update(struct vpdrm_device *vdev,
				 struct vpdrm_atomic *state,
				 const struct drm_plane_state *old,
				 struct drm_plane_state *new)
{
	struct drm_format_conv_state *conv =
		VPDRM_CONV_STATE(to_drm_shadow_plane_state(new));
	struct drm_plane_state *cursor = NULL;
	struct drm_framebuffer *fb = new->fb;
	struct drm_atomic_helper_damage_iter iter;
	struct drm_crtc_state *crtc_state;
	struct drm_rect damage;

	if (!fb || !new->visible)
		return;
	/* The layout atomic_check validated must be the one on screen. */
	crtc_state = drm_atomic_get_new_crtc_state(state, new->crtc);
	if (!crtc_state ||
	    to_vpdrm_crtc_state(crtc_state)->vmode != vdev->hw_mode ||
	    to_vpdrm_crtc_state(crtc_state)->primary_for_cursor)
		return;
	/* The buffer in video memory: what userspace drew is on screen. */
	if (vpdrm_zc_primary(vdev, old, new,
			     drm_atomic_crtc_needs_modeset(crtc_state)))
		return;
	if (vdev->sw_cursor)
		cursor = drm_atomic_get_new_plane_state(state, &vdev->cursor);
	if (drm_gem_fb_begin_cpu_access(fb, DMA_FROM_DEVICE))
		return;

	drm_atomic_helper_damage_iter_init(&iter, old, new);
	drm_atomic_for_each_plane_damage(&iter, &damage) {
		struct drm_rect screen = damage;

		vpdrm_primary_copy(vdev, new, &damage, conv);
		if (!cursor)
			continue;
		drm_rect_translate(&screen, new->dst.x1 - (new->src.x1 >> 16),
				   new->dst.y1 - (new->src.y1 >> 16));
		vpdrm_swcursor_draw(vdev, new, cursor, &screen, conv);
	}
	drm_gem_fb_end_cpu_access(fb, DMA_FROM_DEVICE);
}

/*
 * Both planes: unscaled, on the CRTC's state (added to the commit if
 * missing); the primary plane must cover the whole CRTC.  A visible plane
 * then gets its own checks.
 */
static int vpdrm_plane_atomic_check(struct drm_plane *plane,
				    struct vpdrm_atomic *state)
{
	struct drm_plane_state *new = drm_atomic_get_new_plane_state(state, plane);
	bool cursor = plane->type == DRM_PLANE_TYPE_CURSOR;
	struct drm_crtc_state *cs = NULL;
	int ret;

	if (new->crtc) {
		cs = drm_atomic_get_crtc_state(state, new->crtc);
		if (IS_ERR(cs))
			return PTR_ERR(cs);
	}
	ret = drm_atomic_helper_check_plane_state(new, cs,
						  DRM_PLANE_NO_SCALING,
						  DRM_PLANE_NO_SCALING,
						  cursor, cursor);
	if (ret)
		return ret;
	/* Either plane of a software cursor redraws what the other shows. */
	ret = vpdrm_swcursor_add_planes(to_vpdrm(plane->dev), state, plane);
	if (ret || !new->visible)
		return ret;
	if (plane->type == DRM_PLANE_TYPE_PRIMARY)
		return vpdrm_primary_check(new, cs);
	return vpdrm_cursor_check(to_vpdrm(plane->dev), state, new);
}

/*
 * The planes reach the miniport only while the device is plugged and only
 * once a mode is set: without a mapped frame buffer (no mode set, or the
 * CRTC's failed earlier in this commit tail) there is neither a picture to
 * copy into nor a pointer to show or hide.  True inside drm_dev_enter().
 */
static bool vpdrm_plane_hw_enter(struct vpdrm_device *vdev, int *idx)
{
	return vdev->fb_mapped && drm_dev_enter(&vdev->drm, idx);
}

static void vpdrm_plane_atomic_update(struct drm_plane *plane,
				      struct vpdrm_atomic *state)
{
	struct vpdrm_device *vdev = to_vpdrm(plane->dev);
	struct drm_plane_state *new = drm_atomic_get_new_plane_state(state, plane);
	struct drm_plane_state *old = drm_atomic_get_old_plane_state(state, plane);
	int idx;

	if (!vpdrm_plane_hw_enter(vdev, &idx))
		return;
	if (plane->type == DRM_PLANE_TYPE_PRIMARY)
		vpdrm_primary_update(vdev, state, old, new);
	else if (vdev->sw_cursor)
		vpdrm_swcursor_update(vdev, state, old, new);
	else
		vpdrm_cursor_update(vdev, old, new);
	drm_dev_exit(idx);
}

/*
 * Plane off: black instead of a stale picture for the primary plane, the
 * pointer hidden for the cursor plane (the picture repaired where a
 * software cursor was).
 */
static void vpdrm_plane_atomic_disable(struct drm_plane *plane,
				       struct vpdrm_atomic *state)
{
	struct vpdrm_device *vdev = to_vpdrm(plane->dev);
	int idx;

	if (!vpdrm_plane_hw_enter(vdev, &idx))
		return;
	if (plane->type == DRM_PLANE_TYPE_PRIMARY)
		vpdrm_screen_clear(vdev);
	else if (vdev->sw_cursor)
		vpdrm_swcursor_update(vdev, state,
				      drm_atomic_get_old_plane_state(state, plane),
				      drm_atomic_get_new_plane_state(state, plane));
	else
		vpdrm_cursor_hw_off(vdev);
	drm_dev_exit(idx);
}

/* The framebuffer keeps its kernel mapping from its first showing on (fb.c). */
static int vpdrm_plane_prepare_fb(struct drm_plane *plane,
				  struct drm_plane_state *state)
{
	if (state->fb)
		vpdrm_fb_keep_mapped(state->fb);
	return vpdrm_shadow_prepare_fb(plane, state);
}

static const struct drm_plane_helper_funcs vpdrm_plane_helper_funcs = {
	VPDRM_SHADOW_PLANE_HELPER_FUNCS(vpdrm_plane_prepare_fb),
	.atomic_check = vpdrm_plane_atomic_check,
	.atomic_update = vpdrm_plane_atomic_update,
	.atomic_disable = vpdrm_plane_atomic_disable,
};

/* Both planes are shadow-buffered GEM planes that take linear buffers only. */
static const struct drm_plane_funcs vpdrm_plane_funcs = {
	.update_plane = drm_atomic_helper_update_plane,
	.disable_plane = drm_atomic_helper_disable_plane,
	.destroy = drm_plane_cleanup,
	DRM_GEM_SHADOW_PLANE_FUNCS,
};

int vpdrm_plane_init(struct vpdrm_device *vdev, struct drm_plane *plane,
		     enum drm_plane_type type, const u32 *formats,
		     unsigned int num_formats)
{
	int ret;

	ret = drm_universal_plane_init(&vdev->drm, plane, 0, &vpdrm_plane_funcs,
				       formats, num_formats, vpdrm_modifiers,
				       type, NULL);
	if (ret)
		return ret;
	drm_plane_helper_add(plane, &vpdrm_plane_helper_funcs);
	return 0;
}

int vpdrm_primary_init(struct vpdrm_device *vdev)
{
	int ret;

	ret = vpdrm_plane_init(vdev, &vdev->primary, DRM_PLANE_TYPE_PRIMARY,
			       vdev->formats, vdev->num_formats);
	if (ret)
		return ret;
	drm_plane_enable_fb_damage_clips(&vdev->primary);
	return 0;
}
