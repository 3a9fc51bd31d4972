// SPDX-License-Identifier: GPL-2.0
/*
 * The software cursor, for miniports without a hardware pointer: the cursor
 * plane's image is blended over the primary plane's picture on its way into
 * the frame buffer, so that the legacy cursor ioctls and cursor planes work
 * on every adapter.
 *
 * Each plane redraws what the other one shows, so a commit that holds
 * either plane gets the other too if that one is on (atomic_check adds it,
 * which also maps its framebuffer for the commit):
 *  - the primary plane's copy of its damage draws the cursor again where the
 *    damage went over it (plane.c);
 *  - a cursor that moved or changed gets its old place repaired from the
 *    primary plane's framebuffer and is drawn at its new place (here).
 * A commit that holds the primary plane only for the cursor's sake copies
 * no damage of the primary plane's own.
 *
 * The cursor is blended over XRGB8888 and ARGB8888 pictures (what fbcon and
 * desktops use), premultiplied as DRM cursors are; a visible cursor over a
 * picture in another format is refused at check.
 */
#include <linux/iosys-map.h>
#include <drm/drm_atomic.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem_atomic_helper.h>
#include <drm/drm_gem_framebuffer_helper.h>
#include <drm/drm_managed.h>
#include <drm/drm_modeset_lock.h>
#include <drm/drm_print.h>
#include <drm/drm_rect.h>

#include "vpwrap/compat_drm.h"
#include "drm-glue/vpdrm.h"

#define VPDRM_SWCURSOR_SIZE	64U

static const u32 vpdrm_swcursor_formats[] = { DRM_FORMAT_ARGB8888 };

/* Premultiplied ARGB @src over XRGB @dst. */
static u32 vpdrm_swcursor_blend(u32 dst, u32 src)
{
	u32 a = src >> 24, out = 0;
	unsigned int shift;

	if (a == 0xff)
		return src & 0xffffff;
	if (!src)
		return dst;
	for (shift = 0; shift < 24; shift += 8) {
		u32 c = (src >> shift) & 0xff;
		u32 d = (dst >> shift) & 0xff;

		out |= min(c + DIV_ROUND_CLOSEST(d * (0xff - a), 0xff), 0xffU)
		       << shift;
	}
	return out;
}

/*
 * Draw @cursor over @area (screen coordinates): the primary plane's pixels
 * there blended with the cursor's, converted to the screen's format.
 * Callers are inside drm_dev_enter() with the frame buffer mapped and CPU
 * access to the primary plane's framebuffer begun.
 */
void vpdrm_swcursor_draw(struct vpdrm_device *vdev,
			 struct drm_plane_state *primary,
			 struct drm_plane_state *cursor,
			 const struct drm_rect *area,
			 struct drm_format_conv_state *conv)
{
	struct vpdrm_swcursor *swc = &vdev->swc;
	const struct vp_mode *m = &vdev->hw_mode->vp;
	const u8 *pbase, *cbase;
	struct iosys_map dst, src;
	struct drm_rect r, clip;
	unsigned int w, h, x, y;
	int px, py, cx, cy;

	if (!cursor || !cursor->visible || !cursor->fb ||
	    !primary->visible || !primary->fb)
		return;
	r = cursor->dst;
	if (!drm_rect_intersect(&r, area) || !drm_rect_intersect(&r, &primary->dst))
		return;
	/* check held the cursor to the scratch's size; stay inside it anyway */
	w = min_t(unsigned int, drm_rect_width(&r), VPDRM_SWCURSOR_SIZE);
	h = min_t(unsigned int, drm_rect_height(&r), VPDRM_SWCURSOR_SIZE);

	/* Where the rectangle starts in either framebuffer. */
	px = r.x1 - primary->dst.x1 + (primary->src.x1 >> 16);
	py = r.y1 - primary->dst.y1 + (primary->src.y1 >> 16);
	cx = r.x1 - cursor->dst.x1 + (cursor->src.x1 >> 16);
	cy = r.y1 - cursor->dst.y1 + (cursor->src.y1 >> 16);
	pbase = to_drm_shadow_plane_state(primary)->data[0].vaddr;
	cbase = to_drm_shadow_plane_state(cursor)->data[0].vaddr;

	if (drm_gem_fb_begin_cpu_access(cursor->fb, DMA_FROM_DEVICE))
		return;
	for (y = 0; y < h; y++) {
		const u32 *p = (const u32 *)(pbase + (py + y) * primary->fb->pitches[0]) + px;
		const u32 *c = (const u32 *)(cbase + (cy + y) * cursor->fb->pitches[0]) + cx;
		u32 *out = swc->pixels + y * VPDRM_SWCURSOR_SIZE;

		for (x = 0; x < w; x++)
			out[x] = vpdrm_swcursor_blend(p[x], c[x]);
	}
	drm_gem_fb_end_cpu_access(cursor->fb, DMA_FROM_DEVICE);

	iosys_map_set_vaddr(&src, swc->pixels);
	clip = DRM_RECT_INIT(0, 0, w, h);
	vpdrm_screen_map(vdev, &dst);
	iosys_map_incr(&dst, drm_fb_clip_offset(m->stride, vdev->hw_mode->info,
						&r));
	vpdrm_blit(&dst, m->stride, vdev->hw_mode->format, &src, &swc->fb,
		   &clip, conv);
}

/*
 * The cursor plane's update and disable: repair the old place, draw at the
 * new one.  Called by plane.c inside drm_dev_enter(), with the frame buffer
 * mapped; @new is not visible when the cursor goes off.
 */
