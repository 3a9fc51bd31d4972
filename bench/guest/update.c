// SPDX-License-Identifier: GPL-2.0
/*
 * drmbench: update rates.  Each update writes pixels into the dumb buffer and
 * then tells the driver what changed, so the figure is what a client of the
 * device gets: the CPU writes plus everything the driver does with the damage
 * (for shadow-plane drivers: the copy/convert into video memory).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libdrm/drm_fourcc.h>

#include "bench.h"

#define W		1024
#define H		768
#define RECT		64
#define MAX_SAMPLES	100000
#define WARMUP		3

/* Placement probe: one rectangle at an odd x, where clip bugs show. */
#define PROBE_X		501
#define PROBE_Y		301

struct fmt {
	uint32_t drm;
	const char *name;
};

static const struct fmt formats[] = {
	{ DRM_FORMAT_XRGB8888, "xrgb8888" },
	{ DRM_FORMAT_RGB565, "rgb565" },
};

static double commit_ms[MAX_SAMPLES], commit_cpu_ms[MAX_SAMPLES], write_ms[MAX_SAMPLES];

/* A colour that changes every update, in the buffer's format. */
static uint32_t colour(const struct kms_buf *fb, unsigned int n)
{
	uint32_t rgb = (n * 0x3b1d5f) & 0xffffff;

	if (fb->cpp == 2)
		return ((rgb >> 8) & 0xf800) | ((rgb >> 5) & 0x07e0) | ((rgb >> 3) & 0x1f);
	return rgb;
}

static void fill(const struct kms_buf *fb, const struct drm_mode_rect *r, uint32_t c)
{
	int x, y;

	for (y = r->y1; y < r->y2; y++) {
		uint8_t *row = fb->map + (size_t)y * fb->pitch;

		if (fb->cpp == 2) {
			uint16_t *p = (uint16_t *)row;

			for (x = r->x1; x < r->x2; x++)
				p[x] = c;
		} else {
			uint32_t *p = (uint32_t *)row;

			for (x = r->x1; x < r->x2; x++)
				p[x] = c;
		}
	}
}

/* 64x64 rectangles wander over the screen, at odd and even offsets. */
static struct drm_mode_rect small_rect(unsigned int n)
{
	struct drm_mode_rect r;

	r.x1 = (n * 149 + 1) % (W - RECT);
	r.y1 = (n * 83) % (H - RECT);
	r.x2 = r.x1 + RECT;
	r.y2 = r.y1 + RECT;
	return r;
}

/*
 * Damage method, decided once per device by trying a full-screen update: the
 * cheapest path that hands this driver the damage, in the order a client
 * that knows no more about the driver would try them.  DIRTYFB first (what
 * Xorg's modesetting driver and the fbdev emulation use; one ioctl, and a
 * driver that scans out the buffer in place has nothing to do); else atomic
 * FB_DAMAGE_CLIPS where the plane has the property (a blob per update);
 * else, for drivers that scan out the dumb buffer itself without DIRTYFB
 * (-ENOSYS: native bochs with VRAM helpers), the atomic page flip a
 * compositor would issue.
 */
static int pick_method(struct kms *k, const struct kms_buf *fb,
		       enum kms_damage_method *how)
{
	struct drm_mode_rect full = { 0, 0, W, H };
	int r;

	*how = KMS_DAMAGE_DIRTYFB;
	r = kms_damage(k, *how, fb, &full);
	if (r != -ENOSYS)
		return r;
	*how = KMS_DAMAGE_ATOMIC;
	return kms_damage(k, *how, fb, &full);
}

/* Key of a rate: full_<fmt>_fps or small_<fmt>_ups; suffix replaces the unit. */
static void rate_key(char *buf, size_t len, int small, const char *fmt,
		     const char *suffix)
{
	snprintf(buf, len, "%s_%s_%s", small ? "small" : "full", fmt,
		 suffix ? suffix : small ? "ups" : "fps");
}

/*
 * Updates for `seconds` after a short warm-up; reports the rate, the median
 * commit time (the driver's share of each update), the CPU time within it
 * (the rest is waiting, e.g. for a vblank) and the time to write the pixels
 * (VRAM for drivers that scan out the dumb buffer, RAM for shadow planes):
 * the report uses them to say where the time goes.
 */
