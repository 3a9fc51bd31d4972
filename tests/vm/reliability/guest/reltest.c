// SPDX-License-Identifier: GPL-2.0
/*
 * reltest: the reliability suites' DRM client, raw ioctls, static.
 *
 *   reltest draw RGB [-m WxH] [-d DUMP]
 *           set a mode with a full-screen XRGB8888 buffer filled with RGB
 *           (hex), commit, optionally screen-dump, close.  Exit 0 on success,
 *           else prints "ERR <step> <errno name>" and exits 1.
 *   reltest loop STOPFILE [PROGRESS]
 *           draw in a loop (damage commits of a changing fill) until STOPFILE
 *           exists; on an ioctl error close the device and reopen it when it
 *           comes back.  Prints "LOOP frames=N errors=N reopen=N
 *           max_ioctl_ms=N errnos=<list>"; PROGRESS gets the frame count.
 *   reltest stress SECONDS [-m WxH,WxH]
 *           one master fd shared by forked workers: 2 modesetters, a page
 *           flipper with events + vblank waits, a cursor mover; 2 dumb-buffer
 *           workers on their own fds.  Prints one "STRESS ..." line per worker.
 *   reltest modeset [-m WxH] [-a WxH -n N] [-u MS]
 *                               atomic modesets (-n, alternating with -a);
 *                               prints "MODESET rc=<errno>" for each; -u:
 *                               the commits also set link-status GOOD, then
 *                               wait up to MS ms for a DRM hotplug uevent
 *                               and print the connector's
 *                               "LINK GOOD|BAD|none hotplug=<0|1>"
 *   reltest crtc                prints "CRTC valid=V WxH fb=N"
 *   reltest vpioctl FILE CODE OUTLEN [U32]   one request through videoport's
 *                               debugfs ioctl file (see cmd_vpioctl)
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/netlink.h>

#include <drm.h>
#include <drm_fourcc.h>
#include <drm_mode.h>

#include "kmslib.h"

static void buf_fill(struct kms_buf *b, uint32_t rgb)
{
	uint32_t x, y;

	for (y = 0; y < b->h; y++) {
		uint32_t *row = (uint32_t *)(b->map + (size_t)y * b->pitch);

		for (x = 0; x < b->w; x++)
			row[x] = rgb;
	}
}

static void screendump(const char *name)
{
	char cmd[256];

	fflush(stdout);
	snprintf(cmd, sizeof(cmd), "sh -c '. /lib/vmlib.sh; screendump %s' >/dev/ttyS1", name);
	if (system(cmd))
		printf("ERR screendump %s\n", name);
}

static const char *opt_mode, *opt_dump, *opt_alt;
static int opt_count = 1, opt_uevent_ms = -1;

/* The kernel's uevents (as udev reads them): a socket, -1 on failure. */
static int uevent_open(void)
{
	struct sockaddr_nl a = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	int s = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
		       NETLINK_KOBJECT_UEVENT);

	if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a))) {
		close(s);
		s = -1;
	}
	return s;
}

/* Wait up to ms for a DRM hotplug uevent ("HOTPLUG=1" from a drm card). */
static int uevent_hotplug(int s, int ms)
{
	char buf[4096];

	while (s >= 0) {
		struct pollfd p = { .fd = s, .events = POLLIN };
		int drm = 0, hp = 0;
		ssize_t n, i;

		if (poll(&p, 1, ms) <= 0)
			return 0;
		n = recv(s, buf, sizeof(buf) - 1, 0);
		if (n <= 0)
			return 0;
		buf[n] = 0;
		/* "action@devpath\0KEY=VALUE\0..." */
		for (i = 0; i < n; i += strlen(buf + i) + 1) {
			if (!strcmp(buf + i, "SUBSYSTEM=drm"))
				drm = 1;
			if (!strcmp(buf + i, "HOTPLUG=1"))
				hp = 1;
		}
		if (drm && hp)
			return 1;
	}
	return 0;
}

static int err(const char *step, int e)
{
	printf("ERR %s %s (%d)\n", step, strerror(-e), -e);
	fflush(stdout);
	return 1;
}

/* Open the card, pick mode -m, fill a buffer of its size with rgb. */
static int setup(struct kms *k, struct drm_mode_modeinfo **m, struct kms_buf *b,
		 uint32_t rgb, const char **step)
{
	int r;

	if ((r = kms_open(k, "/dev/dri/card0", 0))) {
		*step = k->step;
		return r;
	}
	*step = "mode";
	*m = kms_mode_arg(k, opt_mode);
	if (!*m)
		return -ENOENT;
	*step = "buffer";
	if ((r = kms_buf_create(k->fd, b, (*m)->hdisplay, (*m)->vdisplay,
				DRM_FORMAT_XRGB8888, 1)))
		return r;
	buf_fill(b, rgb);
	return 0;
}

