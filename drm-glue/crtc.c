// SPDX-License-Identifier: GPL-2.0
/*
 * The CRTC: mode sets (SET_CURRENT_MODE + MAP_VIDEO_MEMORY), DPMS (power
 * IOCTLs), the palette of 8 bpp modes (gamma LUT -> SET_COLOR_REGISTERS),
 * and the device-wide atomic_check that resolves a DRM mode plus a primary
 * framebuffer format to one miniport mode.
 */
#include <linux/slab.h>
#include <drm/drm_atomic.h>
#include <drm/drm_atomic_helper.h>
#include <drm/drm_color_mgmt.h>
#include <drm/drm_drv.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_modeset_helper_vtables.h>
#include <drm/drm_print.h>
#include <drm/drm_vblank.h>

#include "drm-glue/vpdrm.h"

#define VPDRM_PALETTE_SIZE	256

/* Hardware side; callers hold drm_dev_enter() (or are detach). */

static void vpdrm_hw_unmap(struct vpdrm_device *vdev)
{
	/* A buffer living in the frame buffer moves out before it goes. */
	vpdrm_zc_evict(vdev);
	if (vdev->fb_mapped) {
		vp_adapter_unmap_fb(vdev->adapter, &vdev->fb);
		vdev->fb_mapped = false;
	}
	WRITE_ONCE(vdev->hw_mode, NULL);
}

/*
 * DPMS reaches the monitors (each connector's monitor child), not the
 * adapter, as Windows' display driver asks for it: the adapter keeps its
 * mode and video memory.
 */
static void vpdrm_monitors_power(struct vpdrm_device *vdev,
				 enum vp_power_state state)
{
	unsigned int i;

	for (i = 0; i < vdev->num_outputs; i++)
		vp_adapter_set_monitor_power(vdev->adapter,
					     vdev->outputs[i].monitor, state);
}

/*
 * Set @vm and map its frame buffer.  @covered: the primary plane shows a
 * framebuffer in this commit and redraws the whole screen, so the new
 * mode's frame buffer need not be cleared first.
 */
static int vpdrm_hw_set_mode(struct vpdrm_device *vdev,
			     const struct vpdrm_mode *vm, bool covered)
{
	struct drm_device *dev = &vdev->drm;
	u64 need = (u64)vm->vp.stride * vm->vp.height;
	int ret;

	/* The mode is on screen already (atomic_disable kept it): keep it. */
	if (vdev->hw_mode == vm && vdev->fb_mapped && !vdev->powered_off)
		return 0;
	vpdrm_hw_unmap(vdev);
	if (vdev->powered_off) {
		vpdrm_monitors_power(vdev, VP_POWER_ON);
		vdev->powered_off = false;
	}
	ret = vp_adapter_set_mode(vdev->adapter, vm->vp.index);
	if (ret) {
		dev_err_ratelimited(dev->dev, "miniport mode %u (%ux%u, %u bpp) failed: %d\n",
				    vm->vp.index, vm->vp.width, vm->vp.height,
				    vm->vp.bpp, ret);
		return ret;
	}
	ret = vp_adapter_map_fb(vdev->adapter, &vdev->fb);
	if (ret) {
		dev_err_ratelimited(dev->dev, "mapping the frame buffer failed: %d\n", ret);
		return ret;
	}
	vdev->fb_mapped = true;
	/* The miniport's length is untrusted: never write past it. */
	if (!vdev->fb.vaddr || vdev->fb.offset > vdev->fb.size ||
	    vdev->fb.size - vdev->fb.offset < need) {
		dev_err_ratelimited(dev->dev, "frame buffer too small for mode %u: %zu bytes at +%u, need %llu\n",
				    vm->vp.index, vdev->fb.size, vdev->fb.offset, need);
		vpdrm_hw_unmap(vdev);
		return -EPROTO;
	}
	WRITE_ONCE(vdev->hw_mode, vm);	/* sysfs "mode" reads it */
	vdev->cursor_reload = true;
	if (!covered)
		vpdrm_screen_clear(vdev);
	return 0;
}

/*
 * 16-bit LUT component to the 8 bits SET_COLOR_REGISTERS takes, rounded to
 * nearest.  drm_color_lut_extract() rounds by the dropped low byte instead,
 * which turns 0xcbcb (203 scaled up the usual way, x * 0x101) into 204.
 */
static u8 vpdrm_lut_to_u8(u16 v)
{
	return DIV_ROUND_CLOSEST(v * 255U, 0xffff);
}

/*
 * The palette of an 8 bpp mode: the gamma LUT.  VGA's 16 colours: the LUT's
 * first 16 entries under a C8 framebuffer, the default VGA colours that
 * XRGB8888 was converted to under any other (and without a LUT).
 */
