// SPDX-License-Identifier: GPL-2.0
/*
 * The adapter interface (adapter.h) on top of HwStartIO.  Every length the
 * miniport reports is checked against what was asked for before any of it
 * is used; a miniport that lies gets -EPROTO.
 */
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "videoport/adapter.h"
#include "videoport/vp.h"

/* Enough for any real mode list; bounds what a miniport can make us allocate. */
#define VP_MODES_MAX		1024
/* VIDEO_MODE_INFORMATION up to AttributeFlags: the part every version has. */
#define VP_MODE_INFO_MIN	offsetof(struct win_mode_info, video_memory_bitmap_width)

const char *vp_adapter_name(const struct vp_adapter *a)
{
	return a->drv->name;
}

struct device *vp_adapter_device(const struct vp_adapter *a)
{
	return &a->pdev->dev;
}

u64 vp_adapter_vram_size(const struct vp_adapter *a)
{
	return a->vram_size;
}

void vp_adapter_set_drvdata(struct vp_adapter *a, void *data)
{
	a->client_data = data;
}

void *vp_adapter_get_drvdata(const struct vp_adapter *a)
{
	return a->client_data;
}

static void vp_mode_from_win(struct vp_mode *m, const struct win_mode_info *w)
{
	m->index = w->mode_index;
	m->width = w->vis_screen_width;
	m->height = w->vis_screen_height;
	m->stride = w->screen_stride;
	m->bpp = w->number_of_planes * w->bits_per_plane;
	m->planes = w->number_of_planes;
	m->refresh = w->frequency > 1 ? w->frequency : 0;	/* 1 = "hardware default" */
	m->red_mask = w->red_mask;
	m->green_mask = w->green_mask;
	m->blue_mask = w->blue_mask;
	m->attributes = w->attribute_flags;
	m->video_memory_bitmap_width = w->video_memory_bitmap_width;
	m->video_memory_bitmap_height = w->video_memory_bitmap_height;
}

int vp_adapter_query_modes(struct vp_adapter *a, struct vp_mode **modes,
			   unsigned int *count)
{
	struct win_num_modes nm;
	struct vp_mode *out;
	unsigned int i, n = 0, got;
	u32 len, each;
	u8 *buf;
	int ret;

	*modes = NULL;
	*count = 0;
	ret = vp_start_io(a, IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES, NULL, 0, &nm, sizeof(nm), &len);
	if (ret)
		return ret;
	if (len < sizeof(nm) || nm.num_modes > VP_MODES_MAX ||
	    nm.mode_information_length < VP_MODE_INFO_MIN ||
	    nm.mode_information_length > 4096) {
		vp_warn(a->drv, "%s: QUERY_NUM_AVAIL_MODES: implausible answer (%u bytes, %u modes of %u bytes)\n",
			a->name, len, nm.num_modes, nm.mode_information_length);
		return -EPROTO;
	}
	if (!nm.num_modes)
		return 0;
	each = nm.mode_information_length;
	buf = kvcalloc(nm.num_modes, each, GFP_KERNEL);
	out = kcalloc(nm.num_modes, sizeof(*out), GFP_KERNEL);
	if (!buf || !out) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = vp_start_io(a, IOCTL_VIDEO_QUERY_AVAIL_MODES, NULL, 0, buf,
			  nm.num_modes * each, &len);
	if (ret)
		goto fail;
	got = len / each;
	for (i = 0; i < got; i++) {
		struct win_mode_info w = {};

		memcpy(&w, buf + i * each, min_t(u32, each, sizeof(w)));
		if (!(w.attribute_flags & VIDEO_MODE_GRAPHICS))
			continue;
		vp_mode_from_win(&out[n++], &w);
	}
	kvfree(buf);
	*modes = out;
	*count = n;
	return 0;
fail:
	kvfree(buf);
	kfree(out);
	return ret;
}

int vp_adapter_set_mode(struct vp_adapter *a, u32 index)
{
	u32 len;

	a->mode_sets++;
	return vp_start_io(a, IOCTL_VIDEO_SET_CURRENT_MODE, &index, sizeof(index),
			   NULL, 0, &len);
}

