/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The adapter interface: everything drm-glue may ask of a miniport-driven
 * display adapter.  Implemented by videoport on top of the miniport's
 * HwStartIO (IOCTL_VIDEO_*, METHOD_BUFFERED semantics); drm-glue never sees a
 * miniport function pointer or a Windows type.
 *
 * All calls may sleep and must be made in process context (PASSIVE_LEVEL on
 * the Windows side).  They return 0 or a negative errno; a Windows status is
 * translated (STATUS_INVALID_PARAMETER -> -EINVAL, ERROR_NOT_ENOUGH_MEMORY ->
 * -ENOMEM, STATUS_NOT_IMPLEMENTED / ERROR_INVALID_FUNCTION -> -EOPNOTSUPP, any
 * other failure -> -EIO).  Every length the miniport reports is checked against
 * the buffer before it is trusted (-EPROTO if it lies).
 */
#ifndef VPWRAP_VIDEOPORT_ADAPTER_H
#define VPWRAP_VIDEOPORT_ADAPTER_H

#include <linux/types.h>

struct device;
struct vp_adapter;

/* One graphics mode as the miniport reports it (VIDEO_MODE_INFORMATION). */
struct vp_mode {
	u32 index;		/* ModeIndex, passed back to vp_adapter_set_mode() */
	u32 width, height;	/* VisScreenWidth/Height */
	u32 stride;		/* ScreenStride, bytes */
	u32 bpp;		/* NumberOfPlanes * BitsPerPlane */
	u32 planes;		/* NumberOfPlanes: 4 for VGA's 16-colour planar modes */
	u32 refresh;		/* Frequency in Hz, 0 if unknown */
	u32 red_mask, green_mask, blue_mask;	/* 0 for palette modes */
	u32 attributes;		/* VIDEO_MODE_* flags: GRAPHICS, COLOR, PALETTE_DRIVEN, ... */
	u32 video_memory_bitmap_width, video_memory_bitmap_height;
};

struct vp_framebuffer {
	void __iomem *vaddr;	/* kernel mapping of the frame buffer */
	phys_addr_t phys;	/* bus address (for the fbdev/aperture code) */
	size_t size;		/* bytes mapped (FrameBufferLength) */
	u32 offset;		/* visible frame buffer offset inside the mapping */
};

struct vp_pointer_caps {
	bool mono, color;	/* VIDEO_MODE_MONO_POINTER / VIDEO_MODE_COLOR_POINTER */
	bool async;		/* VIDEO_MODE_ASYNC_POINTER */
	u32 max_width, max_height;	/* in pixels */
};

enum vp_power_state {
	VP_POWER_ON = 1,	/* VideoPowerOn */
	VP_POWER_STANDBY,	/* VideoPowerStandBy */
	VP_POWER_SUSPEND,	/* VideoPowerSuspend */
	VP_POWER_OFF,		/* VideoPowerOff */
	VP_POWER_HIBERNATE,	/* VideoPowerHibernate: adapter only */
	VP_POWER_SHUTDOWN,	/* VideoPowerShutdown: adapter only */
};

/* Identity, for logs and for the DRM device's parent. */
const char *vp_adapter_name(const struct vp_adapter *a);	/* "vpbochs.sys" */
struct device *vp_adapter_device(const struct vp_adapter *a);	/* the PCI device */
u64 vp_adapter_vram_size(const struct vp_adapter *a);		/* 0 if unknown */

/*
 * Modes: *modes is a kmalloc'ed array the caller kfree()s.  Only graphics
 * modes are returned (text modes are filtered out).
 */
int vp_adapter_query_modes(struct vp_adapter *a, struct vp_mode **modes,
			   unsigned int *count);
/* The video BIOS string and VBE version Int10 found, one line (sysfs). */
ssize_t vp_adapter_video_bios(struct vp_adapter *a, char *buf);
int vp_adapter_set_mode(struct vp_adapter *a, u32 index);
int vp_adapter_reset(struct vp_adapter *a);	/* IOCTL_VIDEO_RESET_DEVICE */

/* IOCTL_VIDEO_MAP_VIDEO_MEMORY / UNMAP_VIDEO_MEMORY (after a mode set). */
int vp_adapter_map_fb(struct vp_adapter *a, struct vp_framebuffer *fb);
void vp_adapter_unmap_fb(struct vp_adapter *a, struct vp_framebuffer *fb);

/* IOCTL_VIDEO_SET_COLOR_REGISTERS: 8-bit components, entries first..first+count-1. */
int vp_adapter_set_palette(struct vp_adapter *a, unsigned int first,
			   unsigned int count, const u8 *r, const u8 *g,
			   const u8 *b);

/* Pointer IOCTLs; -EOPNOTSUPP when the miniport has no pointer support. */
int vp_adapter_pointer_caps(struct vp_adapter *a, struct vp_pointer_caps *caps);
/* ARGB8888 image, width x height, pitch in bytes; hot spot is (0,0). */
int vp_adapter_set_pointer_argb(struct vp_adapter *a, const u32 *argb,
				u32 width, u32 height, u32 pitch);
int vp_adapter_move_pointer(struct vp_adapter *a, s32 x, s32 y);
int vp_adapter_enable_pointer(struct vp_adapter *a, bool enable);

/*
 * The adapter's device power (HwSetPowerState on DISPLAY_ADAPTER_HW_ID):
 * VP_POWER_OFF before system sleep, VP_POWER_ON after it (the miniport
 * programs its mode again), VP_POWER_SHUTDOWN before reboot.  -EOPNOTSUPP
 * for miniports without HwSetPowerState.
 */
int vp_adapter_set_power(struct vp_adapter *a, enum vp_power_state state);
/* Monitor child @n's power (DPMS): VP_POWER_ON .. VP_POWER_OFF. */
int vp_adapter_set_monitor_power(struct vp_adapter *a, unsigned int n,
				 enum vp_power_state state);

/*
 * Monitor children (HwGetVideoChildDescriptor): number of monitors, and the
 * EDID of monitor @n (bytes copied into @buf, up to @len; returns the number
 * of bytes or -ENODATA when the monitor has none).
 */
unsigned int vp_adapter_num_monitors(struct vp_adapter *a);
int vp_adapter_get_edid(struct vp_adapter *a, unsigned int n, u8 *buf,
			size_t len);

/* Per-adapter storage for drm-glue. */
void vp_adapter_set_drvdata(struct vp_adapter *a, void *data);
void *vp_adapter_get_drvdata(const struct vp_adapter *a);

#endif /* VPWRAP_VIDEOPORT_ADAPTER_H */