static void vpdrm_hw_load_palette(struct vpdrm_device *vdev,
				  const struct drm_property_blob *gamma_lut)
{
	const struct drm_framebuffer *fb = vdev->primary.state->fb;
	bool vga16 = vdev->hw_mode->format == VPDRM_FORMAT_VGA16;
	unsigned int i, n = vga16 ? VPDRM_VGA16_COLORS : VPDRM_PALETTE_SIZE;
	u8 *rgb;

	if (vga16 && (!fb || fb->format->format != DRM_FORMAT_C8))
		gamma_lut = NULL;
	rgb = kmalloc_array(3, n, GFP_KERNEL);
	if (!rgb)
		return;
	for (i = 0; i < n; i++) {
		if (gamma_lut) {
			const struct drm_color_lut *lut = gamma_lut->data;

			rgb[i] = vpdrm_lut_to_u8(lut[i].red);
			rgb[n + i] = vpdrm_lut_to_u8(lut[i].green);
			rgb[2 * n + i] = vpdrm_lut_to_u8(lut[i].blue);
		} else if (vga16) {
			rgb[i] = vpdrm_vga16_colors[i][0];
			rgb[n + i] = vpdrm_vga16_colors[i][1];
			rgb[2 * n + i] = vpdrm_vga16_colors[i][2];
		} else {
			/* no LUT: a grey ramp, so that C8 shows something */
			rgb[i] = i;
			rgb[VPDRM_PALETTE_SIZE + i] = i;
			rgb[2 * VPDRM_PALETTE_SIZE + i] = i;
		}
	}
	if (vp_adapter_set_palette(vdev->adapter, 0, n, rgb, rgb + n, rgb + 2 * n))
		drm_warn_once(&vdev->drm, "miniport refused the palette\n");
	kfree(rgb);
}

/* Detach: the device is unplugged, give the miniport its resources back. */
void vpdrm_hw_shutdown(struct vpdrm_device *vdev)
{
	vpdrm_vblank_stop(vdev);
	if (vdev->fb_mapped)
		vpdrm_cursor_hw_off(vdev);
	vpdrm_hw_unmap(vdev);
}

/* CRTC state with the resolved miniport mode. */

static void vpdrm_crtc_destroy_state(struct drm_crtc *crtc,
				     struct drm_crtc_state *state)
{
	__drm_atomic_helper_crtc_destroy_state(state);
	kfree(to_vpdrm_crtc_state(state));
}

static void vpdrm_crtc_reset(struct drm_crtc *crtc)
{
	struct vpdrm_crtc_state *s;

	if (crtc->state)
		vpdrm_crtc_destroy_state(crtc, crtc->state);
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	__drm_atomic_helper_crtc_reset(crtc, s ? &s->base : NULL);
}

static struct drm_crtc_state *
vpdrm_crtc_duplicate_state(struct drm_crtc *crtc)
{
	struct vpdrm_crtc_state *s;

	if (WARN_ON(!crtc->state))
		return NULL;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	__drm_atomic_helper_crtc_duplicate_state(crtc, &s->base);
	s->vmode = to_vpdrm_crtc_state(crtc->state)->vmode;
	s->xrgb_depth = to_vpdrm_crtc_state(crtc->state)->xrgb_depth;
	return &s->base;
}

/* The software vblank timer always runs while the CRTC is on. */
static int vpdrm_crtc_enable_vblank(struct drm_crtc *crtc)
{
	return 0;
}

static void vpdrm_crtc_disable_vblank(struct drm_crtc *crtc)
{
}

/* The CRTC's debugfs directory also tells where the console draws. */
static int vpdrm_crtc_late_register(struct drm_crtc *crtc)
{
	vpdrm_fbdev_debugfs(to_vpdrm(crtc->dev), crtc->debugfs_entry);
	return 0;
}

static const struct drm_crtc_funcs vpdrm_crtc_funcs = {
	.late_register = vpdrm_crtc_late_register,
	.reset = vpdrm_crtc_reset,
	.destroy = drm_crtc_cleanup,
	.set_config = drm_atomic_helper_set_config,
	.page_flip = drm_atomic_helper_page_flip,
	.atomic_duplicate_state = vpdrm_crtc_duplicate_state,
	.atomic_destroy_state = vpdrm_crtc_destroy_state,
	.enable_vblank = vpdrm_crtc_enable_vblank,
	.disable_vblank = vpdrm_crtc_disable_vblank,
	.get_vblank_timestamp = vpdrm_crtc_get_vblank_timestamp,
	.set_crc_source = vpdrm_crtc_set_crc_source,
	.verify_crc_source = vpdrm_crtc_verify_crc_source,
	.get_crc_sources = vpdrm_crtc_get_crc_sources,
};