/* ---- draw ---- */
static int cmd_draw(uint32_t rgb)
{
	struct drm_mode_modeinfo *m;
	const char *step;
	struct kms_buf b;
	struct kms k;
	int r;

	if ((r = setup(&k, &m, &b, rgb, &step)))
		return err(step, r);
	if ((r = kms_modeset(&k, m, b.fb)))
		return err("modeset", r);
	if (opt_dump)
		screendump(opt_dump);
	if ((r = kms_buf_destroy(&b)))
		return err("destroy", r);
	kms_close(&k);
	return 0;
}

/* ---- loop: a client that keeps drawing across unbind/bind ---- */

/*
 * The test reads the count while we write it: write a new file and rename it
 * over the old one, so a reader never sees a truncated, empty count.
 */
static void write_progress(const char *progress, unsigned long frames)
{
	char tmp[256];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.new", progress);
	f = fopen(tmp, "w");
	if (!f)
		return;
	fprintf(f, "%lu\n", frames);
	if (fclose(f) == 0)
		rename(tmp, progress);
}

static int cmd_loop(const char *stop, const char *progress)
{
	unsigned long frames = 0, errors = 0, reopen = 0;
	char errnos[512] = "";
	int seen[256] = { 0 };

	kms_time_ioctls();	/* max_ioctl_ms */
	while (access(stop, F_OK)) {
		struct drm_mode_modeinfo *m = NULL;
		const char *step;
		struct kms_buf b = { 0 };
		struct kms k;
		int r;

		if (access("/dev/dri/card0", F_OK)) {
			usleep(20000);
			continue;
		}
		reopen++;
		r = setup(&k, &m, &b, 0x203040, &step);
		if (!r) {
			step = "modeset";
			r = kms_modeset(&k, m, b.fb);
		}
		if (!r)
			step = "draw";
		while (!r && access(stop, F_OK)) {
			struct drm_mode_rect clip = { 0, 0, 64, 64 };
			struct kms_req q = { 0 };
			uint32_t blob;

			clip.x1 = (frames * 64) % (m->hdisplay - 64);
			clip.x2 = clip.x1 + 64;
			for (int y = 0; y < 64; y++)
				for (int x = clip.x1; x < clip.x2; x++)
					((uint32_t *)(b.map + y * b.pitch))[x] = frames * 0x10101;
			if ((r = kms_blob_create(k.fd, &clip, sizeof(clip), &blob)))
				break;
			kms_req_primary(&k, &q, b.fb, m->hdisplay, m->vdisplay, 0);
			kms_req_add(&q, k.primary, k.p_damage, blob);
			r = kms_req_commit(k.fd, &q, 0);
			kms_blob_destroy(k.fd, blob);
			if (!r && !(++frames % 4) && progress)
				write_progress(progress, frames);
		}
		if (r) {
			errors++;
			fprintf(stderr, "loop: open %lu: %s after %lu frames: %s\n",
				reopen, step, frames, strerror(-r));
			if (-r < 256 && !seen[-r]++ && strlen(errnos) < 400)
				snprintf(errnos + strlen(errnos), 100, "%s%d", *errnos ? "," : "", -r);
		}
		kms_buf_destroy(&b);
		kms_close(&k);
		usleep(20000);
	}
	printf("LOOP frames=%lu errors=%lu reopen=%lu max_ioctl_ms=%.0f errnos=%s\n",
	       frames, errors, reopen, kms_longest_ioctl() * 1000,
	       *errnos ? errnos : "none");
	return 0;
}

/* ---- stress ---- */
static volatile sig_atomic_t stop_now;
static void on_alarm(int s) { (void)s; stop_now = 1; }

static void w_modeset(struct kms *k, struct drm_mode_modeinfo **mm, int nm,
		      struct kms_buf *big, int id)
{
	unsigned long ok = 0, busy = 0, bad = 0;
	int i = id, r;

	while (!stop_now) {
		struct drm_mode_modeinfo *m = mm[i++ % nm];

		r = kms_modeset(k, m, big->fb);
		if (!r)
			ok++;
		else if (r == -EBUSY || r == -EDEADLK)
			busy++;
		else {
			bad++;
			printf("INFO modeset%d: %s\n", id, strerror(-r));
		}
		usleep(300000);
	}
	printf("STRESS modeset%d ok=%lu busy=%lu bad=%lu\n", id, ok, busy, bad);
}