void vpdrm_swcursor_update(struct vpdrm_device *vdev,
			   struct vpdrm_atomic *state,
			   struct drm_plane_state *old,
			   struct drm_plane_state *new)
{
	struct drm_format_conv_state *conv =
		VPDRM_CONV_STATE(to_drm_shadow_plane_state(new));
	struct drm_plane_state *primary;
	struct drm_crtc_state *cs;
	struct drm_rect r;

	primary = drm_atomic_get_new_plane_state(state, &vdev->primary);
	if (!primary || !primary->fb || !primary->visible)
		return;
	/* The layout atomic_check validated must be the one on screen. */
	cs = drm_atomic_get_new_crtc_state(state, primary->crtc);
	if (!cs || to_vpdrm_crtc_state(cs)->vmode != vdev->hw_mode)
		return;
	/* Unchanged (in the commit for the primary plane's sake): done. */
	if (old->visible == new->visible && old->fb == new->fb &&
	    drm_rect_equals(&old->dst, &new->dst) &&
	    drm_rect_equals(&old->src, &new->src))
		return;
	if (drm_gem_fb_begin_cpu_access(primary->fb, DMA_FROM_DEVICE))
		return;
	r = old->dst;
	if (old->visible && drm_rect_intersect(&r, &primary->dst)) {
		/* screen to primary framebuffer coordinates */
		drm_rect_translate(&r, (primary->src.x1 >> 16) - primary->dst.x1,
				   (primary->src.y1 >> 16) - primary->dst.y1);
		vpdrm_primary_copy(vdev, primary, &r, conv);
	}
	if (new->visible)
		vpdrm_swcursor_draw(vdev, primary, new, &new->dst, conv);
	drm_gem_fb_end_cpu_access(primary->fb, DMA_FROM_DEVICE);
}

/*
 * atomic_check of either plane: add the other plane to the commit.  A
 * primary plane added for the cursor is marked so that its update copies
 * nothing of its own.
 */
int vpdrm_swcursor_add_planes(struct vpdrm_device *vdev,
			      struct vpdrm_atomic *state,
			      struct drm_plane *plane)
{
	struct drm_plane *other;
	struct drm_plane_state *ps;
	struct drm_crtc_state *cs;
	int ret;

	if (!vdev->sw_cursor)
		return 0;
	other = plane == &vdev->primary ? &vdev->cursor : &vdev->primary;
	if (drm_atomic_get_new_plane_state(state, other))
		return 0;
	/*
	 * A plane that is off shows nothing to redraw: leave it out, so that
	 * the commit does not wait on it (a plane without a CRTC is tracked
	 * by a stand-in commit, which a nonblocking flip finds still busy).
	 */
	ret = drm_modeset_lock(&other->mutex, state->acquire_ctx);
	if (ret)
		return ret;
	if (!other->state->crtc)
		return 0;
	ps = drm_atomic_get_plane_state(state, other);
	if (IS_ERR(ps))
		return PTR_ERR(ps);
	if (other == &vdev->primary && ps->crtc) {
		cs = drm_atomic_get_crtc_state(state, ps->crtc);
		if (IS_ERR(cs))
			return PTR_ERR(cs);
		to_vpdrm_crtc_state(cs)->primary_for_cursor = true;
	}
	return 0;
}

/* A visible software cursor: its size, and a picture it can be blended on. */
int vpdrm_swcursor_check(struct vpdrm_device *vdev,
			 struct vpdrm_atomic *state,
			 const struct drm_plane_state *new)
{
	const struct drm_plane_state *primary =
		drm_atomic_get_new_plane_state(state, &vdev->primary);
	struct drm_crtc_state *cs =
		drm_atomic_get_new_crtc_state(state, &vdev->crtc);

	/* VGA's planes take no blended picture: no cursor over 16 colours */
	if (cs && to_vpdrm_crtc_state(cs)->vmode &&
	    to_vpdrm_crtc_state(cs)->vmode->format == VPDRM_FORMAT_VGA16)
		return -EINVAL;
	if (new->src_w >> 16 > VPDRM_SWCURSOR_SIZE ||
	    new->src_h >> 16 > VPDRM_SWCURSOR_SIZE)
		return -EINVAL;
	if (!primary || !primary->fb)
		return 0;	/* nothing shown: nothing to draw over */
	switch (primary->fb->format->format) {
	case DRM_FORMAT_XRGB8888:
	case DRM_FORMAT_ARGB8888:
		return 0;
	}
	drm_dbg_atomic(&vdev->drm, "software cursor over %p4cc refused\n",
		       &primary->fb->format->format);
	return -EINVAL;
}

int vpdrm_swcursor_init(struct vpdrm_device *vdev)
{
	struct drm_device *dev = &vdev->drm;
	struct vpdrm_swcursor *swc = &vdev->swc;
	int ret;

	swc->pixels = drmm_kmalloc_array(dev, VPDRM_SWCURSOR_SIZE *
					 VPDRM_SWCURSOR_SIZE, sizeof(u32),
					 GFP_KERNEL);
	if (!swc->pixels)
		return -ENOMEM;
	swc->fb.format = drm_format_info(DRM_FORMAT_XRGB8888);
	swc->fb.pitches[0] = VPDRM_SWCURSOR_SIZE * sizeof(u32);
	swc->fb.width = VPDRM_SWCURSOR_SIZE;
	swc->fb.height = VPDRM_SWCURSOR_SIZE;

	ret = vpdrm_plane_init(vdev, &vdev->cursor, DRM_PLANE_TYPE_CURSOR,
			       vpdrm_swcursor_formats,
			       ARRAY_SIZE(vpdrm_swcursor_formats));
	if (ret)
		return ret;
	dev->mode_config.cursor_width = VPDRM_SWCURSOR_SIZE;
	dev->mode_config.cursor_height = VPDRM_SWCURSOR_SIZE;
	vdev->sw_cursor = true;
	return 0;
}
