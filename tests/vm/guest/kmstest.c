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
 *           -D turns the CRTC off and on (DPMS) before the damage commit
 *   kmstest modifier                   a non-linear modifier is refused
 *   kmstest badmode                    a mode not in the list is refused
 *   kmstest vblank [-m WxH]            vblank waits and page-flip events
 *   kmstest cursor [-m WxH] -- X Y     pattern A + 32x32 cursor at X,Y, dump
 *                                      "cursor_X_Y" (X, Y may be negative)
 *   kmstest hold SECONDS               set a mode, keep the device open,
 *                                      then report whether it was unplugged
 *
 * Output: PASS:/FAIL: lines, plus "INFO ..." lines for the log.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <drm.h>
#include <drm_fourcc.h>
#include <drm_mode.h>

#include "pattern.h"

#define MAX_OBJS	64

/* values of the plane "type" property (enum drm_plane_type) */
#define PLANE_TYPE_PRIMARY	1
#define PLANE_TYPE_CURSOR	2

static int fd = -1;
static int failures;

static void pass(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#include <stdarg.h>
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

static int xioctl(unsigned long req, void *arg)
{
	int r;

	do {
		r = ioctl(fd, req, arg);
	} while (r == -1 && (errno == EINTR || errno == EAGAIN));
	return r ? -errno : 0;
}

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);

	if (!p) {
		perror("calloc");
		exit(2);
	}
	return p;
}

#define U64P(p)	((uint64_t)(uintptr_t)(p))

/* ---- discovery ---- */

struct kms {
	uint32_t crtc, conn, primary, cursor;
	struct drm_mode_modeinfo *modes;
	unsigned int num_modes;
	uint32_t formats[32];
	unsigned int num_formats;
	/* property ids */
	uint32_t p_crtc_active, p_crtc_mode, p_crtc_gamma, p_conn_crtc;
	uint32_t p_fb, p_crtc_id, p_src[4], p_dst[4], p_damage;
	uint32_t c_fb, c_crtc_id, c_src[4], c_dst[4];
	uint32_t gamma_size;
};

static uint32_t prop_id(uint32_t obj, uint32_t type, const char *name,
			uint64_t *value)
{
	struct drm_mode_obj_get_properties op = { .obj_id = obj, .obj_type = type };
	uint32_t *ids, found = 0;
	uint64_t *vals;
	unsigned int i;

	if (xioctl(DRM_IOCTL_MODE_OBJ_GETPROPERTIES, &op))
		return 0;
	ids = xcalloc(op.count_props, sizeof(*ids));
	vals = xcalloc(op.count_props, sizeof(*vals));
	op.props_ptr = U64P(ids);
	op.prop_values_ptr = U64P(vals);
	if (xioctl(DRM_IOCTL_MODE_OBJ_GETPROPERTIES, &op))
		goto out;
	for (i = 0; i < op.count_props; i++) {
		struct drm_mode_get_property p = { .prop_id = ids[i] };

		if (xioctl(DRM_IOCTL_MODE_GETPROPERTY, &p))
			continue;
		if (!strcmp(p.name, name)) {
			found = ids[i];
			if (value)
				*value = vals[i];
			break;
		}
	}
out:
	free(ids);
	free(vals);
	return found;
}

static void plane_props(uint32_t plane, uint32_t *fb, uint32_t *crtc,
			uint32_t *src, uint32_t *dst)
{
	static const char *const s[] = { "SRC_X", "SRC_Y", "SRC_W", "SRC_H" };
	static const char *const d[] = { "CRTC_X", "CRTC_Y", "CRTC_W", "CRTC_H" };
	int i;

	*fb = prop_id(plane, DRM_MODE_OBJECT_PLANE, "FB_ID", NULL);
	*crtc = prop_id(plane, DRM_MODE_OBJECT_PLANE, "CRTC_ID", NULL);
	for (i = 0; i < 4; i++) {
		src[i] = prop_id(plane, DRM_MODE_OBJECT_PLANE, s[i], NULL);
		dst[i] = prop_id(plane, DRM_MODE_OBJECT_PLANE, d[i], NULL);
	}
}

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

