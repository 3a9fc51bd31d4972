// SPDX-License-Identifier: GPL-2.0
/*
 * kmstest: exercise a KMS device with raw DRM ioctls (no libdrm), for the
 * VM suites.  The same program runs against vpwrap and against the native
 * bochs/cirrus drivers.
 *
 *   kmstest info                       connectors, modes, planes, formats
 *   kmstest pattern [-m WxH,..] [-f XR24,AR24,RG16,XR15,C8] [-t TAG]
 *           for each mode and format: pattern A in full (mode set), then
 *           pattern B inside damage clips at odd x offsets (no mode set),
 *           then a screen dump "p-WxH-FMT[-TAG]" (host: kmscheck.py); a
 *           TAG "dNN" tells the checker the screen depth is NN bpp;
 *           -D turns the CRTC off and on (DPMS) before the damage commit;
 *           -P suspends the guest to RAM and resumes it there instead,
 *           with a dump "s3-WxH-FMT" of what is on screen after resume
 *   kmstest modifier                   a non-linear modifier is refused
 *   kmstest badmode                    a mode not in the list is refused
 *   kmstest vblank [-m WxH]            vblank waits and page-flip events
 *   kmstest cursor [-m WxH] -- X Y     pattern A + 32x32 cursor at X,Y, dump
 *                                      "cursor_X_Y" (X, Y may be negative)
 *   kmstest cursormove [-m WxH] -- X Y ...  pattern A, the legacy cursor
 *                                      ioctls set the cursor at the first
 *                                      X,Y and move it to the next ones,
 *                                      dumps "move_X_Y", then hide it:
 *                                      "move_off"
 *   kmstest hold SECONDS               set a mode, keep the device open,
 *                                      then report whether it was unplugged
 *   kmstest zerocopy [-m WxH] [-f FMT,..]  a buffer shown twice in a row is
 *                                      scanned out in place: drawing without
 *                                      any ioctl shows, flips move it out and
 *                                      back with its content; dumps
 *                                      "p-WxH-FMT-zc-{ab,a}N" (pattern A with
 *                                      or without B in the clips)
 *
 * Output: PASS:/FAIL: lines, plus "INFO ..." lines for the log.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <drm.h>
#include <drm_fourcc.h>
#include <drm_mode.h>

#include "kmslib.h"
#include "pattern.h"

static int failures;

static void pass(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void pass(const char *fmt, ...)
{
	va_list ap;

	printf("PASS: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	failures++;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* ---- discovery ---- */

static const char *fourcc_str(uint32_t f)
{
	static char s[5];

	memcpy(s, &f, 4);
	s[4] = 0;
	/* "C8  " -> "C8": names end up in file names and shell words */
	while (s[0] && s[strlen(s) - 1] == ' ')
		s[strlen(s) - 1] = 0;
	return s;
}

static int open_card(struct kms *k)
{
	int ret = kms_open(k, "/dev/dri/card0", 0);

	if (!ret)
		return 0;
	if (!strcmp(k->step, "open"))
		fail("open /dev/dri/card0: %s", strerror(-ret));
	else
		fail("%s", k->what);
	return -1;
}

/* "INFO plane" lines: every plane's type and formats. */
static void list_planes(int fd)
{
	uint32_t planes[KMS_MAX_OBJS], fmts[KMS_MAX_FORMATS];
	int i, j, n = kms_planes(fd, planes, KMS_MAX_OBJS);

	for (i = 0; i < n; i++) {
		int nf = kms_plane_formats(fd, planes[i], fmts, KMS_MAX_FORMATS);
		uint64_t type = 0;

		if (nf < 0)
			continue;
		kms_prop_id(fd, planes[i], DRM_MODE_OBJECT_PLANE, "type", &type);
		printf("INFO plane %u type %llu formats", planes[i],
		       (unsigned long long)type);
		for (j = 0; j < nf; j++)
			printf(" %s", fourcc_str(fmts[j]));
		printf("\n");
	}
}

/* ---- dumb buffers ---- */

static void buf_draw(struct kms_buf *b, int which, int x0, int y0, int x1, int y1)
{
	int x, y;

	for (y = y0; y < y1; y++)
		for (x = x0; x < x1; x++)
			pattern_store(b->map + (size_t)y * b->pitch,
				      b->format, x, y, which);
}

/* ---- helpers ---- */