static enum drm_mode_status
vpdrm_crtc_mode_valid(struct drm_crtc *crtc, const struct drm_display_mode *mode)
{
	return vpdrm_mode_offered(to_vpdrm(crtc->dev), mode) ? MODE_OK : MODE_BAD;
}

static int vpdrm_crtc_atomic_check(struct drm_crtc *crtc,
				   struct vpdrm_atomic *state)
{
	struct drm_crtc_state *cs = drm_atomic_get_new_crtc_state(state, crtc);

	if (cs->enable && !to_vpdrm_crtc_state(cs)->vmode)
		return -EINVAL;
	if (cs->gamma_lut &&
	    drm_color_lut_size(cs->gamma_lut) != VPDRM_PALETTE_SIZE)
		return -EINVAL;
	return 0;
}

static void vpdrm_crtc_atomic_enable(struct drm_crtc *crtc,
				     struct vpdrm_atomic *state)
{
	struct vpdrm_device *vdev = to_vpdrm(crtc->dev);
	struct drm_crtc_state *cs = drm_atomic_get_new_crtc_state(state, crtc);
	struct drm_plane_state *ps =
		drm_atomic_get_new_plane_state(state, &vdev->primary);
	bool covered = ps && ps->visible && ps->fb;
	int idx;

	if (drm_dev_enter(crtc->dev, &idx)) {
		/*
		 * A commit cannot fail once checked; the miniport can.  The
		 * CRTC stays dark, and userspace learns it through the
		 * connectors' link-status and a hotplug event.
		 */
		if (vpdrm_hw_set_mode(vdev, to_vpdrm_crtc_state(cs)->vmode,
				      covered))
			vpdrm_link_failed(vdev);
		drm_dev_exit(idx);
	}
	vpdrm_vblank_start(vdev, &cs->adjusted_mode);
	drm_crtc_vblank_on(crtc);
}

static void vpdrm_crtc_atomic_disable(struct drm_crtc *crtc,
				      struct vpdrm_atomic *state)
{
	struct vpdrm_device *vdev = to_vpdrm(crtc->dev);
	struct drm_crtc_state *cs = drm_atomic_get_new_crtc_state(state, crtc);
	int idx;

	drm_crtc_vblank_off(crtc);
	vpdrm_vblank_stop(vdev);
	/* Going dark: atomic_flush will not run, so complete the event here. */
	if (!cs->active)
		vpdrm_crtc_send_event(crtc, cs);

	if (!drm_dev_enter(crtc->dev, &idx))
		return;
	/*
	 * A mode set that lands on the miniport mode already set (a new
	 * mode blob with the same timings, another connector, a new
	 * framebuffer of the same layout) keeps the mode and its mapping:
	 * atomic_enable then has nothing to ask the miniport, and the
	 * primary plane redraws the whole screen.
	 */
	if (cs->active && vdev->fb_mapped &&
	    to_vpdrm_crtc_state(cs)->vmode == vdev->hw_mode) {
		drm_dev_exit(idx);
		return;
	}
	if (vdev->fb_mapped)
		vpdrm_cursor_hw_off(vdev);
	vpdrm_hw_unmap(vdev);
	if (!cs->active && !vdev->powered_off) {
		/*
		 * DPMS off / disable.  Miniports without power IOCTLs: fine,
		 * the next enable sets the mode again either way.
		 */
		vpdrm_monitors_power(vdev, VP_POWER_OFF);
		vdev->powered_off = true;
	}
	drm_dev_exit(idx);
}

static void vpdrm_crtc_atomic_flush(struct drm_crtc *crtc,
				    struct vpdrm_atomic *state)
{
	struct vpdrm_device *vdev = to_vpdrm(crtc->dev);
	struct drm_crtc_state *cs = drm_atomic_get_new_crtc_state(state, crtc);
	int idx;

	if (cs->active && vdev->hw_mode &&
	    (vdev->hw_mode->format == DRM_FORMAT_C8 ||
	     vdev->hw_mode->format == VPDRM_FORMAT_VGA16) &&
	    (cs->color_mgmt_changed || drm_atomic_crtc_needs_modeset(cs)) &&
	    drm_dev_enter(crtc->dev, &idx)) {
		vpdrm_hw_load_palette(vdev, cs->gamma_lut);
		drm_dev_exit(idx);
	}
	vpdrm_crtc_send_event(crtc, cs);
}

static const struct drm_crtc_helper_funcs vpdrm_crtc_helper_funcs = {
	.mode_valid = vpdrm_crtc_mode_valid,
	.atomic_check = vpdrm_crtc_atomic_check,
	.atomic_enable = vpdrm_crtc_atomic_enable,
	.atomic_disable = vpdrm_crtc_atomic_disable,
	.atomic_flush = vpdrm_crtc_atomic_flush,
};