static int kms_open(struct kms *k, int verbose)
{
	struct drm_mode_card_res res = { 0 };
	struct drm_mode_get_plane_res pres = { 0 };
	uint32_t crtcs[MAX_OBJS], conns[MAX_OBJS], planes[MAX_OBJS];
	struct drm_set_client_cap cap;
	unsigned int i;

	memset(k, 0, sizeof(*k));
	fd = open("/dev/dri/card0", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fail("open /dev/dri/card0: %s", strerror(errno));
		return -1;
	}
	cap.capability = DRM_CLIENT_CAP_UNIVERSAL_PLANES;
	cap.value = 1;
	if (xioctl(DRM_IOCTL_SET_CLIENT_CAP, &cap))
		return fail("universal planes cap"), -1;
	cap.capability = DRM_CLIENT_CAP_ATOMIC;
	if (xioctl(DRM_IOCTL_SET_CLIENT_CAP, &cap))
		return fail("atomic cap"), -1;

	if (xioctl(DRM_IOCTL_MODE_GETRESOURCES, &res))
		return fail("GETRESOURCES"), -1;
	if (res.count_crtcs > MAX_OBJS || res.count_connectors > MAX_OBJS)
		return fail("too many objects"), -1;
	res.crtc_id_ptr = U64P(crtcs);
	res.connector_id_ptr = U64P(conns);
	res.count_fbs = res.count_encoders = 0;
	if (xioctl(DRM_IOCTL_MODE_GETRESOURCES, &res) || !res.count_crtcs)
		return fail("GETRESOURCES (no crtc)"), -1;
	k->crtc = crtcs[0];

	for (i = 0; i < res.count_connectors && !k->conn; i++) {
		struct drm_mode_get_connector c = { .connector_id = conns[i] };

		if (xioctl(DRM_IOCTL_MODE_GETCONNECTOR, &c))
			continue;
		if (c.connection != 1 || !c.count_modes)
			continue;
		k->modes = xcalloc(c.count_modes, sizeof(*k->modes));
		c.modes_ptr = U64P(k->modes);
		c.count_props = c.count_encoders = 0;
		if (xioctl(DRM_IOCTL_MODE_GETCONNECTOR, &c))
			continue;
		k->conn = conns[i];
		k->num_modes = c.count_modes;
	}
	if (!k->conn)
		return fail("no connected connector with modes"), -1;

	if (xioctl(DRM_IOCTL_MODE_GETPLANERESOURCES, &pres) ||
	    pres.count_planes > MAX_OBJS)
		return fail("GETPLANERESOURCES"), -1;
	pres.plane_id_ptr = U64P(planes);
	if (xioctl(DRM_IOCTL_MODE_GETPLANERESOURCES, &pres))
		return fail("GETPLANERESOURCES"), -1;
	for (i = 0; i < pres.count_planes; i++) {
		struct drm_mode_get_plane p = { .plane_id = planes[i] };
		uint32_t fmts[64];
		uint64_t type = 0;

		if (xioctl(DRM_IOCTL_MODE_GETPLANE, &p) || p.count_format_types > 64)
			continue;
		p.format_type_ptr = U64P(fmts);
		if (xioctl(DRM_IOCTL_MODE_GETPLANE, &p))
			continue;
		prop_id(planes[i], DRM_MODE_OBJECT_PLANE, "type", &type);
		if (verbose) {
			unsigned int j;

			printf("INFO plane %u type %llu formats", planes[i],
			       (unsigned long long)type);
			for (j = 0; j < p.count_format_types; j++)
				printf(" %s", fourcc_str(fmts[j]));
			printf("\n");
		}
		if (type == PLANE_TYPE_PRIMARY && !k->primary) {
			k->primary = planes[i];
			k->num_formats = p.count_format_types < 32 ?
					 p.count_format_types : 32;
			memcpy(k->formats, fmts, k->num_formats * 4);
		} else if (type == PLANE_TYPE_CURSOR && !k->cursor) {
			k->cursor = planes[i];
		}
	}
	if (!k->primary)
		return fail("no primary plane"), -1;

	k->p_crtc_active = prop_id(k->crtc, DRM_MODE_OBJECT_CRTC, "ACTIVE", NULL);
	k->p_crtc_mode = prop_id(k->crtc, DRM_MODE_OBJECT_CRTC, "MODE_ID", NULL);
	k->p_crtc_gamma = prop_id(k->crtc, DRM_MODE_OBJECT_CRTC, "GAMMA_LUT", NULL);
	if (k->p_crtc_gamma) {
		uint64_t sz = 0;

		prop_id(k->crtc, DRM_MODE_OBJECT_CRTC, "GAMMA_LUT_SIZE", &sz);
		k->gamma_size = sz;
	}
	k->p_conn_crtc = prop_id(k->conn, DRM_MODE_OBJECT_CONNECTOR, "CRTC_ID", NULL);
	plane_props(k->primary, &k->p_fb, &k->p_crtc_id, k->p_src, k->p_dst);
	k->p_damage = prop_id(k->primary, DRM_MODE_OBJECT_PLANE, "FB_DAMAGE_CLIPS", NULL);
	if (k->cursor)
		plane_props(k->cursor, &k->c_fb, &k->c_crtc_id, k->c_src, k->c_dst);
	return 0;
}