static void screendump(const char *name)
{
	char cmd[256];

	fflush(stdout);
	snprintf(cmd, sizeof(cmd), "sh -c '. /lib/vmlib.sh; screendump %s'", name);
	if (system(cmd))
		fail("screendump %s", name);
}

/* Set @mode showing pattern A in @b (created here, in @format). */
static int show_pattern(struct kms *k, struct drm_mode_modeinfo *mode,
			uint32_t format, struct kms_buf *b, uint32_t *gamma_blob)
{
	struct kms_req r = { 0 };
	uint32_t mb;
	int ret;

	ret = kms_buf_create(k->fd, b, mode->hdisplay, mode->vdisplay, format, 1);
	if (ret)
		return ret;
	buf_draw(b, 0, 0, 0, b->w, b->h);
	kms_blob_create(k->fd, mode, sizeof(*mode), &mb);
	kms_req_primary(k, &r, b->fb, b->w, b->h, mb);
	if (k->p_gamma && k->gamma_size == 256) {
		struct drm_color_lut lut[256];

		pattern_palette(lut);
		kms_blob_create(k->fd, lut, sizeof(lut), gamma_blob);
		/* a LUT for direct-color modes too: checks it is ignored there */
		kms_req_add(&r, k->crtc, k->p_gamma,
			    format == DRM_FORMAT_C8 ? *gamma_blob : 0);
	}
	ret = kms_req_commit(k->fd, &r, DRM_MODE_ATOMIC_ALLOW_MODESET);
	kms_blob_destroy(k->fd, mb);
	return ret;
}

/* ---- commands ---- */

static int cmd_info(void)
{
	struct kms k;
	unsigned int i;

	if (open_card(&k))
		return 1;
	list_planes(k.fd);
	printf("INFO crtc %u connector %u primary %u cursor %u gamma %u\n",
	       k.crtc, k.conn, k.primary, k.cursor, k.gamma_size);
	for (i = 0; i < k.num_modes; i++)
		printf("INFO mode %s %ux%u@%u%s\n", k.modes[i].name,
		       k.modes[i].hdisplay, k.modes[i].vdisplay,
		       k.modes[i].vrefresh,
		       k.modes[i].type & DRM_MODE_TYPE_PREFERRED ? " preferred" : "");
	return 0;
}

static int in_list(const char *list, const char *item)
{
	size_t n = strlen(item);
	const char *p = list;

	if (!list)
		return 1;
	while ((p = strstr(p, item))) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
		p += n;
	}
	return 0;
}

static const char *tag;	/* -t: suffix of the dump names */
static int dpms_cycle;	/* -D: ACTIVE off and on again before the damage */
static int suspend_cycle;	/* -P: suspend to RAM and back, same place */
/* -W: a shell command run while pattern A is shown, then a "with-" dump */
static const char *while_shown;
/*
 * -S path: before the pattern's mode set, the same mode with another
 * framebuffer, so that the pattern's own mode set keeps the mode; the
 * count of SET_CURRENT_MODE requests in @path (vpwrap's debugfs) must not
 * move over it.
 */
static const char *same_mode_counter;

