// SPDX-License-Identifier: GPL-2.0
/*
 * reltest: the reliability suites' DRM client (issue 10), raw ioctls, static.
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
 *   reltest modeset [-m WxH]    one atomic modeset; prints "MODESET rc=<errno>"
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
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <drm.h>
#include <drm_fourcc.h>
#include <drm_mode.h>

#define MAX_OBJS	32
#define U64P(p)		((uint64_t)(uintptr_t)(p))

static int fd = -1;
static double max_ioctl;	/* seconds, the longest single ioctl */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int xioctl(unsigned long req, void *arg)
{
	double t0 = now(), t;
	int r;

	do {
		r = ioctl(fd, req, arg);
	} while (r == -1 && (errno == EINTR || errno == EAGAIN));
	t = now() - t0;
	if (t > max_ioctl)
		max_ioctl = t;
	return r ? -errno : 0;
}

struct kms {
	uint32_t crtc, conn, primary, cursor;
	struct drm_mode_modeinfo modes[64];
	unsigned int num_modes;
	uint32_t p_active, p_mode, p_conn_crtc, p_fb, p_crtc_id, p_src[4], p_dst[4];
	uint32_t p_damage, c_fb, c_crtc_id, c_src[4], c_dst[4];
};

static uint32_t prop_id(uint32_t obj, uint32_t type, const char *name, uint64_t *value)
{
	struct drm_mode_obj_get_properties op = { .obj_id = obj, .obj_type = type };
	uint32_t ids[64], found = 0;
	uint64_t vals[64];
	unsigned int i;

	if (xioctl(DRM_IOCTL_MODE_OBJ_GETPROPERTIES, &op) || op.count_props > 64)
		return 0;
	op.props_ptr = U64P(ids);
	op.prop_values_ptr = U64P(vals);
	if (xioctl(DRM_IOCTL_MODE_OBJ_GETPROPERTIES, &op))
		return 0;
	for (i = 0; i < op.count_props; i++) {
		struct drm_mode_get_property p = { .prop_id = ids[i] };

		if (!xioctl(DRM_IOCTL_MODE_GETPROPERTY, &p) && !strcmp(p.name, name)) {
			found = ids[i];
			if (value)
				*value = vals[i];
			break;
		}
	}
	return found;
}

static void plane_props(uint32_t plane, uint32_t *fbp, uint32_t *crtc,
			uint32_t *src, uint32_t *dst)
{
	static const char *const s[] = { "SRC_X", "SRC_Y", "SRC_W", "SRC_H" };
	static const char *const d[] = { "CRTC_X", "CRTC_Y", "CRTC_W", "CRTC_H" };
	int i;

	*fbp = prop_id(plane, DRM_MODE_OBJECT_PLANE, "FB_ID", NULL);
	*crtc = prop_id(plane, DRM_MODE_OBJECT_PLANE, "CRTC_ID", NULL);
	for (i = 0; i < 4; i++) {
		src[i] = prop_id(plane, DRM_MODE_OBJECT_PLANE, s[i], NULL);
		dst[i] = prop_id(plane, DRM_MODE_OBJECT_PLANE, d[i], NULL);
	}
}