int vpdrm_crtc_init(struct vpdrm_device *vdev)
{
	struct drm_crtc *crtc = &vdev->crtc;
	int ret;

	ret = drm_crtc_init_with_planes(&vdev->drm, crtc, &vdev->primary,
					vdev->has_cursor || vdev->sw_cursor ?
					&vdev->cursor : NULL,
					&vpdrm_crtc_funcs, NULL);
	if (ret)
		return ret;
	drm_crtc_helper_add(crtc, &vpdrm_crtc_helper_funcs);
	ret = drm_mode_crtc_set_gamma_size(crtc, VPDRM_PALETTE_SIZE);
	if (ret)
		return ret;
	drm_crtc_enable_color_mgmt(crtc, 0, false, VPDRM_PALETTE_SIZE);
	return 0;
}

/*
 * Which miniport mode will scan out this commit?  The DRM mode gives the
 * resolution, the primary plane's framebuffer the depth; a change of either
 * that lands on another miniport mode is a full mode set.  Runs before the
 * helpers so that they see the mode_changed we may set.
 */
int vpdrm_atomic_check(struct drm_device *dev, struct vpdrm_atomic *state)
{
	struct vpdrm_device *vdev = to_vpdrm(dev);
	struct drm_crtc *crtc = &vdev->crtc;
	struct drm_plane_state *ps, *ops;
	struct drm_crtc_state *cs, *old;
	const struct vpdrm_mode *vm;
	unsigned int depth;
	bool modeset;
	u32 format;
	int ret;

	ps = drm_atomic_get_new_plane_state(state, &vdev->primary);
	cs = drm_atomic_get_new_crtc_state(state, crtc);
	if (!cs && ps && ps->crtc) {
		cs = drm_atomic_get_crtc_state(state, crtc);
		if (IS_ERR(cs))
			return PTR_ERR(cs);
	}
	if (!cs)
		goto helpers;
	if (!cs->enable) {
		to_vpdrm_crtc_state(cs)->vmode = NULL;
		goto helpers;
	}

	old = drm_atomic_get_old_crtc_state(state, crtc);
	/* the same mode blob holds the same mode: no comparison needed */
	modeset = drm_atomic_crtc_needs_modeset(cs) ||
		  old->enable != cs->enable || old->active != cs->active ||
		  (old->mode_blob != cs->mode_blob &&
		   !drm_mode_equal(&old->mode, &cs->mode));
	if ((!ps || !ps->fb) && !modeset)
		goto helpers;	/* nothing that decides the mode changed */
	/*
	 * Same mode, a framebuffer of the same format and the same depth
	 * asked for (every damage update and flip): the miniport mode the
	 * current state resolved to stands, and the duplicated state has it.
	 */
	ops = drm_atomic_get_old_plane_state(state, &vdev->primary);
	depth = vpdrm_xrgb_depth();
	if (!modeset && ops && ops->fb && to_vpdrm_crtc_state(old)->vmode &&
	    ops->fb->format->format == ps->fb->format->format &&
	    to_vpdrm_crtc_state(old)->xrgb_depth == depth)
		goto helpers;
	if (modeset) {
		ret = drm_atomic_add_affected_planes(state, crtc);
		if (ret)
			return ret;
		ps = drm_atomic_get_new_plane_state(state, &vdev->primary);
	}

	/* Without a framebuffer stay palettized or direct-color as we are. */
	vm = to_vpdrm_crtc_state(old)->vmode;
	if (ps && ps->fb)
		format = ps->fb->format->format;
	else if (vm && vm->format == DRM_FORMAT_C8)
		format = DRM_FORMAT_C8;
	else
		format = DRM_FORMAT_XRGB8888;
	vm = vpdrm_mode_pick(vdev, &cs->mode, format);
	if (!vm) {
		drm_dbg_atomic(dev, "no miniport mode for " DRM_MODE_FMT " %p4cc\n",
			       DRM_MODE_ARG(&cs->mode), &format);
		return -EINVAL;
	}
	if (vm != to_vpdrm_crtc_state(old)->vmode)
		cs->mode_changed = true;
	to_vpdrm_crtc_state(cs)->vmode = vm;
	to_vpdrm_crtc_state(cs)->xrgb_depth = depth;
	/* VGA's 16 colours are the LUT's for C8, the fixed ones for the rest */
	if (vm->format == VPDRM_FORMAT_VGA16 && ps && ps->fb) {
		const struct drm_plane_state *ops =
			drm_atomic_get_old_plane_state(state, &vdev->primary);

		if (!ops || !ops->fb ||
		    (ops->fb->format->format == DRM_FORMAT_C8) !=
		    (ps->fb->format->format == DRM_FORMAT_C8))
			cs->color_mgmt_changed = true;
	}

helpers:
	return drm_atomic_helper_check(dev, state);
}
