// SPDX-License-Identifier: GPL-2.0
/*
 * The cursor plane, on the miniport's pointer IOCTLs when the miniport
 * reports a hardware pointer (else swcursor.c draws it).  The image goes
 * down as ARGB8888 with its hot spot at (0,0) (the adapter layer reduces it
 * to AND/XOR masks for monochrome-only pointers); moves are
 * VIDEO_POINTER_POSITION updates.
 */
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem_atomic_helper.h>
#include <drm/drm_gem_framebuffer_helper.h>
#include <drm/drm_print.h>

#include "drm-glue/vpdrm.h"

#define VPDRM_CURSOR_MAX	256U

static const u32 vpdrm_cursor_formats[] = { DRM_FORMAT_ARGB8888 };

/* Callers hold drm_dev_enter() (or are detach). */
void vpdrm_cursor_hw_off(struct vpdrm_device *vdev)
{
	if (vdev->has_cursor)
		vp_adapter_enable_pointer(vdev->adapter, false);
}

/* A visible cursor plane's own checks, after plane.c's common ones. */
int vpdrm_cursor_check(struct vpdrm_device *vdev,
		       struct drm_atomic_state *state,
		       const struct drm_plane_state *new)
{
	if (vdev->sw_cursor)
		return vpdrm_swcursor_check(vdev, state, new);
	if (new->src_w >> 16 > vdev->pointer.max_width ||
	    new->src_h >> 16 > vdev->pointer.max_height)
		return -EINVAL;
	return 0;
}

/* Called by plane.c inside drm_dev_enter(), with the frame buffer mapped. */
void vpdrm_cursor_update(struct vpdrm_device *vdev,
			 const struct drm_plane_state *old,
			 struct drm_plane_state *new)
{
	struct drm_shadow_plane_state *shadow = to_drm_shadow_plane_state(new);
	struct drm_framebuffer *fb = new->fb;
	struct vp_adapter *a = vdev->adapter;

	if (!fb || !new->visible) {
		vp_adapter_enable_pointer(a, false);
		return;
	}

	/*
	 * New image: upload it (the miniport keeps a copy).  The whole
	 * source rectangle and the unclipped position go down: the pointer
	 * hardware clips at the screen edges itself, and the helpers' clipped
	 * src/dst would shift a pointer partly off the left or top edge twice.
	 */
	if (vdev->cursor_reload || old->fb != fb || !old->visible ||
	    old->src_x != new->src_x || old->src_y != new->src_y ||
	    old->src_w != new->src_w || old->src_h != new->src_h) {
		const u8 *src = shadow->data[0].vaddr;

		if (drm_gem_fb_begin_cpu_access(fb, DMA_FROM_DEVICE))
			return;
		src += (new->src_y >> 16) * fb->pitches[0] + (new->src_x >> 16) * 4;
		if (vp_adapter_set_pointer_argb(a, (const u32 *)src,
						new->src_w >> 16,
						new->src_h >> 16,
						fb->pitches[0]))
			drm_warn_once(&vdev->drm, "miniport refused the pointer\n");
		drm_gem_fb_end_cpu_access(fb, DMA_FROM_DEVICE);
		vdev->cursor_reload = false;
	}
	vp_adapter_move_pointer(a, new->crtc_x, new->crtc_y);
	vp_adapter_enable_pointer(a, true);
}

/*
 * The cursor plane: on the miniport's pointer if it has one, else drawn in
 * software (swcursor.c).
 */
int vpdrm_cursor_init(struct vpdrm_device *vdev)
{
	struct drm_device *dev = &vdev->drm;
	int ret;

	if (vp_adapter_pointer_caps(vdev->adapter, &vdev->pointer) ||
	    !(vdev->pointer.color || vdev->pointer.mono) ||
	    !vdev->pointer.max_width || !vdev->pointer.max_height)
		return vpdrm_swcursor_init(vdev);

	ret = vpdrm_plane_init(vdev, &vdev->cursor, DRM_PLANE_TYPE_CURSOR,
			       vpdrm_cursor_formats,
			       ARRAY_SIZE(vpdrm_cursor_formats));
	if (ret)
		return ret;
	/* The caps are the miniport's word: keep them to what cursors are. */
	vdev->pointer.max_width = min(vdev->pointer.max_width, VPDRM_CURSOR_MAX);
	vdev->pointer.max_height = min(vdev->pointer.max_height, VPDRM_CURSOR_MAX);
	dev->mode_config.cursor_width = vdev->pointer.max_width;
	dev->mode_config.cursor_height = vdev->pointer.max_height;
	vdev->has_cursor = true;
	return 0;
}