int vp_adapter_reset(struct vp_adapter *a)
{
	u32 len;

	return vp_start_io(a, IOCTL_VIDEO_RESET_DEVICE, NULL, 0, NULL, 0, &len);
}

int vp_adapter_map_fb(struct vp_adapter *a, struct vp_framebuffer *fb)
{
	struct win_video_memory req = {};
	struct win_memory_info mi = {};
	phys_addr_t phys;
	size_t maplen;
	u64 offset;
	u32 len;
	int ret;

	ret = vp_start_io(a, IOCTL_VIDEO_MAP_VIDEO_MEMORY, &req, sizeof(req), &mi,
			  sizeof(mi), &len);
	if (ret)
		return ret;
	/* The frame buffer must lie inside a mapping the miniport made through us. */
	if (len < sizeof(mi) || !mi.video_ram_base ||
	    mi.frame_buffer_base < mi.video_ram_base ||
	    !vp_mapping_lookup(a, mi.video_ram_base, &phys, &maplen) ||
	    (offset = mi.frame_buffer_base - mi.video_ram_base) > maplen ||
	    mi.frame_buffer_length > maplen - offset) {
		vp_warn(a->drv, "%s: MAP_VIDEO_MEMORY returned a frame buffer outside its mappings\n",
			a->name);
		if (len >= sizeof(mi) && mi.video_ram_base) {
			req.requested_virtual_address = mi.video_ram_base;
			vp_start_io(a, IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, &req, sizeof(req),
				    NULL, 0, &len);
		}
		return -EPROTO;
	}
	fb->vaddr = (void __iomem *)mi.video_ram_base;
	fb->phys = phys;
	fb->offset = offset;
	fb->size = offset + mi.frame_buffer_length;
	if (mi.video_ram_length > a->vram_size)
		a->vram_size = mi.video_ram_length;
	return 0;
}

void vp_adapter_unmap_fb(struct vp_adapter *a, struct vp_framebuffer *fb)
{
	struct win_video_memory req = {
		.requested_virtual_address = (void __force *)fb->vaddr,
	};
	u32 len;

	if (!fb->vaddr)
		return;
	vp_start_io(a, IOCTL_VIDEO_UNMAP_VIDEO_MEMORY, &req, sizeof(req), NULL, 0, &len);
	fb->vaddr = NULL;
}

int vp_adapter_set_palette(struct vp_adapter *a, unsigned int first,
			   unsigned int count, const u8 *r, const u8 *g,
			   const u8 *b)
{
	struct win_clut *clut;
	unsigned int i;
	u32 len, size;
	int ret;

	if (!count || first > 255 || count > 256 - first)
		return -EINVAL;
	size = struct_size(clut, rgbx, count);
	clut = kzalloc(size, GFP_KERNEL);
	if (!clut)
		return -ENOMEM;
	clut->num_entries = count;
	clut->first_entry = first;
	for (i = 0; i < count; i++) {
		clut->rgbx[i][0] = r[i];
		clut->rgbx[i][1] = g[i];
		clut->rgbx[i][2] = b[i];
	}
	ret = vp_start_io(a, IOCTL_VIDEO_SET_COLOR_REGISTERS, clut, size, NULL, 0, &len);
	kfree(clut);
	return ret;
}

int vp_adapter_pointer_caps(struct vp_adapter *a, struct vp_pointer_caps *caps)
{
	struct win_pointer_caps pc = {};
	u32 len;
	int ret;

	ret = vp_start_io(a, IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES, NULL, 0, &pc,
			  sizeof(pc), &len);
	if (ret)
		return ret;
	if (len < sizeof(pc))
		return -EPROTO;
	caps->mono = pc.flags & VIDEO_MODE_MONO_POINTER;
	caps->color = pc.flags & VIDEO_MODE_COLOR_POINTER;
	caps->async = pc.flags & VIDEO_MODE_ASYNC_POINTER;
	caps->max_width = pc.max_width;
	caps->max_height = pc.max_height;
	if (!caps->mono && !caps->color)
		return -EOPNOTSUPP;
	return 0;
}