static int has_format(struct kms *k, uint32_t f)
{
	unsigned int i;

	for (i = 0; i < k->num_formats; i++)
		if (k->formats[i] == f)
			return 1;
	return 0;
}

/* ---- atomic requests ---- */

struct req {
	uint32_t objs[8], count[8], props[64];
	uint64_t vals[64];
	unsigned int nobj, nprop;
};

static void req_add(struct req *r, uint32_t obj, uint32_t prop, uint64_t val)
{
	if (!prop) {
		fprintf(stderr, "missing property for object %u\n", obj);
		return;
	}
	if (!r->nobj || r->objs[r->nobj - 1] != obj) {
		r->objs[r->nobj] = obj;
		r->count[r->nobj++] = 0;
	}
	r->count[r->nobj - 1]++;
	r->props[r->nprop] = prop;
	r->vals[r->nprop++] = val;
}

static int req_commit(struct req *r, uint32_t flags, void *user)
{
	struct drm_mode_atomic a = {
		.flags = flags,
		.count_objs = r->nobj,
		.objs_ptr = U64P(r->objs),
		.count_props_ptr = U64P(r->count),
		.props_ptr = U64P(r->props),
		.prop_values_ptr = U64P(r->vals),
		.user_data = U64P(user),
	};

	return xioctl(DRM_IOCTL_MODE_ATOMIC, &a);
}

static uint32_t blob(const void *data, size_t len)
{
	struct drm_mode_create_blob b = { .data = U64P(data), .length = len };

	return xioctl(DRM_IOCTL_MODE_CREATEPROPBLOB, &b) ? 0 : b.blob_id;
}

static void blob_free(uint32_t id)
{
	struct drm_mode_destroy_blob b = { .blob_id = id };

	if (id)
		xioctl(DRM_IOCTL_MODE_DESTROYPROPBLOB, &b);
}

/* ---- dumb buffers ---- */

struct buf {
	uint32_t handle, fb, pitch, w, h, format;
	uint64_t size;
	uint8_t *map;
};

static int buf_create(struct buf *b, uint32_t w, uint32_t h, uint32_t format)
{
	struct drm_mode_create_dumb cd = { .width = w, .height = h };
	struct drm_mode_map_dumb md = { 0 };
	struct drm_mode_fb_cmd2 fc = { .width = w, .height = h,
				       .pixel_format = format };

	memset(b, 0, sizeof(*b));
	cd.bpp = pattern_cpp(format) * 8;
	if (xioctl(DRM_IOCTL_MODE_CREATE_DUMB, &cd))
		return -1;
	b->handle = cd.handle;
	b->pitch = cd.pitch;
	b->size = cd.size;
	b->w = w;
	b->h = h;
	b->format = format;
	md.handle = cd.handle;
	if (xioctl(DRM_IOCTL_MODE_MAP_DUMB, &md))
		return -1;
	b->map = mmap(NULL, cd.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		      md.offset);
	if (b->map == MAP_FAILED)
		return -1;
	fc.handles[0] = cd.handle;
	fc.pitches[0] = cd.pitch;
	if (xioctl(DRM_IOCTL_MODE_ADDFB2, &fc))
		return -1;
	b->fb = fc.fb_id;
	return 0;
}