static void measure_rate(struct kms *k, enum kms_damage_method how,
			 const struct kms_buf *fb, int small, double seconds,
			 const char *fmt)
{
	struct drm_mode_rect full = { 0, 0, W, H }, r;
	double start = 0, end, t, c, wr;
	unsigned int n, i = 0;
	char key[64];
	int ret;

	rate_key(key, sizeof(key), small, fmt, NULL);
	for (n = 0; ; n++) {
		if (n == WARMUP)
			start = now_ms();
		r = small ? small_rect(n) : full;
		wr = now_ms();
		fill(fb, &r, colour(fb, n));
		t = now_ms();
		c = cpu_ms();
		ret = kms_damage(k, how, fb, &r);
		c = cpu_ms() - c;
		end = now_ms();
		if (ret) {
			bench_na(key, "update failed: %s", strerror(-ret));
			return;
		}
		if (n >= WARMUP && i < MAX_SAMPLES) {
			commit_cpu_ms[i] = c;
			write_ms[i] = t - wr;
			commit_ms[i++] = end - t;
		}
		if (n >= WARMUP && end - start >= seconds * 1e3)
			break;
	}
	bench_value(key, i * 1e3 / (end - start));
	bench_info(key, "%u updates", i);
	rate_key(key, sizeof(key), small, fmt, "commit_ms");
	bench_value(key, median(commit_ms, i));
	rate_key(key, sizeof(key), small, fmt, "commit_cpu_ms");
	bench_value(key, median(commit_cpu_ms, i));
	rate_key(key, sizeof(key), small, fmt, "write_ms");
	bench_value(key, median(write_ms, i));
}

/*
 * Black screen, then one small update at an odd x, then a screen dump; the
 * host checks the rectangle landed where it was drawn (design.md §5: native
 * cirrus on 6.1 misplaces clips when it converts 32 to 24 bpp).
 */
static void placement_probe(struct kms *k, enum kms_damage_method how,
			    const struct kms_buf *fb, const char *fmt)
{
	struct drm_mode_rect full = { 0, 0, W, H };
	struct drm_mode_rect r = { PROBE_X, PROBE_Y, PROBE_X + RECT, PROBE_Y + RECT };
	char name[64];

	fill(fb, &full, 0);
	fill(fb, &r, fb->cpp == 2 ? 0xffff : 0xffffff);
	if (kms_damage(k, how, fb, &full) < 0)
		return;
	fill(fb, &full, 0);
	if (kms_damage(k, how, fb, &full) < 0)
		return;
	fill(fb, &r, fb->cpp == 2 ? 0xffff : 0xffffff);
	if (kms_damage(k, how, fb, &r) < 0)
		return;
	snprintf(name, sizeof(name), "probe_%s", fmt);
	if (!screendump(name))
		bench_info("probe", "%s %d %d %d", name, PROBE_X, PROBE_Y, RECT);
}

/* Neither rate of format f can be measured. */
static void __attribute__((format(printf, 2, 3)))
bench_na_both(const struct fmt *f, const char *fmt, ...)
{
	char why[160], key[48];
	va_list ap;
	int small;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	for (small = 0; small < 2; small++) {
		rate_key(key, sizeof(key), small, f->name, NULL);
		bench_na(key, "%s", why);
	}
}

static void one_format(struct kms *k, const struct bench_opts *o,
		       const struct drm_mode_modeinfo *mode, const struct fmt *f)
{
	enum kms_damage_method how;
	struct kms_buf fb;
	char key[64];
	int r;

	if (!kms_has_format(k, f->drm)) {
		bench_na_both(f, "format not offered by the primary plane");
		return;
	}
	r = kms_buf_create(k->fd, &fb, W, H, f->drm, 1);
	if (!r)
		r = kms_set_crtc(k, &fb, mode);
	if (!r)
		r = pick_method(k, &fb, &how);
	if (r) {
		bench_na_both(f, "set up failed: %s", strerror(-r));
		kms_buf_destroy(&fb);
		return;
	}
	snprintf(key, sizeof(key), "method_%s", f->name);
	bench_info(key, "%s", how == KMS_DAMAGE_DIRTYFB ? "dirtyfb" :
		   k->p_damage ? "atomic+FB_DAMAGE_CLIPS" :
		   "atomic-flip (no FB_DAMAGE_CLIPS, no DIRTYFB)");
	if (selected(o, "full"))
		measure_rate(k, how, &fb, 0, o->seconds, f->name);
	if (selected(o, "small"))
		measure_rate(k, how, &fb, 1, o->seconds, f->name);
	if (o->dump)
		placement_probe(k, how, &fb, f->name);
	kms_buf_destroy(&fb);
}

void bench_updates(struct kms *k, const struct bench_opts *o)
{
	const struct drm_mode_modeinfo *mode = kms_find_mode(k, W, H);
	unsigned int i;

	if (!mode) {
		for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
			bench_na_both(&formats[i], "no %ux%u mode on the connector", W, H);
		return;
	}
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		one_format(k, o, mode, &formats[i]);
}