/* Returns 0 or a negative errno; *step names what failed. */
static int kms_open(struct kms *k, const char **step)
{
	struct drm_mode_card_res res = { 0 };
	struct drm_mode_get_plane_res pres = { 0 };
	uint32_t crtcs[MAX_OBJS], conns[MAX_OBJS], planes[MAX_OBJS];
	struct drm_set_client_cap cap = { DRM_CLIENT_CAP_UNIVERSAL_PLANES, 1 };
	unsigned int i;
	int r;

	memset(k, 0, sizeof(*k));
	*step = "open";
	fd = open("/dev/dri/card0", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	*step = "caps";
	if ((r = xioctl(DRM_IOCTL_SET_CLIENT_CAP, &cap)))
		return r;
	cap.capability = DRM_CLIENT_CAP_ATOMIC;
	if ((r = xioctl(DRM_IOCTL_SET_CLIENT_CAP, &cap)))
		return r;
	*step = "getresources";
	if ((r = xioctl(DRM_IOCTL_MODE_GETRESOURCES, &res)))
		return r;
	if (res.count_crtcs > MAX_OBJS || res.count_connectors > MAX_OBJS || !res.count_crtcs)
		return -E2BIG;
	res.crtc_id_ptr = U64P(crtcs);
	res.connector_id_ptr = U64P(conns);
	res.count_fbs = res.count_encoders = 0;
	if ((r = xioctl(DRM_IOCTL_MODE_GETRESOURCES, &res)))
		return r;
	k->crtc = crtcs[0];
	*step = "getconnector";
	for (i = 0; i < res.count_connectors && !k->conn; i++) {
		struct drm_mode_get_connector c = { .connector_id = conns[i] };

		if ((r = xioctl(DRM_IOCTL_MODE_GETCONNECTOR, &c)))
			return r;
		if (c.connection != 1 || !c.count_modes || c.count_modes > 64)
			continue;
		c.modes_ptr = U64P(k->modes);
		c.count_props = c.count_encoders = 0;
		if ((r = xioctl(DRM_IOCTL_MODE_GETCONNECTOR, &c)))
			return r;
		k->conn = conns[i];
		k->num_modes = c.count_modes;
	}
	if (!k->conn)
		return -ENOENT;
	*step = "getplanes";
	if ((r = xioctl(DRM_IOCTL_MODE_GETPLANERESOURCES, &pres)))
		return r;
	if (pres.count_planes > MAX_OBJS)
		return -E2BIG;
	pres.plane_id_ptr = U64P(planes);
	if ((r = xioctl(DRM_IOCTL_MODE_GETPLANERESOURCES, &pres)))
		return r;
	for (i = 0; i < pres.count_planes; i++) {
		uint64_t type = 0;

		prop_id(planes[i], DRM_MODE_OBJECT_PLANE, "type", &type);
		if (type == 1 && !k->primary)
			k->primary = planes[i];
		else if (type == 2 && !k->cursor)
			k->cursor = planes[i];
	}
	if (!k->primary)
		return -ENOENT;
	k->p_active = prop_id(k->crtc, DRM_MODE_OBJECT_CRTC, "ACTIVE", NULL);
	k->p_mode = prop_id(k->crtc, DRM_MODE_OBJECT_CRTC, "MODE_ID", NULL);
	k->p_conn_crtc = prop_id(k->conn, DRM_MODE_OBJECT_CONNECTOR, "CRTC_ID", NULL);
	plane_props(k->primary, &k->p_fb, &k->p_crtc_id, k->p_src, k->p_dst);
	k->p_damage = prop_id(k->primary, DRM_MODE_OBJECT_PLANE, "FB_DAMAGE_CLIPS", NULL);
	if (k->cursor)
		plane_props(k->cursor, &k->c_fb, &k->c_crtc_id, k->c_src, k->c_dst);
	return 0;
}

struct req {
	uint32_t objs[8], count[8], props[64];
	uint64_t vals[64];
	unsigned int nobj, nprop;
};

static void req_add(struct req *r, uint32_t obj, uint32_t prop, uint64_t val)
{
	if (!r->nobj || r->objs[r->nobj - 1] != obj) {
		r->objs[r->nobj] = obj;
		r->count[r->nobj++] = 0;
	}
	r->count[r->nobj - 1]++;
	r->props[r->nprop] = prop;
	r->vals[r->nprop++] = val;
}

static int req_commit(struct req *r, uint32_t flags)
{
	struct drm_mode_atomic a = {
		.flags = flags, .count_objs = r->nobj,
		.objs_ptr = U64P(r->objs), .count_props_ptr = U64P(r->count),
		.props_ptr = U64P(r->props), .prop_values_ptr = U64P(r->vals),
	};

	return xioctl(DRM_IOCTL_MODE_ATOMIC, &a);
}

struct buf {
	uint32_t handle, fb, pitch, w, h;
	uint64_t size;
	uint8_t *map;
};

static int buf_create(struct buf *b, uint32_t w, uint32_t h, uint32_t format, int addfb)
{
	struct drm_mode_create_dumb cd = { .width = w, .height = h, .bpp = 32 };
	struct drm_mode_map_dumb md = { 0 };
	struct drm_mode_fb_cmd2 fc = { .width = w, .height = h, .pixel_format = format };
	int r;

	memset(b, 0, sizeof(*b));
	if ((r = xioctl(DRM_IOCTL_MODE_CREATE_DUMB, &cd)))
		return r;
	b->handle = cd.handle;
	b->pitch = cd.pitch;
	b->size = cd.size;
	b->w = w;
	b->h = h;
	md.handle = cd.handle;
	if ((r = xioctl(DRM_IOCTL_MODE_MAP_DUMB, &md)))
		return r;
	b->map = mmap(NULL, cd.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, md.offset);
	if (b->map == MAP_FAILED) {
		b->map = NULL;
		return -errno;
	}
	if (!addfb)
		return 0;
	fc.handles[0] = cd.handle;
	fc.pitches[0] = cd.pitch;
	if ((r = xioctl(DRM_IOCTL_MODE_ADDFB2, &fc)))
		return r;
	b->fb = fc.fb_id;
	return 0;
}

static int buf_destroy(struct buf *b)
{
	struct drm_mode_destroy_dumb dd = { .handle = b->handle };
	int r = 0;

	if (b->fb)
		xioctl(DRM_IOCTL_MODE_RMFB, &b->fb);
	if (b->map)
		munmap(b->map, b->size);
	if (b->handle)
		r = xioctl(DRM_IOCTL_MODE_DESTROY_DUMB, &dd);
	memset(b, 0, sizeof(*b));
	return r;
}

static void buf_fill(struct buf *b, uint32_t rgb)
{
	uint32_t x, y;

	for (y = 0; y < b->h; y++) {
		uint32_t *row = (uint32_t *)(b->map + (size_t)y * b->pitch);

		for (x = 0; x < b->w; x++)
			row[x] = rgb;
	}
}

static struct drm_mode_modeinfo *find_mode(struct kms *k, const char *wh)
{
	unsigned int i;
	int w, h;

	if (wh && sscanf(wh, "%dx%d", &w, &h) == 2) {
		for (i = 0; i < k->num_modes; i++)
			if (k->modes[i].hdisplay == w && k->modes[i].vdisplay == h)
				return &k->modes[i];
		return NULL;
	}
	for (i = 0; i < k->num_modes; i++)
		if (k->modes[i].type & DRM_MODE_TYPE_PREFERRED)
			return &k->modes[i];
	return &k->modes[0];
}

static void req_primary(struct kms *k, struct req *r, struct buf *b,
			struct drm_mode_modeinfo *m, uint32_t mode_blob)
{
	if (mode_blob) {
		req_add(r, k->crtc, k->p_active, 1);
		req_add(r, k->crtc, k->p_mode, mode_blob);
	}
	req_add(r, k->primary, k->p_fb, b->fb);
	req_add(r, k->primary, k->p_crtc_id, k->crtc);
	req_add(r, k->primary, k->p_src[0], 0);
	req_add(r, k->primary, k->p_src[1], 0);
	req_add(r, k->primary, k->p_src[2], (uint64_t)m->hdisplay << 16);
	req_add(r, k->primary, k->p_src[3], (uint64_t)m->vdisplay << 16);
	req_add(r, k->primary, k->p_dst[0], 0);
	req_add(r, k->primary, k->p_dst[1], 0);
	req_add(r, k->primary, k->p_dst[2], m->hdisplay);
	req_add(r, k->primary, k->p_dst[3], m->vdisplay);
	if (mode_blob)
		req_add(r, k->conn, k->p_conn_crtc, k->crtc);
}

static int modeset(struct kms *k, struct drm_mode_modeinfo *m, struct buf *b)
{
	struct drm_mode_create_blob cb = { .data = U64P(m), .length = sizeof(*m) };
	struct drm_mode_destroy_blob db;
	struct req r = { 0 };
	int ret;

	if ((ret = xioctl(DRM_IOCTL_MODE_CREATEPROPBLOB, &cb)))
		return ret;
	req_primary(k, &r, b, m, cb.blob_id);
	ret = req_commit(&r, DRM_MODE_ATOMIC_ALLOW_MODESET);
	db.blob_id = cb.blob_id;
	xioctl(DRM_IOCTL_MODE_DESTROYPROPBLOB, &db);
	return ret;
}

static void screendump(const char *name)
{
	char cmd[256];

	fflush(stdout);
	snprintf(cmd, sizeof(cmd), "sh -c '. /lib/vmlib.sh; screendump %s' >/dev/ttyS1", name);
	if (system(cmd))
		printf("ERR screendump %s\n", name);
}

static const char *opt_mode, *opt_dump;

static int err(const char *step, int e)
{
	printf("ERR %s %s (%d)\n", step, strerror(-e), -e);
	fflush(stdout);
	return 1;
}

/* ---- draw ---- */
static int cmd_draw(uint32_t rgb)
{
	struct drm_mode_modeinfo *m;
	const char *step;
	struct buf b;
	struct kms k;
	int r;

	if ((r = kms_open(&k, &step)))
		return err(step, r);
	m = find_mode(&k, opt_mode);
	if (!m)
		return err("mode", -ENOENT);
	if ((r = buf_create(&b, m->hdisplay, m->vdisplay, DRM_FORMAT_XRGB8888, 1)))
		return err("buffer", r);
	buf_fill(&b, rgb);
	if ((r = modeset(&k, m, &b)))
		return err("modeset", r);
	if (opt_dump)
		screendump(opt_dump);
	if ((r = buf_destroy(&b)))
		return err("destroy", r);
	close(fd);
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

	while (access(stop, F_OK)) {
		struct drm_mode_modeinfo *m;
		const char *step;
		struct buf b = { 0 };
		struct kms k;
		int r;

		if (access("/dev/dri/card0", F_OK)) {
			usleep(20000);
			continue;
		}
		reopen++;
		r = kms_open(&k, &step);
		if (!r && !(m = find_mode(&k, opt_mode))) {
			step = "mode";
			r = -ENOENT;
		}
		if (!r) {
			step = "buffer";
			r = buf_create(&b, m->hdisplay, m->vdisplay, DRM_FORMAT_XRGB8888, 1);
		}
		if (!r) {
			step = "modeset";
			buf_fill(&b, 0x203040);
			r = modeset(&k, m, &b);
		}
		if (!r)
			step = "draw";
		while (!r && access(stop, F_OK)) {
			struct drm_mode_rect clip = { 0, 0, 64, 64 };
			struct drm_mode_create_blob cb = { .data = U64P(&clip),
							   .length = sizeof(clip) };
			struct drm_mode_destroy_blob db;
			struct req q = { 0 };

			clip.x1 = (frames * 64) % (m->hdisplay - 64);
			clip.x2 = clip.x1 + 64;
			for (int y = 0; y < 64; y++)
				for (int x = clip.x1; x < clip.x2; x++)
					((uint32_t *)(b.map + y * b.pitch))[x] = frames * 0x10101;
			if ((r = xioctl(DRM_IOCTL_MODE_CREATEPROPBLOB, &cb)))
				break;
			req_primary(&k, &q, &b, m, 0);
			req_add(&q, k.primary, k.p_damage, cb.blob_id);
			r = req_commit(&q, 0);
			db.blob_id = cb.blob_id;
			xioctl(DRM_IOCTL_MODE_DESTROYPROPBLOB, &db);
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
		buf_destroy(&b);
		if (fd >= 0)
			close(fd);
		fd = -1;
		usleep(20000);
	}
	printf("LOOP frames=%lu errors=%lu reopen=%lu max_ioctl_ms=%.0f errnos=%s\n",
	       frames, errors, reopen, max_ioctl * 1000, *errnos ? errnos : "none");
	return 0;
}

/* ---- stress ---- */
static volatile sig_atomic_t stop_now;
static void on_alarm(int s) { (void)s; stop_now = 1; }

static void w_modeset(struct kms *k, struct drm_mode_modeinfo **mm, int nm, struct buf *big, int id)
{
	unsigned long ok = 0, busy = 0, bad = 0;
	int i = id, r;

	while (!stop_now) {
		struct drm_mode_modeinfo *m = mm[i++ % nm];

		r = modeset(k, m, big);
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

static void w_flip(struct kms *k, struct buf *bufs)
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

		r = ioctl(fd, DRM_IOCTL_MODE_PAGE_FLIP, &pf) ? -errno : 0;
		if (r) {
			refused++;	/* EBUSY during a modeset: not requested */
			usleep(5000);
		} else {
			struct pollfd p = { .fd = fd, .events = POLLIN };
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
			if (r == 1 && (n = read(fd, ev, sizeof(ev))) >= 8) {
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
			r = xioctl(DRM_IOCTL_WAIT_VBLANK, &v);
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
	struct buf c;
	int i = 0, r;

	if (!k->cursor) {
		printf("STRESS cursor noplane\n");
		return;
	}
	if ((r = buf_create(&c, 64, 64, DRM_FORMAT_ARGB8888, 1))) {
		printf("STRESS cursor buffer %s\n", strerror(-r));
		return;
	}
	buf_fill(&c, 0xffff00ff);
	while (!stop_now) {
		struct req q = { 0 };

		req_add(&q, k->cursor, k->c_fb, c.fb);
		req_add(&q, k->cursor, k->c_crtc_id, k->crtc);
		req_add(&q, k->cursor, k->c_src[0], 0);
		req_add(&q, k->cursor, k->c_src[1], 0);
		req_add(&q, k->cursor, k->c_src[2], 64 << 16);
		req_add(&q, k->cursor, k->c_src[3], 64 << 16);
		req_add(&q, k->cursor, k->c_dst[0], (i * 37) % 700);
		req_add(&q, k->cursor, k->c_dst[1], (i * 23) % 500);
		req_add(&q, k->cursor, k->c_dst[2], 64);
		req_add(&q, k->cursor, k->c_dst[3], 64);
		i++;
		r = req_commit(&q, 0);
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

	fd = open("/dev/dri/card0", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		printf("STRESS dumb%d open %s\n", id, strerror(errno));
		return;
	}
	while (!stop_now) {
		struct buf b;
		uint32_t w = 16 + rand_r(&seed) % 1024, h = 16 + rand_r(&seed) % 768;
		int r = buf_create(&b, w, h, DRM_FORMAT_XRGB8888, rand_r(&seed) & 1);

		if (!r) {
			buf_fill(&b, 0x5a5a5a ^ id);
			if (((uint32_t *)b.map)[w - 1] != (0x5a5a5aU ^ id))
				corrupt++;
		}
		if (r || buf_destroy(&b))
			bad++;
		else
			ok++;
	}
	printf("STRESS dumb%d ok=%lu bad=%lu corrupt=%lu\n", id, ok, bad, corrupt);
}

static int cmd_stress(int seconds, const char *modes)
{
	struct drm_mode_modeinfo *mm[4];
	struct buf bufs[2];
	const char *step;
	char list[64], *tok, *save;
	int nm = 0, i, r, st;
	pid_t pids[8];
	struct kms k;
	uint32_t maxw = 0, maxh = 0;

	if ((r = kms_open(&k, &step)))
		return err(step, r);
	snprintf(list, sizeof(list), "%s", modes ? modes : "1024x768,800x600");
	for (tok = strtok_r(list, ",", &save); tok && nm < 4; tok = strtok_r(NULL, ",", &save)) {
		if (!(mm[nm] = find_mode(&k, tok)))
			return err(tok, -ENOENT);
		if (mm[nm]->hdisplay > maxw) maxw = mm[nm]->hdisplay;
		if (mm[nm]->vdisplay > maxh) maxh = mm[nm]->vdisplay;
		nm++;
	}
	for (i = 0; i < 2; i++) {
		if ((r = buf_create(&bufs[i], maxw, maxh, DRM_FORMAT_XRGB8888, 1)))
			return err("buffer", r);
		buf_fill(&bufs[i], i ? 0x0000ff : 0x00ff00);
	}
	if ((r = modeset(&k, mm[0], &bufs[0])))
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
	/* the final state: a known mode, a known colour */
	buf_fill(&bufs[1], 0xc08040);
	r = modeset(&k, mm[0], &bufs[1]);
	printf("STRESS final modeset=%d\n", -r);
	{
		struct drm_mode_crtc c = { .crtc_id = k.crtc };

		r = xioctl(DRM_IOCTL_MODE_GETCRTC, &c);
		printf("STRESS final crtc=%d valid=%u mode=%ux%u fb=%s\n", -r, c.mode_valid,
		       c.mode.hdisplay, c.mode.vdisplay, c.fb_id == bufs[1].fb ? "final" : "other");
	}
	if (opt_dump)
		screendump(opt_dump);
	return 0;
}

static int cmd_modeset(void)
{
	struct drm_mode_modeinfo *m;
	const char *step;
	struct buf b;
	struct kms k;
	int r;

	if ((r = kms_open(&k, &step)))
		return err(step, r);
	if (!(m = find_mode(&k, opt_mode)))
		return err("mode", -ENOENT);
	if ((r = buf_create(&b, m->hdisplay, m->vdisplay, DRM_FORMAT_XRGB8888, 1)))
		return err("buffer", r);
	buf_fill(&b, 0x00ffff);
	r = modeset(&k, m, &b);
	printf("MODESET rc=%d %s\n", -r, r ? strerror(-r) : "ok");
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
	while ((opt = getopt(argc, argv, "m:d:")) != -1) {
		if (opt == 'm')
			opt_mode = optarg;
		else if (opt == 'd')
			opt_dump = optarg;
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