static void buf_destroy(struct buf *b)
{
	struct drm_mode_destroy_dumb dd = { .handle = b->handle };

	if (b->fb)
		xioctl(DRM_IOCTL_MODE_RMFB, &b->fb);
	if (b->map && b->map != MAP_FAILED)
		munmap(b->map, b->size);
	if (b->handle)
		xioctl(DRM_IOCTL_MODE_DESTROY_DUMB, &dd);
	memset(b, 0, sizeof(*b));
}

static void buf_draw(struct buf *b, int which, int x0, int y0, int x1, int y1)
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

static struct drm_mode_modeinfo *find_mode(struct kms *k, int w, int h)
{
	unsigned int i;

	for (i = 0; i < k->num_modes; i++)
		if (k->modes[i].hdisplay == w && k->modes[i].vdisplay == h)
			return &k->modes[i];
	return NULL;
}

static struct drm_mode_modeinfo *default_mode(struct kms *k)
{
	unsigned int i;

	for (i = 0; i < k->num_modes; i++)
		if (k->modes[i].type & DRM_MODE_TYPE_PREFERRED)
			return &k->modes[i];
	return &k->modes[0];
}

/* Full-screen primary plane (and connector routing) for @b on @mode. */
static void req_primary(struct kms *k, struct req *r, struct buf *b,
			uint32_t mode_blob)
{
	if (mode_blob) {
		req_add(r, k->crtc, k->p_crtc_active, 1);
		req_add(r, k->crtc, k->p_crtc_mode, mode_blob);
	}
	req_add(r, k->primary, k->p_fb, b->fb);
	req_add(r, k->primary, k->p_crtc_id, k->crtc);
	req_add(r, k->primary, k->p_src[0], 0);
	req_add(r, k->primary, k->p_src[1], 0);
	req_add(r, k->primary, k->p_src[2], (uint64_t)b->w << 16);
	req_add(r, k->primary, k->p_src[3], (uint64_t)b->h << 16);
	req_add(r, k->primary, k->p_dst[0], 0);
	req_add(r, k->primary, k->p_dst[1], 0);
	req_add(r, k->primary, k->p_dst[2], b->w);
	req_add(r, k->primary, k->p_dst[3], b->h);
	if (mode_blob)
		req_add(r, k->conn, k->p_conn_crtc, k->crtc);
}

/* Set @mode showing pattern A in @b (created here, in @format). */
static int show_pattern(struct kms *k, struct drm_mode_modeinfo *mode,
			uint32_t format, struct buf *b, uint32_t *gamma_blob)
{
	struct req r = { 0 };
	uint32_t mb;
	int ret;

	if (buf_create(b, mode->hdisplay, mode->vdisplay, format))
		return -errno;
	buf_draw(b, 0, 0, 0, b->w, b->h);
	mb = blob(mode, sizeof(*mode));
	req_primary(k, &r, b, mb);
	if (k->p_crtc_gamma && k->gamma_size == 256) {
		struct drm_color_lut lut[256];

		pattern_palette(lut);
		*gamma_blob = blob(lut, sizeof(lut));
		/* a LUT for direct-color modes too: checks it is ignored there */
		req_add(&r, k->crtc, k->p_crtc_gamma,
			format == DRM_FORMAT_C8 ? *gamma_blob : 0);
	}
	ret = req_commit(&r, DRM_MODE_ATOMIC_ALLOW_MODESET, NULL);
	blob_free(mb);
	return ret;
}

/* ---- commands ---- */