static void w_flip(struct kms *k, struct kms_buf *bufs)
{
	unsigned long req = 0, got = 0, refused = 0, lost = 0, vbl = 0, vblbad = 0;
	unsigned long vbloff = 0;
	int i = 0, r;

	while (!stop_now) {
		struct drm_mode_crtc_page_flip pf = {
			.crtc_id = k->crtc, .fb_id = bufs[i & 1].fb,
			.flags = DRM_MODE_PAGE_FLIP_EVENT, .user_data = req + 1,
		};
		union drm_wait_vblank v = { .request = { .type = _DRM_VBLANK_RELATIVE,
							 .sequence = 1 } };

		r = ioctl(k->fd, DRM_IOCTL_MODE_PAGE_FLIP, &pf) ? -errno : 0;
		if (r) {
			refused++;	/* EBUSY during a modeset: not requested */
			usleep(5000);
		} else {
			struct pollfd p = { .fd = k->fd, .events = POLLIN };
			char ev[1024];
			ssize_t n;

			req++;
			i++;
			/*
			 * 2 s: ~100 frames at the software vblank rate.  The
			 * stop signal may interrupt the wait: wait again, the
			 * event is still owed.
			 */
			do
				r = poll(&p, 1, 2000);
			while (r < 0 && errno == EINTR);
			if (r == 1 && (n = read(k->fd, ev, sizeof(ev))) >= 8) {
				struct drm_event_vblank *e = (void *)ev;

				if (e->base.type == DRM_EVENT_FLIP_COMPLETE &&
				    e->user_data == req)
					got++;
				else
					lost++;
			} else {
				lost++;
			}
		}
		if (!(req % 8)) {
			r = kms_ioctl(k->fd, DRM_IOCTL_WAIT_VBLANK, &v);
			/* EINVAL: vblank off inside another worker's modeset */
			if (r == -EINVAL)
				vbloff++;
			else if (r)
				vblbad++, printf("INFO vblank wait: %s\n", strerror(-r));
			else
				vbl++;
		}
	}
	printf("STRESS flip requested=%lu events=%lu lost=%lu refused=%lu vblank=%lu vblank_off=%lu vblank_err=%lu\n",
	       req, got, lost, refused, vbl, vbloff, vblbad);
}

static void w_cursor(struct kms *k)
{
	unsigned long ok = 0, busy = 0, bad = 0;
	struct kms_buf c;
	int i = 0, r;

	if (!k->cursor) {
		printf("STRESS cursor noplane\n");
		return;
	}
	if ((r = kms_buf_create(k->fd, &c, 64, 64, DRM_FORMAT_ARGB8888, 1))) {
		printf("STRESS cursor buffer %s\n", strerror(-r));
		return;
	}
	buf_fill(&c, 0xffff00ff);
	while (!stop_now) {
		struct kms_req q = { 0 };

		kms_req_cursor(k, &q, c.fb, (i * 37) % 700, (i * 23) % 500, 64);
		i++;
		r = kms_req_commit(k->fd, &q, 0);
		if (!r)
			ok++;
		else if (r == -EBUSY || r == -EDEADLK)
			busy++;
		else
			bad++, printf("INFO cursor: %s\n", strerror(-r));
		usleep(20000);
	}
	printf("STRESS cursor ok=%lu busy=%lu bad=%lu\n", ok, busy, bad);
}

static void w_dumb(int id)
{
	unsigned long ok = 0, bad = 0, corrupt = 0;
	unsigned int seed = id * 7919;
	int fd = open("/dev/dri/card0", O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		printf("STRESS dumb%d open %s\n", id, strerror(errno));
		return;
	}
	while (!stop_now) {
		struct kms_buf b;
		uint32_t w = 16 + rand_r(&seed) % 1024, h = 16 + rand_r(&seed) % 768;
		int r = kms_buf_create(fd, &b, w, h, DRM_FORMAT_XRGB8888, rand_r(&seed) & 1);

		if (!r) {
			buf_fill(&b, 0x5a5a5a ^ id);
			if (((uint32_t *)b.map)[w - 1] != (0x5a5a5aU ^ id))
				corrupt++;
		}
		if (r || kms_buf_destroy(&b))
			bad++;
		else
			ok++;
	}
	printf("STRESS dumb%d ok=%lu bad=%lu corrupt=%lu\n", id, ok, bad, corrupt);
}