/*
 * ARGB8888 -> the pointer shape the miniport takes.  Mono: AND mask then
 * XOR mask, 1 bpp, Height rows each (transparent where alpha < 50%, else
 * black or white by luminance).  Color: AND mask then 32 bpp pixels.
 */
int vp_adapter_set_pointer_argb(struct vp_adapter *a, const u32 *argb,
				u32 width, u32 height, u32 pitch)
{
	struct vp_pointer_caps caps;
	struct win_pointer_attr *pa;
	u32 mask_pitch, x, y, len, size;
	u8 *and, *xor;
	bool mono;
	int ret;

	ret = vp_adapter_pointer_caps(a, &caps);
	if (ret)
		return ret;
	if (!width || !height || width > caps.max_width || height > caps.max_height ||
	    width > 256 || height > 256 || pitch < width * 4)
		return -EINVAL;
	mono = caps.mono;
	mask_pitch = DIV_ROUND_UP(width, 8);
	size = sizeof(*pa) + mask_pitch * height + (mono ? mask_pitch : width * 4) * height;
	pa = kzalloc(size, GFP_KERNEL);
	if (!pa)
		return -ENOMEM;
	pa->flags = mono ? VIDEO_MODE_MONO_POINTER : VIDEO_MODE_COLOR_POINTER;
	pa->width = width;
	pa->height = height;
	pa->width_in_bytes = mono ? mask_pitch : width * 4;
	pa->enable = 1;
	and = pa->pixels;
	xor = and + mask_pitch * height;
	for (y = 0; y < height; y++) {
		const u32 *row = (const u32 *)((const u8 *)argb + y * pitch);

		for (x = 0; x < width; x++) {
			u32 p = row[x];
			u32 luma = ((p >> 16 & 0xff) * 3 + (p >> 8 & 0xff) * 6 + (p & 0xff)) / 10;
			bool opaque = (p >> 24) >= 0x80;

			if (!opaque)
				and[y * mask_pitch + x / 8] |= 0x80 >> (x % 8);
			if (mono) {
				if (opaque && luma >= 0x80)
					xor[y * mask_pitch + x / 8] |= 0x80 >> (x % 8);
			} else {
				((u32 *)xor)[y * width + x] = opaque ? p & 0xffffff : 0;
			}
		}
	}
	ret = vp_start_io(a, IOCTL_VIDEO_SET_POINTER_ATTR, pa, size, NULL, 0, &len);
	kfree(pa);
	return ret;
}

int vp_adapter_move_pointer(struct vp_adapter *a, s32 x, s32 y)
{
	struct win_pointer_position pos = {
		.column = clamp(x, -32768, 32767),
		.row = clamp(y, -32768, 32767),
	};
	u32 len;

	return vp_start_io(a, IOCTL_VIDEO_SET_POINTER_POSITION, &pos, sizeof(pos),
			   NULL, 0, &len);
}

int vp_adapter_enable_pointer(struct vp_adapter *a, bool enable)
{
	u32 len;

	return vp_start_io(a, enable ? IOCTL_VIDEO_ENABLE_POINTER : IOCTL_VIDEO_DISABLE_POINTER,
			   NULL, 0, NULL, 0, &len);
}

/*
 * W2K+ miniports get power requests through HwGetPowerState (may I?) and
 * HwSetPowerState, addressed to the adapter (DISPLAY_ADAPTER_HW_ID) or to
 * one child by the UId it reported in HwGetVideoChildDescriptor.
 */
static int vp_hw_set_power(struct vp_adapter *a, u32 hw_id,
			   enum vp_power_state state)
{
	struct win_power_management pm = {
		.length = sizeof(pm), .power_state = state,
	};
	const struct win_hw_init_data *hw = &a->drv->hw;
	u32 st = NO_ERROR;