static int cmd_info(void)
{
	struct kms k;
	unsigned int i;

	if (kms_open(&k, 1))
		return 1;
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

static int set_active(struct kms *k, int on)
{
	struct req r = { 0 };

	req_add(&r, k->crtc, k->p_crtc_active, on);
	return req_commit(&r, DRM_MODE_ATOMIC_ALLOW_MODESET, NULL);
}

static int cmd_pattern(const char *modes, const char *formats)
{
	static const uint32_t fmts[] = {
		DRM_FORMAT_XRGB8888, DRM_FORMAT_ARGB8888, DRM_FORMAT_RGB565,
		DRM_FORMAT_XRGB1555, DRM_FORMAT_C8,
	};
	struct kms k;
	unsigned int i, j;

	if (kms_open(&k, 0))
		return 1;
	for (i = 0; i < k.num_modes; i++) {
		struct drm_mode_modeinfo *m = &k.modes[i];
		char wh[32];

		snprintf(wh, sizeof(wh), "%ux%u", m->hdisplay, m->vdisplay);
		if (!in_list(modes, wh) || find_mode(&k, m->hdisplay, m->vdisplay) != m)
			continue;
		for (j = 0; j < sizeof(fmts) / sizeof(fmts[0]); j++) {
			struct drm_mode_rect clips[PATTERN_MAX_CLIPS];
			uint32_t gamma = 0, cb;
			char name[64];
			struct buf b;
			struct req r = { 0 };
			int n, c, ret;

			if (!in_list(formats, fourcc_str(fmts[j])))
				continue;
			if (!has_format(&k, fmts[j])) {
				printf("INFO %s %s: not a plane format, skipped\n",
				       wh, fourcc_str(fmts[j]));
				continue;
			}
			snprintf(name, sizeof(name), "p-%s-%s%s%s", wh,
				 fourcc_str(fmts[j]), tag ? "-" : "", tag ? tag : "");
			ret = show_pattern(&k, m, fmts[j], &b, &gamma);
			if (ret) {
				fail("%s: mode set: %s", name, strerror(-ret));
				buf_destroy(&b);
				blob_free(gamma);
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
			/* pattern B only inside the clips, then commit them */
			n = pattern_clips(b.w, b.h, (int (*)[4])clips);
			for (c = 0; c < n; c++)
				buf_draw(&b, 1, clips[c].x1, clips[c].y1,
					 clips[c].x2, clips[c].y2);
			cb = blob(clips, n * sizeof(clips[0]));
			req_primary(&k, &r, &b, 0);
			req_add(&r, k.primary, k.p_damage, cb);
			ret = req_commit(&r, 0, NULL);
			blob_free(cb);
			if (ret)
				fail("%s: damage commit: %s", name, strerror(-ret));
			else
				pass("%s: mode set and damage commit", name);
			screendump(name);
			buf_destroy(&b);
			blob_free(gamma);
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

	if (kms_open(&k, 0))
		return 1;
	if (xioctl(DRM_IOCTL_MODE_CREATE_DUMB, &cd))
		return fail("create dumb"), 1;
	fc.handles[0] = cd.handle;
	fc.pitches[0] = cd.pitch;
	fc.modifier[0] = I915_FORMAT_MOD_X_TILED;
	ret = xioctl(DRM_IOCTL_MODE_ADDFB2, &fc);
	if (ret == -EINVAL)
		pass("X-tiled framebuffer refused (EINVAL)");
	else
		fail("X-tiled framebuffer: got %d, want EINVAL", ret);
	fc.modifier[0] = DRM_FORMAT_MOD_LINEAR;
	ret = xioctl(DRM_IOCTL_MODE_ADDFB2, &fc);
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
	struct buf b;
	struct req r = { 0 };
	struct kms k;
	int ret;

	if (kms_open(&k, 0))
		return 1;
	bad = *default_mode(&k);
	if (show_pattern(&k, &bad, DRM_FORMAT_XRGB8888, &b, &gamma))
		return fail("badmode: mode set"), 1;
	/* same timings, 8 pixels narrower: listed nowhere */
	bad.hdisplay -= 8;
	snprintf(bad.name, sizeof(bad.name), "%ux%u", bad.hdisplay, bad.vdisplay);
	if (find_mode(&k, bad.hdisplay, bad.vdisplay))
		return fail("badmode: %s is listed", bad.name), 1;
	mb = blob(&bad, sizeof(bad));
	req_add(&r, k.crtc, k.p_crtc_mode, mb);
	ret = req_commit(&r, DRM_MODE_ATOMIC_ALLOW_MODESET, NULL);
	blob_free(mb);
	if (ret == -EINVAL)
		pass("unlisted mode %s refused (EINVAL)", bad.name);
	else
		fail("unlisted mode %s: got %d, want EINVAL", bad.name, ret);
	buf_destroy(&b);
	blob_free(gamma);
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wait for a flip-complete event; its vblank sequence into *seq. */
static int wait_flip_event(uint32_t *seq)
{
	char ev[1024];
	ssize_t n = read(fd, ev, sizeof(ev));
	struct drm_event_vblank *e = (struct drm_event_vblank *)ev;

	if (n < (ssize_t)sizeof(*e) || e->base.type != DRM_EVENT_FLIP_COMPLETE)
		return -1;
	*seq = e->sequence;
	return 0;
}

static int cmd_vblank(const char *wh)
{
	struct drm_mode_modeinfo *m;
	struct buf b[2];
	uint32_t gamma = 0;
	double t0, hz, rate, krate, ts0 = 0, ts1 = 0;
	uint32_t seq0 = 0, seq1 = 0, seq;
	int same = 0;
	int i, w, h, n = 60;
	struct kms k;

	if (kms_open(&k, 0))
		return 1;
	m = wh && sscanf(wh, "%dx%d", &w, &h) == 2 ? find_mode(&k, w, h) :
	    default_mode(&k);
	if (!m)
		return fail("vblank: mode %s not listed", wh), 1;
	/* the exact rate of the timings, not the rounded vrefresh */
	hz = m->clock * 1000.0 / ((double)m->htotal * m->vtotal);
	if (show_pattern(&k, m, DRM_FORMAT_XRGB8888, &b[0], &gamma))
		return fail("vblank: mode set"), 1;
	if (buf_create(&b[1], m->hdisplay, m->vdisplay, DRM_FORMAT_XRGB8888))
		return fail("vblank: second buffer"), 1;
	buf_draw(&b[1], 1, 0, 0, b[1].w, b[1].h);

	/*
	 * vblank waits: the kernel's count against its timestamps must be
	 * the refresh rate; the waits themselves return at about that rate
	 * (a busy emulator delays some).
	 */
	t0 = now();
	for (i = 0; i < n; i++) {
		union drm_wait_vblank v = { .request = {
			.type = _DRM_VBLANK_RELATIVE, .sequence = 1 } };

		if (xioctl(DRM_IOCTL_WAIT_VBLANK, &v))
			return fail("vblank: WAIT_VBLANK: %s", strerror(errno)), 1;
		if (i == 0) {
			seq0 = v.reply.sequence;
			ts0 = v.reply.tval_sec + v.reply.tval_usec / 1e6;
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
	if (rate > hz * 0.7 && rate < hz * 1.2)
		pass("vblank waits return at %.1f Hz for a %.0f Hz mode", rate, hz);
	else
		fail("vblank waits return at %.1f Hz for a %.0f Hz mode", rate, hz);

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

		if (xioctl(DRM_IOCTL_MODE_PAGE_FLIP, &pf))
			return fail("vblank: PAGE_FLIP: %s", strerror(errno)), 1;
		if (wait_flip_event(&seq))
			return fail("vblank: no flip event"), 1;
	}
	rate = n / 2 / (now() - t0);
	printf("INFO legacy page flips: %.1f Hz (mode %.0f Hz)\n", rate, hz);
	if (rate < hz * 1.2)
		pass("legacy page-flip events at %.1f Hz for a %.0f Hz mode", rate, hz);
	else
		fail("legacy page-flip events at %.1f Hz for a %.0f Hz mode", rate, hz);

	/* Atomic flips that damage one pixel: events at the refresh rate. */
	t0 = now();
	for (i = 0; i < n; i++) {
		struct drm_mode_rect clip = { 1, 1, 2, 2 };
		struct req r = { 0 };
		uint32_t cb = blob(&clip, sizeof(clip));
		int ret;

		req_add(&r, k.primary, k.p_fb, b[(i + 1) & 1].fb);
		if (k.p_damage)
			req_add(&r, k.primary, k.p_damage, cb);
		ret = req_commit(&r, DRM_MODE_PAGE_FLIP_EVENT |
				 DRM_MODE_ATOMIC_NONBLOCK, NULL);
		blob_free(cb);
		if (ret)
			return fail("vblank: atomic flip: %s", strerror(-ret)), 1;
		if (wait_flip_event(&seq))
			return fail("vblank: no atomic flip event"), 1;
		if (i && seq == seq1)
			same++;
		seq1 = seq;
	}
	/* a flip completes at a vblank: never two in the same one */
	if (!same)
		pass("atomic flips complete at distinct vblanks");
	else
		fail("atomic flips complete at distinct vblanks: %d repeats", same);
	rate = n / (now() - t0);
	printf("INFO atomic page flips: %.1f Hz (mode %.0f Hz)\n", rate, hz);
	if (rate > hz * 0.6 && rate < hz * 1.2)
		pass("atomic page-flip events at %.1f Hz for a %.0f Hz mode", rate, hz);
	else
		fail("atomic page-flip events at %.1f Hz for a %.0f Hz mode", rate, hz);
	buf_destroy(&b[1]);
	buf_destroy(&b[0]);
	blob_free(gamma);
	return 0;
}

static int cmd_cursor(int x, int y, const char *wh)
{
	struct drm_mode_modeinfo *m;
	struct buf b, c;
	uint32_t gamma = 0;
	struct req r = { 0 };
	char name[64];
	struct kms k;
	int w, h, ret;

	if (kms_open(&k, 0))
		return 1;
	if (!k.cursor)
		return fail("cursor: no cursor plane"), 1;
	m = wh && sscanf(wh, "%dx%d", &w, &h) == 2 ? find_mode(&k, w, h) :
	    default_mode(&k);
	if (!m)
		return fail("cursor: mode %s not listed", wh), 1;
	if (show_pattern(&k, m, DRM_FORMAT_XRGB8888, &b, &gamma))
		return fail("cursor: mode set"), 1;
	if (buf_create(&c, PATTERN_CURSOR, PATTERN_CURSOR, DRM_FORMAT_ARGB8888))
		return fail("cursor: buffer"), 1;
	for (h = 0; h < PATTERN_CURSOR; h++)
		for (w = 0; w < PATTERN_CURSOR; w++)
			((uint32_t *)(c.map + h * c.pitch))[w] = pattern_cursor(w, h);
	req_add(&r, k.cursor, k.c_fb, c.fb);
	req_add(&r, k.cursor, k.c_crtc_id, k.crtc);
	req_add(&r, k.cursor, k.c_src[0], 0);
	req_add(&r, k.cursor, k.c_src[1], 0);
	req_add(&r, k.cursor, k.c_src[2], PATTERN_CURSOR << 16);
	req_add(&r, k.cursor, k.c_src[3], PATTERN_CURSOR << 16);
	req_add(&r, k.cursor, k.c_dst[0], x);
	req_add(&r, k.cursor, k.c_dst[1], y);
	req_add(&r, k.cursor, k.c_dst[2], PATTERN_CURSOR);
	req_add(&r, k.cursor, k.c_dst[3], PATTERN_CURSOR);
	ret = req_commit(&r, 0, NULL);
	if (ret)
		return fail("cursor: commit: %s", strerror(-ret)), 1;
	pass("cursor plane commit at %d,%d", x, y);
	snprintf(name, sizeof(name), "cursor_%d_%d", x, y);
	screendump(name);
	return 0;
}

static int cmd_hold(int seconds)
{
	struct drm_mode_modeinfo *m;
	uint32_t gamma = 0;
	struct drm_mode_card_res res = { 0 };
	struct buf b;
	struct kms k;
	int ret;

	if (kms_open(&k, 0))
		return 1;
	m = default_mode(&k);
	if (show_pattern(&k, m, DRM_FORMAT_XRGB8888, &b, &gamma))
		return fail("hold: mode set"), 1;
	printf("INFO holding /dev/dri/card0 for %d s\n", seconds);
	fflush(stdout);
	sleep(seconds);
	ret = xioctl(DRM_IOCTL_MODE_GETRESOURCES, &res);
	printf("HOLD after: GETRESOURCES %s\n", ret ? strerror(-ret) : "ok");
	buf_destroy(&b);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	const char *modes = NULL, *formats = NULL;
	int opt;

	if (argc < 2) {
		fprintf(stderr, "usage: kmstest info|pattern|modifier|vblank|cursor|hold ...\n");
		return 2;
	}
	optind = 2;
	while ((opt = getopt(argc, argv, "m:f:t:D")) != -1) {
		if (opt == 'D')
			dpms_cycle = 1;
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
	if (!strcmp(argv[1], "hold") && optind + 1 <= argc)
		return cmd_hold(atoi(argv[optind]));
	fprintf(stderr, "kmstest: bad command\n");
	return 2;
}
