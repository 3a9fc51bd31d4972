/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drm-glue internals: one DRM device per videoport adapter.
 *
 * The pipeline is fixed: one primary plane, an optional cursor plane, one
 * CRTC, and one encoder + connector per monitor child (clones of the CRTC).
 * The adapter is touched only from the atomic commit tail, the connector
 * probe and attach/detach, always inside drm_dev_enter()/drm_dev_exit() so
 * that nothing reaches the miniport once the device is unplugged.
 */
#ifndef VPWRAP_DRM_GLUE_VPDRM_H
#define VPWRAP_DRM_GLUE_VPDRM_H

#include <linux/atomic.h>
#include <linux/fb.h>
#include <linux/hrtimer.h>
#include <linux/iosys-map.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <drm/drm_connector.h>
#include <drm/drm_crtc.h>
#include <drm/drm_device.h>
#include <drm/drm_encoder.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_plane.h>

#include "vpwrap/compat_drm.h"
#include "videoport/adapter.h"

struct dentry;
struct drm_fb_helper;
struct drm_format_conv_state;
struct drm_gem_object;
struct drm_rect;

#define VPDRM_NAME	"vpwrap"
#define VPDRM_MAX_OUTPUTS	4
#define VPDRM_MAX_FORMATS	8

/*
 * The layout of VGA's 16-colour planar modes (4 planes of 1 bit per pixel,
 * written through the graphics controller: vga16.c).  No DRM format has it;
 * drm-glue's own code, never shown to userspace.
 */
#define VPDRM_FORMAT_VGA16	fourcc_code('V', 'P', 'G', '4')
#define VPDRM_VGA16_COLORS	16

/* A miniport mode that drm-glue can scan out, with its DRM pixel format. */
struct vpdrm_mode {
	struct vp_mode vp;
	u32 format;		/* DRM_FORMAT_* of the mode's frame buffer */
	/* drm_format_info(@format), looked up once; NULL for VGA16 */
	const struct drm_format_info *info;
};

struct vpdrm_output {
	struct drm_encoder encoder;
	struct drm_connector connector;
	unsigned int monitor;	/* monitor child index for the EDID */
};

/*
 * Software frame CRCs (crc.c).  @lock serialises computing the CRC with the
 * commit tail's hardware changes; @value_lock guards what the tick reads.
 */
struct vpdrm_crc {
	struct mutex lock;
	spinlock_t value_lock;
	bool enabled;		/* a source is set */
	bool vblank_ref;	/* we hold a vblank reference for it */
	bool valid;		/* @value is the CRC of the picture shown */
	u32 value;
};

/*
 * The software cursor's scratch: the cursor blended over the picture, in
 * XRGB8888, before the format helpers convert it to the screen.  @fb only
 * describes @pixels to the helpers (format and pitch); it is no DRM object.
 */
struct vpdrm_swcursor {
	u32 *pixels;
	struct drm_framebuffer fb;
};

/*
 * Zero-copy scanout (zerocopy.c): @fb is the framebuffer whose buffer lives
 * in the visible frame buffer (NULL: none), held with a reference and with
 * @map/@data, its kernel mapping (the shmem pages, for the copy back).
 */
struct vpdrm_zerocopy {
	struct mutex lock;
	struct drm_framebuffer *fb;
	struct iosys_map map[DRM_FORMAT_MAX_PLANES];
	struct iosys_map data[DRM_FORMAT_MAX_PLANES];
};

/*
 * The console in video memory (fbdev.c): the fbdev emulation's fb_info
 * with its drawing wrapped.  @lock orders drawing against moving and
 * guards everything below it; @fb (NULL: not wrapped) and @resident are
 * also read without it where a stale value is harmless.
 */
struct vpdrm_console {
	spinlock_t lock;
	struct drm_framebuffer *fb;	/* the emulation's framebuffer */
	bool resident;		/* drawing into the frame buffer */
	bool user_mapped;	/* /dev/fb0 mapped: stays in RAM */
	unsigned int users;	/* /dev/fb0 reads and writes running */
	struct drm_fb_helper *helper;
	struct fb_info *info;
	const struct fb_ops *helper_ops;	/* the emulation's own */
	struct fb_ops ops;			/* those, wrapped */
	void *ram;		/* the emulation's buffer (info->screen_buffer) */
	void *bo;		/* the framebuffer's pages (may be @ram) */
	size_t size;		/* bytes of picture: pitch * height */
	unsigned int virtfb;	/* the emulation's FBINFO_VIRTFB */
	struct iosys_map map[DRM_FORMAT_MAX_PLANES];
	struct iosys_map data[DRM_FORMAT_MAX_PLANES];
	unsigned long moves_in, evictions;
	atomic_long_t flushes;	/* DIRTYFB of @fb: the damage path ran */
};

