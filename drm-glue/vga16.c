// SPDX-License-Identifier: GPL-2.0
/*
 * VGA's 16-colour planar modes (640x480 in 4 planes of 1 bit, what generic
 * VGA miniports offer): the primary plane's framebuffer is converted to
 * palette indices and written into the four planes through the VGA
 * graphics controller, as the kernel's vga16fb writes its frame buffer.
 *
 * C8 framebuffers show their indices' low 4 bits (the planes hold 4 bits),
 * coloured by the first 16 entries of the gamma LUT; XRGB8888/ARGB8888
 * framebuffers show each pixel as the nearest of the 16 default VGA
 * colours, which the CRTC then loads into the palette (crtc.c).
 *
 * The graphics controller and the sequencer sit at the VGA's fixed I/O
 * ports; a planar mode is by definition a VGA mode, and only the commit
 * tail writes them while such a mode is set.  Writes use write mode 0 with
 * set/reset off, no rotation, every bit from the CPU (bit mask 0xff) and
 * the sequencer's map mask selecting one plane at a time, so one byte
 * written is eight pixels' bit of that plane.  Damage is widened to whole
 * bytes (8 pixels) and the pixels around it are taken from the framebuffer,
 * which is what the screen shows there already.
 */
#include <linux/io.h>
#include <linux/iosys-map.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_gem_atomic_helper.h>
#include <drm/drm_managed.h>
#include <drm/drm_rect.h>
#include <video/vga.h>

#include "drm-glue/vpdrm.h"

/* The VGA's 16 default colours (IBM's, as the BIOS loads them), 8-bit. */
const u8 vpdrm_vga16_colors[VPDRM_VGA16_COLORS][3] = {
	{ 0x00, 0x00, 0x00 }, { 0x00, 0x00, 0xaa }, { 0x00, 0xaa, 0x00 },
	{ 0x00, 0xaa, 0xaa }, { 0xaa, 0x00, 0x00 }, { 0xaa, 0x00, 0xaa },
	{ 0xaa, 0x55, 0x00 }, { 0xaa, 0xaa, 0xaa }, { 0x55, 0x55, 0x55 },
	{ 0x55, 0x55, 0xff }, { 0x55, 0xff, 0x55 }, { 0x55, 0xff, 0xff },
	{ 0xff, 0x55, 0x55 }, { 0xff, 0x55, 0xff }, { 0xff, 0xff, 0x55 },
	{ 0xff, 0xff, 0xff },
};

/* The nearest default colour (squared RGB distance; the lower index on a tie). */
static u8 vpdrm_vga16_nearest(u32 xrgb)
{
	int r = (xrgb >> 16) & 0xff, g = (xrgb >> 8) & 0xff, b = xrgb & 0xff;
	unsigned int i, best = 0, best_d = UINT_MAX;

	for (i = 0; i < VPDRM_VGA16_COLORS; i++) {
		int dr = r - vpdrm_vga16_colors[i][0];
		int dg = g - vpdrm_vga16_colors[i][1];
		int db = b - vpdrm_vga16_colors[i][2];
		unsigned int d = dr * dr + dg * dg + db * db;

		if (d < best_d) {
			best_d = d;
			best = i;
		}
	}
	return best;
}

/* Scratch for one line, sized for the widest planar mode (none: no scratch). */
int vpdrm_vga16_init(struct vpdrm_device *vdev)
{
	struct vpdrm_vga16 *v = &vdev->vga16;
	unsigned int i, w = 0;

	for (i = 0; i < vdev->num_modes; i++)
		if (vdev->modes[i].format == VPDRM_FORMAT_VGA16)
			w = max(w, round_up(vdev->modes[i].vp.width, 8));
	if (!w)
		return 0;
	/* source pixels (up to 4 bytes each), their indices, 4 plane rows */
	v->line = drmm_kzalloc(&vdev->drm, w * 4 + w + w / 2, GFP_KERNEL);
	if (!v->line)
		return -ENOMEM;
	v->index = v->line + w * 4;
	v->planes = v->index + w;
	v->width = w;
	return 0;
}

/* Write mode 0, every bit from the CPU, into the planes in @map_mask. */
static void vpdrm_vga16_write_mode(u8 map_mask)
{
	vga_io_wgfx(VGA_GFX_SR_ENABLE, 0);
	vga_io_wgfx(VGA_GFX_DATA_ROTATE, 0);
	vga_io_wgfx(VGA_GFX_MODE, 0);
	vga_io_wgfx(VGA_GFX_BIT_MASK, 0xff);
	vga_io_wseq(VGA_SEQ_PLANE_WRITE, map_mask);
}