static long long read_counter(const char *path)
{
	long long n = -1;
	FILE *f = fopen(path, "r");

	if (f) {
		if (fscanf(f, "%lld", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

static int set_active(struct kms *k, int on)
{
	struct kms_req r = { 0 };

	kms_req_add(&r, k->crtc, k->p_active, on);
	return kms_req_commit(k->fd, &r, DRM_MODE_ATOMIC_ALLOW_MODESET);
}

static int cmd_pattern(const char *modes, const char *formats)
{
	static const uint32_t fmts[] = {
		DRM_FORMAT_XRGB8888, DRM_FORMAT_ARGB8888, DRM_FORMAT_RGB565,
		DRM_FORMAT_XRGB1555, DRM_FORMAT_C8,
	};
	struct kms k;
	unsigned int i, j;

	if (open_card(&k))
		return 1;
	for (i = 0; i < k.num_modes; i++) {
		struct drm_mode_modeinfo *m = &k.modes[i];
		char wh[32];

		snprintf(wh, sizeof(wh), "%ux%u", m->hdisplay, m->vdisplay);
		if (!in_list(modes, wh) ||
		    kms_find_mode(&k, m->hdisplay, m->vdisplay) != m)
			continue;
		for (j = 0; j < sizeof(fmts) / sizeof(fmts[0]); j++) {
			struct drm_mode_rect clips[PATTERN_MAX_CLIPS];
			uint32_t gamma = 0, cb;
			char name[64];
			struct kms_buf b;
			struct kms_req r = { 0 };
			int n, c, ret;

			if (!in_list(formats, fourcc_str(fmts[j])))
				continue;
			if (!kms_has_format(&k, fmts[j])) {
				printf("INFO %s %s: not a plane format, skipped\n",
				       wh, fourcc_str(fmts[j]));
				continue;
			}
			snprintf(name, sizeof(name), "p-%s-%s%s%s", wh,
				 fourcc_str(fmts[j]), tag ? "-" : "", tag ? tag : "");
			long long before = -1;

			if (same_mode_counter) {
				struct kms_buf first;
				uint32_t g0 = 0;

				ret = show_pattern(&k, m, fmts[j], &first, &g0);
				kms_buf_destroy(&first);
				kms_blob_destroy(k.fd, g0);
				if (ret)
					fail("%s: first mode set: %s", name, strerror(-ret));
				before = read_counter(same_mode_counter);
			}
			ret = show_pattern(&k, m, fmts[j], &b, &gamma);
			if (same_mode_counter && !ret) {
				long long after = read_counter(same_mode_counter);

				if (before < 0 || after < 0)
					fail("%s: same mode: cannot read %s", name,
					     same_mode_counter);
				else if (after != before)
					fail("%s: same mode: %lld SET_CURRENT_MODE request(s)",
					     name, after - before);
				else
					pass("%s: same mode, new framebuffer: no SET_CURRENT_MODE",
					     name);
			}
			if (ret) {
				fail("%s: mode set: %s", name, strerror(-ret));
				kms_buf_destroy(&b);
				kms_blob_destroy(k.fd, gamma);
				continue;
			}
			if (dpms_cycle) {
				ret = set_active(&k, 0);
				if (!ret) {
					usleep(200000);
					ret = set_active(&k, 1);
				}
				if (ret)
					fail("%s: ACTIVE off/on: %s", name,
					     strerror(-ret));
			}
			if (suspend_cycle) {
				char s3[72];

				/* the host wakes the guest (vmlib.sh) */
				ret = system("sh -c '. /lib/vmlib.sh; suspend_resume'");
				if (ret)
					fail("%s: suspend to RAM and resume", name);
				else
					pass("%s: suspend to RAM and resume", name);
				snprintf(s3, sizeof(s3), "s3-%s", name + 2);
				screendump(s3);
			}
			if (while_shown) {
				char with[72];

				if (system(while_shown))
					fail("%s: -W command failed", name);
				snprintf(with, sizeof(with), "with-%s", name + 2);
				screendump(with);
			}
			/* pattern B only inside the clips, then commit them */
			n = pattern_clips(b.w, b.h, (int (*)[4])clips);
			for (c = 0; c < n; c++)
				buf_draw(&b, 1, clips[c].x1, clips[c].y1,
					 clips[c].x2, clips[c].y2);
			kms_blob_create(k.fd, clips, n * sizeof(clips[0]), &cb);
			kms_req_primary(&k, &r, b.fb, b.w, b.h, 0);
			kms_req_add(&r, k.primary, k.p_damage, cb);
			ret = kms_req_commit(k.fd, &r, 0);
			kms_blob_destroy(k.fd, cb);
			if (ret)
				fail("%s: damage commit: %s", name, strerror(-ret));
			else
				pass("%s: mode set and damage commit", name);
			screendump(name);
			kms_buf_destroy(&b);
			kms_blob_destroy(k.fd, gamma);
		}
	}
	return 0;
}

static int cmd_modifier(void)
{
	struct drm_mode_fb_cmd2 fc = { .width = 64, .height = 64,
				       .pixel_format = DRM_FORMAT_XRGB8888,
				       .flags = DRM_MODE_FB_MODIFIERS };
	struct drm_mode_create_dumb cd = { .width = 64, .height = 64, .bpp = 32 };
	struct kms k;
	int ret;

	if (open_card(&k))
		return 1;
	if (kms_ioctl(k.fd, DRM_IOCTL_MODE_CREATE_DUMB, &cd))
		return fail("create dumb"), 1;
	fc.handles[0] = cd.handle;
	fc.pitches[0] = cd.pitch;
	fc.modifier[0] = I915_FORMAT_MOD_X_TILED;
	ret = kms_ioctl(k.fd, DRM_IOCTL_MODE_ADDFB2, &fc);
	if (ret == -EINVAL)
		pass("X-tiled framebuffer refused (EINVAL)");
	else
		fail("X-tiled framebuffer: got %d, want EINVAL", ret);
	fc.modifier[0] = DRM_FORMAT_MOD_LINEAR;
	ret = kms_ioctl(k.fd, DRM_IOCTL_MODE_ADDFB2, &fc);
	if (!ret)
		pass("linear framebuffer accepted");
	else
		fail("linear framebuffer: %s", strerror(-ret));
	return 0;
}

/* A mode the miniport does not offer must be refused (mode_valid). */
static int cmd_badmode(void)
{
	struct drm_mode_modeinfo bad;
	uint32_t gamma = 0, mb;
	struct kms_buf b;
	struct kms_req r = { 0 };
	struct kms k;
	int ret;

	if (open_card(&k))
		return 1;
	bad = *kms_preferred_mode(&k);
	if (show_pattern(&k, &bad, DRM_FORMAT_XRGB8888, &b, &gamma))
		return fail("badmode: mode set"), 1;
	/* same timings, 8 pixels narrower: listed nowhere */
	bad.hdisplay -= 8;
	snprintf(bad.name, sizeof(bad.name), "%ux%u", bad.hdisplay, bad.vdisplay);
	if (kms_find_mode(&k, bad.hdisplay, bad.vdisplay))
		return fail("badmode: %s is listed", bad.name), 1;
	kms_blob_create(k.fd, &bad, sizeof(bad), &mb);
	kms_req_add(&r, k.crtc, k.p_mode, mb);
	ret = kms_req_commit(k.fd, &r, DRM_MODE_ATOMIC_ALLOW_MODESET);
	kms_blob_destroy(k.fd, mb);
	if (ret == -EINVAL)
		pass("unlisted mode %s refused (EINVAL)", bad.name);
	else
		fail("unlisted mode %s: got %d, want EINVAL", bad.name, ret);
	kms_buf_destroy(&b);
	kms_blob_destroy(k.fd, gamma);
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wait for a flip-complete event; its vblank sequence into *seq. */
/* The next flip event's vblank sequence and kernel timestamp (seconds). */
static int wait_flip_event(int fd, uint32_t *seq, double *ts)
{
	char ev[1024];
	ssize_t n = read(fd, ev, sizeof(ev));
	struct drm_event_vblank *e = (struct drm_event_vblank *)ev;

	if (n < (ssize_t)sizeof(*e) || e->base.type != DRM_EVENT_FLIP_COMPLETE)
		return -1;
	*seq = e->sequence;
	*ts = e->tv_sec + e->tv_usec / 1e6;
	return 0;
}

static int cmd_vblank(const char *wh)
{
	struct drm_mode_modeinfo *m;
	struct kms_buf b[2];
	uint32_t gamma = 0;
	double t0, hz, rate, krate, ts0 = 0, ts1 = 0, ts;
	uint32_t seq0 = 0, seq1 = 0, seq;
	int same = 0, early = 0;
	int i, n = 60;
	struct kms k;

	if (open_card(&k))
		return 1;
	m = kms_mode_arg(&k, wh);
	if (!m)
		return fail("vblank: mode %s not listed", wh), 1;
	/* the exact rate of the timings, not the rounded vrefresh */
	hz = m->clock * 1000.0 / ((double)m->htotal * m->vtotal);
	if (show_pattern(&k, m, DRM_FORMAT_XRGB8888, &b[0], &gamma))
		return fail("vblank: mode set"), 1;
	if (kms_buf_create(k.fd, &b[1], m->hdisplay, m->vdisplay,
			   DRM_FORMAT_XRGB8888, 1))
		return fail("vblank: second buffer"), 1;
	buf_draw(&b[1], 1, 0, 0, b[1].w, b[1].h);

	/*
	 * vblank waits: the kernel's count against its own timestamps must be
	 * the refresh rate, and no wait for the next vblank may return before
	 * the counter moved.  How fast the waits return in wall-clock time
	 * depends on the host (an emulator under load misses vblanks), so it
	 * is only reported.
	 */
	t0 = now();
	for (i = 0; i < n; i++) {
		union drm_wait_vblank v = { .request = {
			.type = _DRM_VBLANK_RELATIVE, .sequence = 1 } };

		if (kms_ioctl(k.fd, DRM_IOCTL_WAIT_VBLANK, &v))
			return fail("vblank: WAIT_VBLANK: %s", strerror(errno)), 1;
		if (i == 0) {
			seq0 = v.reply.sequence;
			ts0 = v.reply.tval_sec + v.reply.tval_usec / 1e6;
		} else if (v.reply.sequence == seq1) {
			early++;
		}
		seq1 = v.reply.sequence;
		ts1 = v.reply.tval_sec + v.reply.tval_usec / 1e6;
	}
	rate = n / (now() - t0);
	krate = ts1 > ts0 ? (seq1 - seq0) / (ts1 - ts0) : 0;
	printf("INFO vblank waits: %.1f Hz, counter %.2f Hz (mode %.2f Hz)\n",
	       rate, krate, hz);
	if (krate > hz * 0.97 && krate < hz * 1.03)
		pass("vblank counter at %.2f Hz for a %.2f Hz mode", krate, hz);
	else
		fail("vblank counter at %.2f Hz for a %.2f Hz mode", krate, hz);
	if (!early && rate < hz * 1.2)
		pass("each vblank wait returns at a new vblank (%.1f Hz, mode %.0f Hz)",
		     rate, hz);
	else
		fail("vblank waits: %d returned without a new vblank, %.1f Hz for a %.0f Hz mode",
		     early, rate, hz);

	/*
	 * Legacy page flips with events: each is a full-frame copy, which
	 * under TCG may take longer than a frame, so only an upper bound
	 * (events paced by vblank, not faster).
	 */
	t0 = now();
	for (i = 0; i < n / 2; i++) {
		struct drm_mode_crtc_page_flip pf = {
			.crtc_id = k.crtc, .fb_id = b[(i + 1) & 1].fb,
			.flags = DRM_MODE_PAGE_FLIP_EVENT,
		};

		if (kms_ioctl(k.fd, DRM_IOCTL_MODE_PAGE_FLIP, &pf))
			return fail("vblank: PAGE_FLIP: %s", strerror(errno)), 1;
		if (wait_flip_event(k.fd, &seq, &ts))
			return fail("vblank: no flip event"), 1;
	}
	rate = n / 2 / (now() - t0);
	printf("INFO legacy page flips: %.1f Hz (mode %.0f Hz)\n", rate, hz);
	if (rate < hz * 1.2)
		pass("legacy page-flip events at %.1f Hz for a %.0f Hz mode", rate, hz);
	else
		fail("legacy page-flip events at %.1f Hz for a %.0f Hz mode", rate, hz);

	/*
	 * Atomic flips that damage one pixel: each event at its own vblank,
	 * with the kernel's timestamps a whole number of frames apart (the
	 * flips' wall-clock rate depends on the host, so it is only bounded
	 * from above).
	 */
	t0 = now();
	for (i = 0; i < n; i++) {
		struct drm_mode_rect clip = { 1, 1, 2, 2 };
		struct kms_req r = { 0 };
		uint32_t cb;
		int ret;

		kms_blob_create(k.fd, &clip, sizeof(clip), &cb);
		kms_req_add(&r, k.primary, k.pp.fb, b[(i + 1) & 1].fb);
		if (k.p_damage)
			kms_req_add(&r, k.primary, k.p_damage, cb);
		ret = kms_req_commit(k.fd, &r, DRM_MODE_PAGE_FLIP_EVENT |
				     DRM_MODE_ATOMIC_NONBLOCK);
		kms_blob_destroy(k.fd, cb);
		if (ret)
			return fail("vblank: atomic flip: %s", strerror(-ret)), 1;
		if (wait_flip_event(k.fd, &seq, &ts))
			return fail("vblank: no atomic flip event"), 1;
		if (i && seq == seq1)
			same++;
		if (i == 0) {
			seq0 = seq;
			ts0 = ts;
		}
		seq1 = seq;
		ts1 = ts;
	}
	/* a flip completes at a vblank: never two in the same one */
	if (!same)
		pass("atomic flips complete at distinct vblanks");
	else
		fail("atomic flips complete at distinct vblanks: %d repeats", same);
	rate = n / (now() - t0);
	krate = ts1 > ts0 ? (seq1 - seq0) / (ts1 - ts0) : 0;
	printf("INFO atomic page flips: %.1f Hz, event stamps %.2f Hz (mode %.2f Hz)\n",
	       rate, krate, hz);
	if (krate > hz * 0.97 && krate < hz * 1.03 && rate < hz * 1.2)
		pass("atomic page-flip events stamped at %.2f Hz, %.1f Hz wall clock, for a %.0f Hz mode",
		     krate, rate, hz);
	else
		fail("atomic page-flip events stamped at %.2f Hz, %.1f Hz wall clock, for a %.0f Hz mode",
		     krate, rate, hz);
	kms_buf_destroy(&b[1]);
	kms_buf_destroy(&b[0]);
	kms_blob_destroy(k.fd, gamma);
	return 0;
}

static int cmd_cursor(int x, int y, const char *wh)
{
	struct drm_mode_modeinfo *m;
	struct kms_buf b, c;
	uint32_t gamma = 0;
	struct kms_req r = { 0 };
	char name[64];
	struct kms k;
	int w, h, ret;

	if (open_card(&k))
		return 1;
	if (!k.cursor)
		return fail("cursor: no cursor plane"), 1;
	m = kms_mode_arg(&k, wh);
	if (!m)
		return fail("cursor: mode %s not listed", wh), 1;
	if (show_pattern(&k, m, DRM_FORMAT_XRGB8888, &b, &gamma))
		return fail("cursor: mode set"), 1;
	if (kms_buf_create(k.fd, &c, PATTERN_CURSOR, PATTERN_CURSOR,
			   DRM_FORMAT_ARGB8888, 1))
		return fail("cursor: buffer"), 1;
	for (h = 0; h < PATTERN_CURSOR; h++)
		for (w = 0; w < PATTERN_CURSOR; w++)
			((uint32_t *)(c.map + h * c.pitch))[w] = pattern_cursor(w, h);
	kms_req_cursor(&k, &r, c.fb, x, y, PATTERN_CURSOR);
	ret = kms_req_commit(k.fd, &r, 0);
	if (ret)
		return fail("cursor: commit: %s", strerror(-ret)), 1;
	pass("cursor plane commit at %d,%d", x, y);
	snprintf(name, sizeof(name), "cursor_%d_%d", x, y);
	screendump(name);
	return 0;
}

/*
 * The legacy cursor ioctls: pattern A, then CURSOR2 sets a 32x32 image at
 * the first position, CURSOR moves it to each next one, and CURSOR with no
 * buffer hides it; a dump after each ("move_X_Y", "move_off").
 */
static int cmd_cursormove(char **xy, int n, const char *wh)
{
	struct drm_mode_cursor2 c2 = { 0 };
	struct drm_mode_cursor c = { 0 };
	struct drm_mode_modeinfo *m;
	struct kms_buf b, cb;
	uint32_t gamma = 0;
	char name[64];
	struct kms k;
	int i, w, h, ret;

	if (n < 2 || n % 2)
		return fail("cursormove: give X Y pairs"), 1;
	if (open_card(&k))
		return 1;
	m = kms_mode_arg(&k, wh);
	if (!m)
		return fail("cursormove: mode %s not listed", wh), 1;
	if (show_pattern(&k, m, DRM_FORMAT_XRGB8888, &b, &gamma))
		return fail("cursormove: mode set"), 1;
	if (kms_buf_create(k.fd, &cb, PATTERN_CURSOR, PATTERN_CURSOR,
			   DRM_FORMAT_ARGB8888, 0))
		return fail("cursormove: buffer"), 1;
	for (h = 0; h < PATTERN_CURSOR; h++)
		for (w = 0; w < PATTERN_CURSOR; w++)
			((uint32_t *)(cb.map + h * cb.pitch))[w] = pattern_cursor(w, h);
	for (i = 0; i < n; i += 2) {
		int x = atoi(xy[i]), y = atoi(xy[i + 1]);

		if (!i) {
			c2.flags = DRM_MODE_CURSOR_BO | DRM_MODE_CURSOR_MOVE;
			c2.crtc_id = k.crtc;
			c2.x = x;
			c2.y = y;
			c2.width = PATTERN_CURSOR;
			c2.height = PATTERN_CURSOR;
			c2.handle = cb.handle;
			ret = kms_ioctl(k.fd, DRM_IOCTL_MODE_CURSOR2, &c2);
			if (ret)
				fail("legacy cursor: CURSOR2 sets the image at %d,%d: %s",
				     x, y, strerror(-ret));
			else
				pass("legacy cursor: CURSOR2 sets the image at %d,%d",
				     x, y);
		} else {
			c.flags = DRM_MODE_CURSOR_MOVE;
			c.crtc_id = k.crtc;
			c.x = x;
			c.y = y;
			ret = kms_ioctl(k.fd, DRM_IOCTL_MODE_CURSOR, &c);
			if (ret)
				fail("legacy cursor: CURSOR moves it to %d,%d: %s",
				     x, y, strerror(-ret));
			else
				pass("legacy cursor: CURSOR moves it to %d,%d", x, y);
		}
		snprintf(name, sizeof(name), "move_%d_%d", x, y);
		screendump(name);
	}
	c.flags = DRM_MODE_CURSOR_BO;
	c.crtc_id = k.crtc;
	c.handle = 0;
	ret = kms_ioctl(k.fd, DRM_IOCTL_MODE_CURSOR, &c);
	if (ret)
		fail("legacy cursor: CURSOR without a buffer hides it: %s",
		     strerror(-ret));
	else
		pass("legacy cursor: CURSOR without a buffer hides it");
	screendump("move_off");
	return 0;
}

static int cmd_hold(int seconds)
{
	struct drm_mode_modeinfo *m;
	uint32_t gamma = 0;
	struct drm_mode_card_res res = { 0 };
	struct kms_buf b;
	struct kms k;
	int ret;

	if (open_card(&k))
		return 1;
	m = kms_preferred_mode(&k);
	if (show_pattern(&k, m, DRM_FORMAT_XRGB8888, &b, &gamma))
		return fail("hold: mode set"), 1;
	printf("INFO holding /dev/dri/card0 for %d s\n", seconds);
	fflush(stdout);
	sleep(seconds);
	ret = kms_ioctl(k.fd, DRM_IOCTL_MODE_GETRESOURCES, &res);
	printf("HOLD after: GETRESOURCES %s\n", ret ? strerror(-ret) : "ok");
	kms_buf_destroy(&b);
	kms_close(&k);
	return 0;
}

/* Pattern B inside the clips of pattern_clips() (@which 1), or A again. */
static void draw_clips(struct kms_buf *b, int which)
{
	int clips[PATTERN_MAX_CLIPS][4];
	int n = pattern_clips(b->w, b->h, clips), c;

	for (c = 0; c < n; c++)
		buf_draw(b, which, clips[c][0], clips[c][1], clips[c][2],
			 clips[c][3]);
}

/* Show @b with no mode set (a page flip, or the same buffer again). */
static int show_again(struct kms *k, struct kms_buf *b)
{
	struct kms_req r = { 0 };

	kms_req_primary(k, &r, b->fb, b->w, b->h, 0);
	return kms_req_commit(k->fd, &r, 0);
}

static int dirtyfb_clips(struct kms *k, struct kms_buf *b)
{
	int clips[PATTERN_MAX_CLIPS][4];
	struct drm_clip_rect rc[PATTERN_MAX_CLIPS];
	struct drm_mode_fb_dirty_cmd d = { .fb_id = b->fb };
	int n = pattern_clips(b->w, b->h, clips), c;

	for (c = 0; c < n; c++) {
		rc[c].x1 = clips[c][0];
		rc[c].y1 = clips[c][1];
		rc[c].x2 = clips[c][2];
		rc[c].y2 = clips[c][3];
	}
	d.num_clips = n;
	d.clips_ptr = (uintptr_t)rc;
	return kms_ioctl(k->fd, DRM_IOCTL_MODE_DIRTYFB, &d) ? -errno : 0;
}

/*
 * Zero-copy scanout, one format: every step's dump is checked on the host
 * (the dump name says which picture it must show).
 */
static void zerocopy_format(struct kms *k, struct drm_mode_modeinfo *m,
			    uint32_t format)
{
	struct kms_buf x, y;
	uint32_t gamma = 0;
	char base[48], name[64];
	int ret;

	snprintf(base, sizeof(base), "p-%ux%u-%s-zc", m->hdisplay, m->vdisplay,
		 fourcc_str(format));
#define ZC_STEP(what, expr, dump) do { \
		ret = (expr); \
		if (ret) { \
			fail("%s: %s: %s", base, what, strerror(-ret)); \
			goto out; \
		} \
		snprintf(name, sizeof(name), "%s-%s", base, dump); \
		screendump(name); \
	} while (0)

	/* X: A in full, mode set, then shown again: X moves into VRAM. */
	if (show_pattern(k, m, format, &x, &gamma)) {
		fail("%s: mode set", base);
		return;
	}
	if (kms_buf_create(k->fd, &y, m->hdisplay, m->vdisplay, format, 1)) {
		fail("%s: second buffer", base);
		kms_buf_destroy(&x);
		return;
	}
	buf_draw(&y, 0, 0, 0, y.w, y.h);
	ZC_STEP("shown again", show_again(k, &x), "a1");
	/* B into X's clips, no ioctl at all: the screen is X itself. */
	draw_clips(&x, 1);
	ZC_STEP("drawn in place", 0, "ab1");
	/* flip to Y (A only): X leaves the screen with what it showed */
	ZC_STEP("flip to the other buffer", show_again(k, &y), "a2");
	/* drawing into X now must not reach the screen */
	draw_clips(&x, 0);
	draw_clips(&x, 1);
	ZC_STEP("drawn off screen", 0, "a3");
	/* flip back: X's B clips (drawn in VRAM only) came back with it */
	ZC_STEP("flip back", show_again(k, &x), "ab2");
	/* shown again: in VRAM again; A over the clips shows at once */
	ZC_STEP("shown again", show_again(k, &x), "ab3");
	draw_clips(&x, 0);
	ZC_STEP("drawn in place again", 0, "a4");
	/* DIRTYFB with the clips: nothing to copy, the right picture */
	draw_clips(&x, 1);
	ZC_STEP("DIRTYFB", dirtyfb_clips(k, &x), "ab4");
	/* an atomic update with FB_DAMAGE_CLIPS: the same */
	draw_clips(&x, 0);
	ZC_STEP("damage commit", show_again(k, &x), "a5");
	pass("%s: zero-copy steps", base);
out:
#undef ZC_STEP
	/* X is on screen: removing it turns the plane off (X moves out) */
	kms_buf_destroy(&x);
	kms_buf_destroy(&y);
	kms_blob_destroy(k->fd, gamma);
}

static int cmd_zerocopy(const char *wh, const char *formats)
{
	static const uint32_t fmts[] = {
		DRM_FORMAT_XRGB8888, DRM_FORMAT_RGB565,
	};
	struct drm_mode_modeinfo *m;
	struct kms k;
	unsigned int j;

	if (open_card(&k))
		return 1;
	m = kms_mode_arg(&k, wh);
	if (!m)
		return fail("zerocopy: mode %s not listed", wh), 1;
	for (j = 0; j < sizeof(fmts) / sizeof(fmts[0]); j++)
		if (in_list(formats, fourcc_str(fmts[j])))
			zerocopy_format(&k, m, fmts[j]);
	kms_close(&k);
	return 0;
}

int main(int argc, char **argv)
{
	const char *modes = NULL, *formats = NULL;
	int opt;

	if (argc < 2) {
		fprintf(stderr, "usage: kmstest info|pattern|modifier|vblank|cursor|hold|zerocopy ...\n");
		return 2;
	}
	optind = 2;
	while ((opt = getopt(argc, argv, "m:f:t:DPS:W:")) != -1) {
		if (opt == 'D')
			dpms_cycle = 1;
		else if (opt == 'P')
			suspend_cycle = 1;
		else if (opt == 'S')
			same_mode_counter = optarg;
		else if (opt == 'W')
			while_shown = optarg;
		else if (opt == 'm')
			modes = optarg;
		else if (opt == 't')
			tag = optarg;
		else if (opt == 'f')
			formats = optarg;
		else
			return 2;
	}
	if (!strcmp(argv[1], "info"))
		return cmd_info();
	if (!strcmp(argv[1], "pattern"))
		return cmd_pattern(modes, formats) || failures;
	if (!strcmp(argv[1], "badmode"))
		return cmd_badmode() || failures;
	if (!strcmp(argv[1], "modifier"))
		return cmd_modifier() || failures;
	if (!strcmp(argv[1], "vblank"))
		return cmd_vblank(modes) || failures;
	if (!strcmp(argv[1], "cursor") && optind + 2 <= argc)
		return cmd_cursor(atoi(argv[optind]), atoi(argv[optind + 1]),
				  modes) || failures;
	if (!strcmp(argv[1], "cursormove"))
		return cmd_cursormove(argv + optind, argc - optind, modes) ||
		       failures;
	if (!strcmp(argv[1], "zerocopy"))
		return cmd_zerocopy(modes, formats) || failures;
	if (!strcmp(argv[1], "hold") && optind + 1 <= argc)
		return cmd_hold(atoi(argv[optind]));
	fprintf(stderr, "kmstest: bad command\n");
	return 2;
}