/* One line on its way into the VGA planes (vga16.c); unused without such modes. */
struct vpdrm_vga16 {
	u8 *line;		/* the framebuffer's pixels */
	u8 *index;		/* their palette indices */
	u8 *planes;		/* four rows of plane bytes */
	unsigned int width;	/* pixels each holds */
};

struct vpdrm_device {
	struct drm_device drm;
	struct vp_adapter *adapter;
	void *devres_group;	/* everything devm_ that attach set up */

	struct vpdrm_mode *modes;	/* drmm-allocated */
	unsigned int num_modes;
	u32 formats[VPDRM_MAX_FORMATS];	/* primary plane formats */
	unsigned int num_formats;

	struct drm_plane primary;
	struct drm_plane cursor;
	bool has_cursor;	/* the miniport's hardware pointer */
	bool sw_cursor;		/* else a cursor drawn into the frame buffer */
	struct vp_pointer_caps pointer;
	struct vpdrm_swcursor swc;
	struct drm_crtc crtc;
	struct vpdrm_output outputs[VPDRM_MAX_OUTPUTS];
	unsigned int num_outputs;

	/* Hardware state; changed only by the commit tail and detach. */
	const struct vpdrm_mode *hw_mode;	/* NULL: no mode set by us */
	struct vp_framebuffer fb;
	bool fb_mapped;
	bool powered_off;
	bool cursor_reload;	/* the miniport forgot the pointer shape */

	/* link-status BAD + hotplug after a failed mode set (connector.c) */
	struct work_struct link_work;

	/* Software vblank: runs while the CRTC is on. */
	struct hrtimer vblank_timer;
	ktime_t vblank_period;

	struct vpdrm_crc crc;
	struct vpdrm_zerocopy zc;
	struct vpdrm_console con;
	struct vpdrm_vga16 vga16;
};

/* CRTC state: which miniport mode the mode + primary format resolved to. */
struct vpdrm_crtc_state {
	struct drm_crtc_state base;
	const struct vpdrm_mode *vmode;
	unsigned int xrgb_depth;	/* the xrgb_depth @vmode was picked for */
	/* the primary plane is in the commit only to redraw the sw cursor */
	bool primary_for_cursor;
};

static inline struct vpdrm_device *to_vpdrm(struct drm_device *dev)
{
	return container_of(dev, struct vpdrm_device, drm);
}

static inline struct vpdrm_crtc_state *
to_vpdrm_crtc_state(struct drm_crtc_state *state)
{
	return container_of(state, struct vpdrm_crtc_state, base);
}

/* modes.c */
int vpdrm_modes_init(struct vpdrm_device *vdev);
unsigned int vpdrm_xrgb_depth(void);
const struct vpdrm_mode *vpdrm_mode_pick(struct vpdrm_device *vdev,
					 const struct drm_display_mode *mode,
					 u32 fb_format);
bool vpdrm_mode_offered(struct vpdrm_device *vdev,
			const struct drm_display_mode *mode);
bool vpdrm_format_convertible(u32 fb_format, u32 hw_format);
int vpdrm_modes_add(struct vpdrm_device *vdev, struct drm_connector *connector,
		    u32 pref_w, u32 pref_h);

/* fb.c */
struct drm_framebuffer *
vpdrm_fb_create(VPDRM_FB_CREATE_ARGS(dev, file, info, cmd));
void vpdrm_fb_keep_mapped(struct drm_framebuffer *fb);

/* plane.c */
int vpdrm_plane_init(struct vpdrm_device *vdev, struct drm_plane *plane,
		     enum drm_plane_type type, const u32 *formats,
		     unsigned int num_formats);
int vpdrm_primary_init(struct vpdrm_device *vdev);
void vpdrm_screen_clear(struct vpdrm_device *vdev);
void vpdrm_screen_map(struct vpdrm_device *vdev, struct iosys_map *map);
void vpdrm_blit(struct iosys_map *dst, unsigned int pitch, u32 hw_format,
		const struct iosys_map *src, struct drm_framebuffer *fb,
		const struct drm_rect *clip, struct drm_format_conv_state *state);
void vpdrm_primary_copy(struct vpdrm_device *vdev,
			struct drm_plane_state *primary,
			const struct drm_rect *clip,
			struct drm_format_conv_state *conv);

/* vga16.c */
extern const u8 vpdrm_vga16_colors[VPDRM_VGA16_COLORS][3];
int vpdrm_vga16_init(struct vpdrm_device *vdev);
void vpdrm_vga16_clear(struct vpdrm_device *vdev);
void vpdrm_vga16_read_plane(unsigned int plane);
void vpdrm_vga16_copy(struct vpdrm_device *vdev, struct drm_plane_state *primary,
		      const struct drm_rect *clip);

