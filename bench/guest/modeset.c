// SPDX-License-Identifier: GPL-2.0
/*
 * drmbench: modeset latency.  The same framebuffer is shown alternately in
 * 1024x768 and a second mode, so each SETCRTC is a real mode change (the
 * driver programs the hardware and, for shadow-plane drivers, redraws).
 * Then modesets that keep the mode: atomic commits with ALLOW_MODESET, a new
 * MODE_ID blob of the same 1024x768 mode and another framebuffer each time
 * (what a compositor's modeset looks like); the hardware mode need not be
 * set again.  With vpwrap, its debugfs counter of IOCTL_VIDEO_SET_CURRENT_MODE
 * requests says whether the miniport was asked anyway.
 */
#include <glob.h>
#include <stdio.h>
#include <string.h>
#include <libdrm/drm_fourcc.h>

#include "bench.h"

#define MAX_SWITCHES	256

/* Second mode: 800x600 if offered, else 640x480, else any other size. */
static const struct drm_mode_modeinfo *other_mode(const struct kms *k,
						  const struct drm_mode_modeinfo *a)
{
	const struct drm_mode_modeinfo *m = kms_find_mode(k, 800, 600);
	unsigned int i;

	if (!m)
		m = kms_find_mode(k, 640, 480);
	for (i = 0; !m && i < k->num_modes; i++)
		if (k->modes[i].hdisplay < a->hdisplay && k->modes[i].vdisplay < a->vdisplay)
			m = &k->modes[i];
	return m;
}

/* vpwrap's count of SET_CURRENT_MODE requests, -1 without one (native). */
static long long set_mode_requests(void)
{
	long long n = -1;
	glob_t g;
	FILE *f;

	if (glob("/sys/kernel/debug/vpwrap-videoport/*/mode_sets", 0, NULL, &g))
		return -1;
	f = fopen(g.gl_pathv[0], "r");
	if (f) {
		if (fscanf(f, "%lld", &n) != 1)
			n = -1;
		fclose(f);
	}
	globfree(&g);
	return n;
}

static void bench_same_mode(struct kms *k, const struct bench_opts *o,
			    const struct drm_mode_modeinfo *a, struct kms_buf *fb)
{
	unsigned int n = o->switches > MAX_SWITCHES ? MAX_SWITCHES : o->switches;
	double t[MAX_SWITCHES], cpu[MAX_SWITCHES], t0, c0;
	long long before, after;
	struct kms_buf fb2;
	unsigned int i;
	int r;

	if (!k->atomic) {
		bench_na("modeset_same_ms", "no atomic modesetting");
		return;
	}
	r = kms_buf_create(k->fd, &fb2, 1024, 768, DRM_FORMAT_XRGB8888, 1);
	if (r) {
		bench_na("modeset_same_ms", "framebuffer: %s", strerror(-r));
		return;
	}
	memset(fb2.map, 0x80, fb2.size);
	r = kms_modeset(k, a, fb->fb);
	before = set_mode_requests();
	for (i = 0; !r && i < n; i++) {
		t0 = now_ms();
		c0 = cpu_ms();
		r = kms_modeset(k, a, i % 2 ? fb->fb : fb2.fb);
		cpu[i] = cpu_ms() - c0;
		t[i] = now_ms() - t0;
	}
	after = set_mode_requests();
	if (r) {
		bench_na("modeset_same_ms", "atomic modeset failed: %s", strerror(-r));
	} else {
		bench_value("modeset_same_ms", median(t, n));
		bench_value("modeset_same_cpu_ms", median(cpu, n));
		if (before >= 0 && after >= 0)
			bench_value("modeset_same_setmode", (double)(after - before) / n);
		else
			bench_na("modeset_same_setmode", "no SET_CURRENT_MODE counter (not vpwrap)");
	}
	kms_buf_destroy(&fb2);
}

void bench_modeset(struct kms *k, const struct bench_opts *o)
{
	const struct drm_mode_modeinfo *a = kms_find_mode(k, 1024, 768), *b;
	double t[MAX_SWITCHES], cpu[MAX_SWITCHES], t0, c0, sum = 0;
	unsigned int n = o->switches > MAX_SWITCHES ? MAX_SWITCHES : o->switches;
	unsigned int i;
	struct kms_buf fb;
	int r;

	if (!a) {
		bench_na("modeset_ms", "no 1024x768 mode on the connector");
		return;
	}
	b = other_mode(k, a);
	if (!b) {
		bench_na("modeset_ms", "no second mode smaller than 1024x768");
		return;
	}
	r = kms_buf_create(k->fd, &fb, 1024, 768, DRM_FORMAT_XRGB8888, 1);
	if (r) {
		bench_na("modeset_ms", "framebuffer: %s", strerror(-r));
		return;
	}
	memset(fb.map, 0x40, fb.size);
	/* Untimed: start from mode a whatever the previous state was. */
	r = kms_set_crtc(k, &fb, a);
	for (i = 0; !r && i < n; i++) {
		t0 = now_ms();
		c0 = cpu_ms();
		r = kms_set_crtc(k, &fb, i % 2 ? a : b);
		cpu[i] = cpu_ms() - c0;
		t[i] = now_ms() - t0;
		sum += t[i];
	}
	if (r) {
		bench_na("modeset_ms", "SETCRTC failed: %s", strerror(-r));
	} else {
		bench_info("modeset_ms", "%u switches %ux%u <-> %ux%u, mean %.3f",
			   n, a->hdisplay, a->vdisplay, b->hdisplay, b->vdisplay,
			   sum / n);
		bench_value("modeset_ms", median(t, n));
		bench_value("modeset_cpu_ms", median(cpu, n));
		bench_same_mode(k, o, a, &fb);
	}
	kms_buf_destroy(&fb);
}