static int cmd_stress(int seconds, const char *modes)
{
	struct drm_mode_modeinfo *mm[4];
	struct kms_buf bufs[2];
	char list[64], *tok, *save;
	int nm = 0, i, r, st;
	pid_t pids[8];
	struct kms k;
	uint32_t maxw = 0, maxh = 0;

	if ((r = kms_open(&k, "/dev/dri/card0", 0)))
		return err(k.step, r);
	snprintf(list, sizeof(list), "%s", modes ? modes : "1024x768,800x600");
	for (tok = strtok_r(list, ",", &save); tok && nm < 4; tok = strtok_r(NULL, ",", &save)) {
		if (!(mm[nm] = kms_mode_arg(&k, tok)))
			return err(tok, -ENOENT);
		if (mm[nm]->hdisplay > maxw) maxw = mm[nm]->hdisplay;
		if (mm[nm]->vdisplay > maxh) maxh = mm[nm]->vdisplay;
		nm++;
	}
	for (i = 0; i < 2; i++) {
		if ((r = kms_buf_create(k.fd, &bufs[i], maxw, maxh, DRM_FORMAT_XRGB8888, 1)))
			return err("buffer", r);
		buf_fill(&bufs[i], i ? 0x0000ff : 0x00ff00);
	}
	if ((r = kms_modeset(&k, mm[0], bufs[0].fb)))
		return err("modeset", r);
	signal(SIGALRM, on_alarm);
	for (i = 0; i < 6; i++) {
		pids[i] = fork();
		if (pids[i])
			continue;
		alarm(seconds);
		switch (i) {
		case 0: case 1: w_modeset(&k, mm, nm, &bufs[0], i); break;
		case 2: w_flip(&k, bufs); break;
		case 3: w_cursor(&k); break;
		default: w_dumb(i); break;
		}
		fflush(stdout);
		_exit(0);
	}
	for (i = 0; i < 6; i++) {
		if (waitpid(pids[i], &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			printf("STRESS worker%d died status=%d\n", i, st);
	}
	/*
	 * The final state: a known mode, a known colour, and no cursor (the
	 * cursor worker leaves it wherever it was, possibly over the centre).
	 */
	buf_fill(&bufs[1], 0xc08040);
	r = kms_modeset(&k, mm[0], bufs[1].fb);
	if (!r && k.cursor) {
		struct kms_req q = { 0 };

		kms_req_cursor_off(&k, &q);
		r = kms_req_commit(k.fd, &q, 0);
	}
	printf("STRESS final modeset=%d\n", -r);
	{
		struct drm_mode_crtc c = { .crtc_id = k.crtc };

		r = kms_ioctl(k.fd, DRM_IOCTL_MODE_GETCRTC, &c);
		printf("STRESS final crtc=%d valid=%u mode=%ux%u fb=%s\n", -r, c.mode_valid,
		       c.mode.hdisplay, c.mode.vdisplay, c.fb_id == bufs[1].fb ? "final" : "other");
	}
	if (opt_dump)
		screendump(opt_dump);
	return 0;
}

/*
 * modeset [-m MODE] [-a MODE2] [-n N]: N commits (default 1), alternating
 * between MODE and MODE2 when given, so each is a real mode set; one
 * "MODESET rc=" line each.  One process does them all: a test of the
 * kernel's log rate limit then measures the driver, not process start-up.
 */
/*
 * A modeset that also sets the connector's link-status GOOD, as userspace
 * answers a BAD one.
 */
static int modeset_link_good(const struct kms *k,
			     const struct drm_mode_modeinfo *m, uint32_t fb)
{
	struct kms_req r = { 0 };
	uint32_t blob, link;
	uint64_t v;
	int ret;

	link = kms_prop_id(k->fd, k->conn, DRM_MODE_OBJECT_CONNECTOR,
			   "link-status", &v);
	ret = kms_blob_create(k->fd, m, sizeof(*m), &blob);
	if (ret)
		return ret;
	kms_req_primary(k, &r, fb, m->hdisplay, m->vdisplay, blob);
	kms_req_add(&r, k->conn, link, DRM_MODE_LINK_STATUS_GOOD);
	ret = kms_req_commit(k->fd, &r, DRM_MODE_ATOMIC_ALLOW_MODESET);
	kms_blob_destroy(k->fd, blob);
	return ret;
}

static int cmd_modeset(void)
{
	struct drm_mode_modeinfo *m[2];
	const char *step;
	struct kms_buf b[2];
	struct kms k;
	int i, r, ue = -1;

	if ((r = setup(&k, &m[0], &b[0], 0x00ffff, &step)))
		return err(step, r);
	m[1] = m[0];
	b[1] = b[0];
	if (opt_alt) {
		m[1] = kms_mode_arg(&k, opt_alt);
		if (!m[1])
			return err("mode", -ENOENT);
		if ((r = kms_buf_create(k.fd, &b[1], m[1]->hdisplay, m[1]->vdisplay,
					DRM_FORMAT_XRGB8888, 1)))
			return err("buffer", r);
		buf_fill(&b[1], 0x00ffff);
	}
	if (opt_uevent_ms >= 0)
		ue = uevent_open();
	for (i = 0; i < opt_count; i++) {
		if (opt_uevent_ms >= 0)
			r = modeset_link_good(&k, m[i & 1], b[i & 1].fb);
		else
			r = kms_modeset(&k, m[i & 1], b[i & 1].fb);
		printf("MODESET rc=%d %s\n", -r, r ? strerror(-r) : "ok");
	}
	if (opt_uevent_ms >= 0) {
		/* the hotplug uevent comes after link-status changed */
		int hp = uevent_hotplug(ue, opt_uevent_ms);
		uint64_t link = 0;

		if (!kms_prop_id(k.fd, k.conn, DRM_MODE_OBJECT_CONNECTOR,
				 "link-status", &link))
			printf("LINK none hotplug=%d\n", hp);
		else
			printf("LINK %s hotplug=%d\n",
			       link == DRM_MODE_LINK_STATUS_BAD ? "BAD" : "GOOD", hp);
	}
	if (opt_dump)
		screendump(opt_dump);
	return 0;
}

/*
 * vpioctl FILE CODE OUTLEN [U32]: one request through videoport's debugfs
 * ioctl file.  Prints "VPIOCTL write=<0|errno> ret=<errno> len=N out=<first
 * 8 bytes as hex u64>".
 */
static int cmd_vpioctl(const char *path, uint32_t code, uint32_t outlen,
		       const char *in)
{
	uint32_t w[3] = { code, outlen, in ? strtoul(in, NULL, 0) : 0 };
	uint32_t r[2 + 1024] = { 0 };
	uint64_t out = 0;
	int f = open(path, O_RDWR), we = 0;
	ssize_t n;

	if (f < 0)
		return err("open", -errno);
	if (write(f, w, in ? 12 : 8) < 0)
		we = errno;
	n = read(f, r, sizeof(r));
	if (n < 8)
		return err("read", n < 0 ? -errno : -EIO);
	if (r[1] >= 8)
		memcpy(&out, &r[2], 8);
	printf("VPIOCTL write=%d ret=%d len=%u out=%llx\n", we, -(int32_t)r[0], r[1],
	       (unsigned long long)out);
	close(f);
	return 0;
}

int main(int argc, char **argv)
{
	int opt;

	if (argc < 2) {
		fprintf(stderr, "usage: reltest draw|loop|stress|modeset ...\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	optind = 2;
	while ((opt = getopt(argc, argv, "m:d:a:n:u:")) != -1) {
		if (opt == 'u')
			opt_uevent_ms = atoi(optarg);
		else if (opt == 'm')
			opt_mode = optarg;
		else if (opt == 'd')
			opt_dump = optarg;
		else if (opt == 'a')
			opt_alt = optarg;
		else if (opt == 'n')
			opt_count = atoi(optarg);
		else
			return 2;
	}
	if (!strcmp(argv[1], "draw") && optind < argc)
		return cmd_draw(strtoul(argv[optind], NULL, 16));
	if (!strcmp(argv[1], "loop") && optind < argc)
		return cmd_loop(argv[optind], optind + 1 < argc ? argv[optind + 1] : NULL);
	if (!strcmp(argv[1], "stress") && optind < argc)
		return cmd_stress(atoi(argv[optind]), opt_mode);
	if (!strcmp(argv[1], "vpioctl") && optind + 2 < argc)
		return cmd_vpioctl(argv[optind], strtoul(argv[optind + 1], NULL, 0),
				   strtoul(argv[optind + 2], NULL, 0),
				   optind + 3 < argc ? argv[optind + 3] : NULL);
	if (!strcmp(argv[1], "modeset"))
		return cmd_modeset();
	fprintf(stderr, "reltest: bad command\n");
	return 2;
}