/* cursor.c */
int vpdrm_cursor_init(struct vpdrm_device *vdev);
int vpdrm_cursor_check(struct vpdrm_device *vdev,
		       struct vpdrm_atomic *state,
		       const struct drm_plane_state *new);
void vpdrm_cursor_update(struct vpdrm_device *vdev,
			 const struct drm_plane_state *old,
			 struct drm_plane_state *new);
void vpdrm_cursor_hw_off(struct vpdrm_device *vdev);

/* swcursor.c */
int vpdrm_swcursor_init(struct vpdrm_device *vdev);
int vpdrm_swcursor_add_planes(struct vpdrm_device *vdev,
			      struct vpdrm_atomic *state,
			      struct drm_plane *plane);
int vpdrm_swcursor_check(struct vpdrm_device *vdev,
			 struct vpdrm_atomic *state,
			 const struct drm_plane_state *new);
void vpdrm_swcursor_draw(struct vpdrm_device *vdev,
			 struct drm_plane_state *primary,
			 struct drm_plane_state *cursor,
			 const struct drm_rect *area,
			 struct drm_format_conv_state *conv);
void vpdrm_swcursor_update(struct vpdrm_device *vdev,
			   struct vpdrm_atomic *state,
			   struct drm_plane_state *old,
			   struct drm_plane_state *new);

/* crtc.c */
int vpdrm_crtc_init(struct vpdrm_device *vdev);
void vpdrm_hw_shutdown(struct vpdrm_device *vdev);
int vpdrm_atomic_check(struct drm_device *dev, struct vpdrm_atomic *state);

/* vblank.c */
void vpdrm_vblank_setup(struct vpdrm_device *vdev);
void vpdrm_vblank_start(struct vpdrm_device *vdev,
			const struct drm_display_mode *mode);
void vpdrm_vblank_stop(struct vpdrm_device *vdev);
bool vpdrm_crtc_get_vblank_timestamp(struct drm_crtc *crtc, int *max_error,
				     ktime_t *vblank_time, bool in_vblank_irq);
void vpdrm_crtc_send_event(struct drm_crtc *crtc,
			   struct drm_crtc_state *crtc_state);

/* crc.c */
void vpdrm_crc_init(struct vpdrm_device *vdev);
void vpdrm_crc_commit_begin(struct vpdrm_device *vdev);
void vpdrm_crc_commit_end(struct vpdrm_device *vdev);
void vpdrm_crc_vblank(struct vpdrm_device *vdev);
int vpdrm_crtc_set_crc_source(struct drm_crtc *crtc, const char *source);
int vpdrm_crtc_verify_crc_source(struct drm_crtc *crtc, const char *source,
				 size_t *values_cnt);
const char *const *vpdrm_crtc_get_crc_sources(struct drm_crtc *crtc,
					       size_t *count);

/* zerocopy.c */
struct drm_gem_object *vpdrm_gem_create_object(struct drm_device *dev,
					       size_t size);
void vpdrm_zc_init(struct vpdrm_device *vdev);
void vpdrm_zc_commit_begin(struct vpdrm_device *vdev);
bool vpdrm_zc_primary(struct vpdrm_device *vdev,
		      const struct drm_plane_state *old,
		      const struct drm_plane_state *new, bool modeset);
bool vpdrm_zc_shown(struct vpdrm_device *vdev, struct drm_framebuffer *fb);
bool vpdrm_zc_layout_fits(struct vpdrm_device *vdev,
			  const struct drm_plane_state *ps);
void vpdrm_zc_evict(struct vpdrm_device *vdev);
void vpdrm_zc_evict_locked(struct vpdrm_device *vdev);

/* fbdev.c */
void vpdrm_fbdev_early_init(struct vpdrm_device *vdev);
void vpdrm_fbdev_init(struct vpdrm_device *vdev);
void vpdrm_fbdev_fini(struct vpdrm_device *vdev);
void vpdrm_fbdev_debugfs(struct vpdrm_device *vdev, struct dentry *dir);
bool vpdrm_con_primary(struct vpdrm_device *vdev,
		       const struct drm_plane_state *old,
		       const struct drm_plane_state *new, bool modeset);
bool vpdrm_con_shown(struct vpdrm_device *vdev, struct drm_framebuffer *fb);
void vpdrm_con_flushed(struct vpdrm_device *vdev, struct drm_framebuffer *fb);
void vpdrm_con_evict(struct vpdrm_device *vdev);

/* connector.c */
int vpdrm_outputs_init(struct vpdrm_device *vdev);
void vpdrm_link_failed(struct vpdrm_device *vdev);

#endif /* VPWRAP_DRM_GLUE_VPDRM_H */
