/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test pictures kmstest draws.  tests/vm/guest/kmscheck.py computes the
 * same on the host: keep the two in step.
 *
 * Pattern A fills the screen, pattern B is drawn only inside the damage
 * clips (all at odd x, one ending at the right edge, one past x = 1022 on
 * wide modes).  Neighbouring pixels differ in their high bits, so that a clip
 * copied one pixel or one byte off shows even after 16-bit or 6-bit-DAC
 * quantisation.
 */
#ifndef KMSTEST_PATTERN_H
#define KMSTEST_PATTERN_H

#include <stdint.h>
#include <drm.h>
#include <drm_fourcc.h>

#define PATTERN_MAX_CLIPS	5
#define PATTERN_CURSOR		32

static inline uint32_t pattern_rgb(int x, int y, int which)
{
	uint32_t r = (x * 29 + y * 7) & 255;
	uint32_t g = ((x * 13) ^ (y * 3)) & 255;
	uint32_t b = (x * 3 + y * 17) & 255;

	if (which)
		r = 255 - r, g = 255 - g, b = 255 - b;
	return r << 16 | g << 8 | b;
}

static inline uint8_t pattern_index(int x, int y, int which)
{
	return which ? (x * 11 + y * 5 + 128) & 255 : (x * 29 + y * 7) & 255;
}

/* The C8 palette, as a GAMMA_LUT (16-bit components). */
static inline void pattern_palette(struct drm_color_lut *lut)
{
	int i;

	for (i = 0; i < 256; i++) {
		lut[i].red = i * 0x101;
		lut[i].green = ((i * 7) & 255) * 0x101;
		lut[i].blue = ((255 - i * 3) & 255) * 0x101;
		lut[i].reserved = 0;
	}
}

/* Store pixel (x, y) of pattern @which into @row in @format. */
static inline void pattern_store(uint8_t *row, uint32_t format, int x, int y,
				 int which)
{
	uint32_t c = pattern_rgb(x, y, which);
	uint32_t r = c >> 16, g = (c >> 8) & 255, b = c & 255;

	switch (format) {
	case DRM_FORMAT_C8:
		row[x] = pattern_index(x, y, which);
		break;
	case DRM_FORMAT_RGB565:
		((uint16_t *)row)[x] = (r >> 3) << 11 | (g >> 2) << 5 | b >> 3;
		break;
	case DRM_FORMAT_XRGB1555:
		((uint16_t *)row)[x] = (r >> 3) << 10 | (g >> 3) << 5 | b >> 3;
		break;
	case DRM_FORMAT_ARGB8888:
		/* alpha varies: scanout must ignore it */
		((uint32_t *)row)[x] = (uint32_t)((x * 5) & 255) << 24 | c;
		break;
	default:
		((uint32_t *)row)[x] = 0xff000000u | c;
	}
}

/* The damage clips for a w x h screen, as x1, y1, x2, y2; returns count. */
static inline int pattern_clips(int w, int h, int (*r)[4])
{
	int n = 0;

#define CLIP(a, b, c, d) do { \
	r[n][0] = (a); r[n][1] = (b); r[n][2] = (c); r[n][3] = (d); n++; \
} while (0)
	CLIP(1, 1, 18, 10);
	CLIP((w / 3) | 1, h / 4, ((w / 3) | 1) + 101, h / 4 + 37);
	CLIP((w - 200) | 1, h / 2 + 1, ((w - 200) | 1) + 151, h / 2 + 41);
	CLIP(w - 7, h - 5, w, h);
	if (w > 1100)
		CLIP(1023, h / 3, w - 1, h / 3 + 20);
#undef CLIP
	return n;
}

/*
 * The cursor: 32x32 ARGB, a 2-pixel opaque black frame around opaque white,
 * transparent where x + y > 40 (lower right corner).
 */
static inline uint32_t pattern_cursor(int x, int y)
{
	if (x + y > 40)
		return 0;
	if (x < 2 || y < 2 || x >= PATTERN_CURSOR - 2 || y >= PATTERN_CURSOR - 2)
		return 0xff000000u;
	return 0xffffffffu;
}

#endif /* KMSTEST_PATTERN_H */