/* Black: 0 in every plane of the visible lines. */
void vpdrm_vga16_clear(struct vpdrm_device *vdev)
{
	const struct vp_mode *m = &vdev->hw_mode->vp;

	vpdrm_vga16_write_mode(0xf);
	memset_io(vdev->fb.vaddr + vdev->fb.offset, 0, m->stride * m->height);
}

/* Reads (read mode 0) return @plane's byte. */
void vpdrm_vga16_read_plane(unsigned int plane)
{
	vga_io_wgfx(VGA_GFX_MODE, 0);
	vga_io_wgfx(VGA_GFX_PLANE_READ, plane);
}

/* Line @sy of @fb from source column @sx, @n pixels, to palette indices. */
static void vpdrm_vga16_fetch(struct vpdrm_vga16 *v, const struct iosys_map *src,
			      struct drm_framebuffer *fb, int sx, int sy,
			      unsigned int n)
{
	unsigned int cpp = fb->format->cpp[0], have = 0, i;
	u32 last = 0;
	u8 last_index = 0;

	if (sx < fb->width)
		have = min_t(unsigned int, n, fb->width - sx);
	iosys_map_memcpy_from(v->line, src, sy * fb->pitches[0] + sx * cpp,
			      have * cpp);
	for (i = 0; i < have; i++) {
		u32 px;

		if (fb->format->format == DRM_FORMAT_C8) {
			v->index[i] = v->line[i] & 0xf;
			continue;
		}
		px = le32_to_cpu(((__le32 *)v->line)[i]) & 0xffffff;
		if (!i || px != last) {
			last = px;
			last_index = vpdrm_vga16_nearest(px);
		}
		v->index[i] = last_index;
	}
	/* columns past the framebuffer's right edge (a width not a multiple of 8) */
	memset(v->index + have, 0, n - have);
}

/* Indices to one row per plane: bit 7 of a byte is its leftmost pixel. */
static void vpdrm_vga16_pack(struct vpdrm_vga16 *v, unsigned int bytes)
{
	unsigned int b, i, p;

	memset(v->planes, 0, 4 * bytes);
	for (b = 0; b < bytes; b++)
		for (i = 0; i < 8; i++) {
			u8 idx = v->index[b * 8 + i];

			for (p = 0; p < 4; p++)
				if (idx & BIT(p))
					v->planes[p * bytes + b] |= 0x80 >> i;
		}
}

/*
 * Copy @clip of the primary plane's framebuffer (framebuffer coordinates)
 * to the planes, widened to whole bytes.
 */
void vpdrm_vga16_copy(struct vpdrm_device *vdev, struct drm_plane_state *primary,
		      const struct drm_rect *clip)
{
	struct drm_shadow_plane_state *shadow = to_drm_shadow_plane_state(primary);
	const struct vp_mode *m = &vdev->hw_mode->vp;
	u8 __iomem *screen = vdev->fb.vaddr + vdev->fb.offset;
	struct vpdrm_vga16 *v = &vdev->vga16;
	int dx = primary->dst.x1 - (primary->src.x1 >> 16);
	int dy = primary->dst.y1 - (primary->src.y1 >> 16);
	int x0, x1, y0, y1, y;
	unsigned int bytes, p;

	/* screen coordinates, whole bytes, inside the mode */
	x0 = round_down(max(clip->x1 + dx, 0), 8);
	x1 = min_t(int, round_up(clip->x2 + dx, 8), round_up(m->width, 8));
	y0 = max(clip->y1 + dy, 0);
	y1 = min_t(int, clip->y2 + dy, m->height);
	if (x0 >= x1 || y0 >= y1 || WARN_ON_ONCE(x1 - x0 > v->width) ||
	    x0 - dx < 0)
		return;
	bytes = (x1 - x0) / 8;

	vpdrm_vga16_write_mode(0xf);
	for (y = y0; y < y1; y++) {
		vpdrm_vga16_fetch(v, &shadow->data[0], primary->fb, x0 - dx,
				  y - dy, x1 - x0);
		vpdrm_vga16_pack(v, bytes);
		for (p = 0; p < 4; p++) {
			vga_io_wseq(VGA_SEQ_PLANE_WRITE, BIT(p));
			memcpy_toio(screen + y * m->stride + x0 / 8,
				    v->planes + p * bytes, bytes);
		}
	}
	vga_io_wseq(VGA_SEQ_PLANE_WRITE, 0xf);
}