	mutex_lock(&a->io_lock);
	if (hw->get_power_state)
		st = (u32)VP_CALL(a->drv, a, hw->get_power_state, a->ext,
				  hw_id, &pm);
	if (st == NO_ERROR) {
		pm.length = sizeof(pm);
		pm.power_state = state;
		st = (u32)VP_CALL(a->drv, a, hw->set_power_state, a->ext,
				  hw_id, &pm);
	}
	mutex_unlock(&a->io_lock);
	return vp_status_to_errno(st);
}

int vp_adapter_set_power(struct vp_adapter *a, enum vp_power_state state)
{
	if (state < VP_POWER_ON || state > VP_POWER_SHUTDOWN)
		return -EINVAL;
	/* NT4 miniports have no adapter power path: the mode set restores. */
	if (!a->drv->hw.set_power_state)
		return -EOPNOTSUPP;
	return vp_hw_set_power(a, DISPLAY_ADAPTER_HW_ID, state);
}

/*
 * DPMS: only the monitor's state changes, as Windows' display driver asks
 * for it.  NT4 miniports (no HwSetPowerState, or no child reported) take
 * it as IOCTL_VIDEO_SET_POWER_MANAGEMENT, which always meant the monitor.
 */
int vp_adapter_set_monitor_power(struct vp_adapter *a, unsigned int n,
				 enum vp_power_state state)
{
	struct win_power_management pm = {
		.length = sizeof(pm), .power_state = state,
	};
	u32 len;

	if (state < VP_POWER_ON || state > VP_POWER_OFF)
		return -EINVAL;
	if (a->drv->hw.set_power_state && n < a->nmonitors)
		return vp_hw_set_power(a, a->monitor_uid[n], state);
	if (n >= vp_adapter_num_monitors(a))
		return -EINVAL;
	return vp_start_io(a, IOCTL_VIDEO_SET_POWER_MANAGEMENT, &pm, sizeof(pm),
			   NULL, 0, &len);
}

unsigned int vp_adapter_num_monitors(struct vp_adapter *a)
{
	return a->nmonitors ?: 1;
}

int vp_adapter_get_edid(struct vp_adapter *a, unsigned int n, u8 *buf, size_t len)
{
	if (n >= a->nmonitors || !a->edid_len[n])
		return -ENODATA;
	len = min_t(size_t, len, a->edid_len[n]);
	memcpy(buf, a->edid[n], len);
	return len;
}

static bool vp_is_edid(const u8 *d)
{
	static const u8 hdr[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	u8 sum = 0;
	int i;

	if (memcmp(d, hdr, sizeof(hdr)))
		return false;
	for (i = 0; i < 128; i++)
		sum += d[i];
	return sum == 0;
}

/* HwGetVideoChildDescriptor: the monitors and their EDID, once at probe. */
void vp_adapter_enum_children(struct vp_adapter *a)
{
	struct win_child_enum_info info;
	u8 *desc;
	u32 i, type, uid, unused, st;

	a->nmonitors = 0;
	if (!a->drv->hw.get_child_descriptor)
		return;
	desc = kzalloc(256, GFP_KERNEL);
	if (!desc)
		return;
	for (i = 1; i <= 16 && a->nmonitors < VP_MAX_MONITORS; i++) {
		memset(&info, 0, sizeof(info));
		memset(desc, 0, 256);
		info.size = sizeof(info);
		info.child_descriptor_size = 256;
		info.child_index = i;
		type = 0;
		uid = 0;
		st = (u32)VP_CALL(a->drv, a, a->drv->hw.get_child_descriptor, a->ext,
				  &info, &type, desc, &uid, &unused);
		if (st == VIDEO_ENUM_NO_MORE_DEVICES)
			break;
		if (st != VIDEO_ENUM_MORE_DEVICES && st != ERROR_MORE_DATA)
			continue;
		if (type != WIN_CHILD_MONITOR)
			continue;
		if (vp_is_edid(desc))
			a->edid_len[a->nmonitors] = desc[126] ? 256 : 128;
		memcpy(a->edid[a->nmonitors], desc, 256);
		a->monitor_uid[a->nmonitors] = uid;
		a->nmonitors++;
	}
	kfree(desc);
}
