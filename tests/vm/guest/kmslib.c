// SPDX-License-Identifier: GPL-2.0
/*
 * kmslib: raw-DRM plumbing shared by the static guest programs (kmslib.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <libdrm/drm_fourcc.h>

#include "kmslib.h"

static int timing;
static double longest;

static uint64_t ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int kms_ioctl(int fd, unsigned long req, void *arg)
{
	double t0 = timing ? now() : 0, t;
	int r;

	do {
		r = ioctl(fd, req, arg);
	} while (r == -1 && (errno == EINTR || errno == EAGAIN));
	r = r == -1 ? -errno : 0;
	if (timing) {
		t = now() - t0;
		if (t > longest)
			longest = t;
	}
	return r;
}

void kms_time_ioctls(void)
{
	timing = 1;
}

double kms_longest_ioctl(void)
{
	return longest;
}

/* ---- discovery ---- */

uint32_t kms_prop_id(int fd, uint32_t obj, uint32_t type, const char *name,
		     uint64_t *value)
{
	struct drm_mode_obj_get_properties op = { .obj_id = obj, .obj_type = type };
	uint32_t *ids = NULL, found = 0;
	uint64_t *vals = NULL;
	unsigned int i, n;

	if (kms_ioctl(fd, DRM_IOCTL_MODE_OBJ_GETPROPERTIES, &op))
		return 0;
	n = op.count_props;
	ids = calloc(n ? n : 1, sizeof(*ids));
	vals = calloc(n ? n : 1, sizeof(*vals));
	if (!ids || !vals)
		goto out;
	op.props_ptr = ptr(ids);
	op.prop_values_ptr = ptr(vals);
	if (kms_ioctl(fd, DRM_IOCTL_MODE_OBJ_GETPROPERTIES, &op))
		goto out;
	for (i = 0; i < op.count_props && i < n; i++) {
		struct drm_mode_get_property p = { .prop_id = ids[i] };

		if (kms_ioctl(fd, DRM_IOCTL_MODE_GETPROPERTY, &p))
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

/*
 * The kernel's two-call protocol for an array: the first call says how many
 * (*count), the second, with *count in place and *array pointing at buf,
 * fills it.  Returns the count, at most max, else -E2BIG.
 */
static int get_array(int fd, unsigned long req, void *arg, __u32 *count,
		     __u64 *array, void *buf, unsigned int max)
{
	int r = kms_ioctl(fd, req, arg);

	if (r)
		return r;
	if (*count > max)
		return -E2BIG;
	*array = ptr(buf);
	r = kms_ioctl(fd, req, arg);
	if (r)
		return r;
	return *count > max ? -E2BIG : (int)*count;
}

int kms_planes(int fd, uint32_t *ids, unsigned int max)
{
	struct drm_mode_get_plane_res pr = { 0 };

	return get_array(fd, DRM_IOCTL_MODE_GETPLANERESOURCES, &pr,
			 &pr.count_planes, &pr.plane_id_ptr, ids, max);
}

int kms_plane_formats(int fd, uint32_t plane, uint32_t *formats,
		      unsigned int max)
{
	struct drm_mode_get_plane p = { .plane_id = plane };

	return get_array(fd, DRM_IOCTL_MODE_GETPLANE, &p, &p.count_format_types,
			 &p.format_type_ptr, formats, max);
}

/* The first connected connector with modes, and its modes. */
static int find_connector(struct kms *k, const uint32_t *conns, unsigned int n)
{
	unsigned int i;
	int r;

	for (i = 0; i < n; i++) {
		struct drm_mode_get_connector c = { .connector_id = conns[i] };
		unsigned int count;

		r = kms_ioctl(k->fd, DRM_IOCTL_MODE_GETCONNECTOR, &c);
		if (r)
			return r;
		if (c.connection != 1 || !c.count_modes)
			continue;
		count = c.count_modes;
		k->modes = calloc(count, sizeof(*k->modes));
		if (!k->modes)
			return -ENOMEM;
		c.modes_ptr = ptr(k->modes);
		c.count_props = c.count_encoders = 0;
		r = kms_ioctl(k->fd, DRM_IOCTL_MODE_GETCONNECTOR, &c);
		if (r)
			return r;
		k->conn = conns[i];
		k->num_modes = c.count_modes < count ? c.count_modes : count;
		return 0;
	}
	return -ENOENT;
}

/* The first primary plane, with its formats, and the first cursor plane. */
static int find_planes(struct kms *k)
{
	uint32_t planes[KMS_MAX_OBJS];
	int i, n = kms_planes(k->fd, planes, KMS_MAX_OBJS);

	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		uint64_t type = 0;
		int nf;

		kms_prop_id(k->fd, planes[i], DRM_MODE_OBJECT_PLANE, "type", &type);
		if (type == KMS_PLANE_PRIMARY && !k->primary) {
			nf = kms_plane_formats(k->fd, planes[i], k->formats,
					       KMS_MAX_FORMATS);
			if (nf < 0)
				return nf;
			k->primary = planes[i];
			k->num_formats = nf;
		} else if (type == KMS_PLANE_CURSOR && !k->cursor) {
			k->cursor = planes[i];
		}
	}
	if (k->primary)
		return 0;
	k->what = "no primary plane";
	return -ENOENT;
}

static void plane_props(int fd, uint32_t plane, struct kms_plane_props *p)
{
	static const char *const src[] = { "SRC_X", "SRC_Y", "SRC_W", "SRC_H" };
	static const char *const dst[] = { "CRTC_X", "CRTC_Y", "CRTC_W", "CRTC_H" };
	int i;

	p->fb = kms_prop_id(fd, plane, DRM_MODE_OBJECT_PLANE, "FB_ID", NULL);
	p->crtc = kms_prop_id(fd, plane, DRM_MODE_OBJECT_PLANE, "CRTC_ID", NULL);
	for (i = 0; i < 4; i++) {
		p->src[i] = kms_prop_id(fd, plane, DRM_MODE_OBJECT_PLANE, src[i], NULL);
		p->dst[i] = kms_prop_id(fd, plane, DRM_MODE_OBJECT_PLANE, dst[i], NULL);
	}
}

static void find_props(struct kms *k)
{
	int fd = k->fd;

	k->p_active = kms_prop_id(fd, k->crtc, DRM_MODE_OBJECT_CRTC, "ACTIVE", NULL);
	k->p_mode = kms_prop_id(fd, k->crtc, DRM_MODE_OBJECT_CRTC, "MODE_ID", NULL);
	k->p_gamma = kms_prop_id(fd, k->crtc, DRM_MODE_OBJECT_CRTC, "GAMMA_LUT", NULL);
	if (k->p_gamma) {
		uint64_t size = 0;

		kms_prop_id(fd, k->crtc, DRM_MODE_OBJECT_CRTC, "GAMMA_LUT_SIZE", &size);
		k->gamma_size = size;
	}
	k->p_conn_crtc = kms_prop_id(fd, k->conn, DRM_MODE_OBJECT_CONNECTOR,
				     "CRTC_ID", NULL);
	plane_props(fd, k->primary, &k->pp);
	k->p_damage = kms_prop_id(fd, k->primary, DRM_MODE_OBJECT_PLANE,
				  "FB_DAMAGE_CLIPS", NULL);
	if (k->cursor)
		plane_props(fd, k->cursor, &k->cp);
}

/* Name the step of kms_open() under way and what it does. */
static void at(struct kms *k, const char *step, const char *what)
{
	k->step = step;
	k->what = what;
}

int kms_open(struct kms *k, const char *path, unsigned int flags)
{
	struct drm_set_client_cap cap = {
		.capability = DRM_CLIENT_CAP_UNIVERSAL_PLANES, .value = 1,
	};
	struct drm_mode_card_res res = { 0 };
	uint32_t crtcs[KMS_MAX_OBJS], conns[KMS_MAX_OBJS];
	int r;

	memset(k, 0, sizeof(*k));
	at(k, "open", "open");
	k->fd = open(path, O_RDWR | O_CLOEXEC);
	if (k->fd < 0) {
		r = -errno;
		goto fail;
	}
	at(k, "caps", "universal planes cap");
	r = kms_ioctl(k->fd, DRM_IOCTL_SET_CLIENT_CAP, &cap);
	if (r && !(flags & KMS_LEGACY_OK))
		goto fail;
	at(k, "caps", "atomic cap");
	cap.capability = DRM_CLIENT_CAP_ATOMIC;
	r = kms_ioctl(k->fd, DRM_IOCTL_SET_CLIENT_CAP, &cap);
	k->atomic = !r;
	if (r && !(flags & KMS_LEGACY_OK))
		goto fail;

	at(k, "getresources", "GETRESOURCES");
	r = kms_ioctl(k->fd, DRM_IOCTL_MODE_GETRESOURCES, &res);
	if (r)
		goto fail;
	at(k, "getresources", "too many objects");
	r = -E2BIG;
	if (res.count_crtcs > KMS_MAX_OBJS || res.count_connectors > KMS_MAX_OBJS)
		goto fail;
	at(k, "getresources", "GETRESOURCES (no crtc)");
	res.crtc_id_ptr = ptr(crtcs);
	res.connector_id_ptr = ptr(conns);
	res.count_fbs = res.count_encoders = 0;
	r = kms_ioctl(k->fd, DRM_IOCTL_MODE_GETRESOURCES, &res);
	if (!r && (!res.count_crtcs || res.count_crtcs > KMS_MAX_OBJS ||
		   res.count_connectors > KMS_MAX_OBJS))
		r = -E2BIG;
	if (r)
		goto fail;
	k->crtc = crtcs[0];

	at(k, "getconnector", "no connected connector with modes");
	r = find_connector(k, conns, res.count_connectors);
	if (r)
		goto fail;
	at(k, "getplanes", "GETPLANERESOURCES");
	r = find_planes(k);
	if (r)
		goto fail;
	find_props(k);
	k->step = k->what = NULL;
	return 0;
fail:
	kms_close(k);
	return r;
}

void kms_close(struct kms *k)
{
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
	free(k->modes);
	k->modes = NULL;
	k->num_modes = 0;
}

int kms_has_format(const struct kms *k, uint32_t format)
{
	unsigned int i;

	for (i = 0; i < k->num_formats; i++)
		if (k->formats[i] == format)
			return 1;
	return 0;
}

/* ---- modes ---- */

struct drm_mode_modeinfo *kms_find_mode(const struct kms *k, unsigned int w,
					unsigned int h)
{
	unsigned int i;

	for (i = 0; i < k->num_modes; i++)
		if (k->modes[i].hdisplay == w && k->modes[i].vdisplay == h)
			return &k->modes[i];
	return NULL;
}

struct drm_mode_modeinfo *kms_preferred_mode(const struct kms *k)
{
	unsigned int i;

	for (i = 0; i < k->num_modes; i++)
		if (k->modes[i].type & DRM_MODE_TYPE_PREFERRED)
			return &k->modes[i];
	return &k->modes[0];
}

struct drm_mode_modeinfo *kms_mode_arg(const struct kms *k, const char *wh)
{
	int w, h;

	if (wh && sscanf(wh, "%dx%d", &w, &h) == 2)
		return kms_find_mode(k, w, h);
	return kms_preferred_mode(k);
}

/* ---- dumb buffers ---- */

unsigned int kms_format_cpp(uint32_t format)
{
	switch (format) {
	case DRM_FORMAT_C8:
		return 1;
	case DRM_FORMAT_RGB565:
	case DRM_FORMAT_XRGB1555:
		return 2;
	case DRM_FORMAT_RGB888:
		return 3;
	default:
		return 4;
	}
}

int kms_buf_create(int fd, struct kms_buf *b, uint32_t w, uint32_t h,
		   uint32_t format, int addfb)
{
	struct drm_mode_create_dumb cd = { .width = w, .height = h };
	struct drm_mode_map_dumb md = { 0 };
	struct drm_mode_fb_cmd2 fc = { .width = w, .height = h,
				       .pixel_format = format };
	void *map;
	int r;

	memset(b, 0, sizeof(*b));
	b->fd = fd;
	b->cpp = kms_format_cpp(format);
	cd.bpp = b->cpp * 8;
	r = kms_ioctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &cd);
	if (r)
		goto fail;
	b->handle = cd.handle;
	b->pitch = cd.pitch;
	b->size = cd.size;
	b->w = w;
	b->h = h;
	b->format = format;
	md.handle = cd.handle;
	r = kms_ioctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &md);
	if (r)
		goto fail;
	map = mmap(NULL, cd.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, md.offset);
	if (map == MAP_FAILED) {
		r = -errno;
		goto fail;
	}
	b->map = map;
	if (!addfb)
		return 0;
	fc.handles[0] = cd.handle;
	fc.pitches[0] = cd.pitch;
	r = kms_ioctl(fd, DRM_IOCTL_MODE_ADDFB2, &fc);
	if (r)
		goto fail;
	b->fb = fc.fb_id;
	return 0;
fail:
	kms_buf_destroy(b);
	return r;
}

int kms_buf_destroy(struct kms_buf *b)
{
	struct drm_mode_destroy_dumb dd = { .handle = b->handle };
	int r = 0;

	if (b->fb)
		kms_ioctl(b->fd, DRM_IOCTL_MODE_RMFB, &b->fb);
	if (b->map)
		munmap(b->map, b->size);
	if (b->handle)
		r = kms_ioctl(b->fd, DRM_IOCTL_MODE_DESTROY_DUMB, &dd);
	memset(b, 0, sizeof(*b));
	return r;
}

/* ---- property blobs ---- */

int kms_blob_create(int fd, const void *data, size_t len, uint32_t *id)
{
	struct drm_mode_create_blob b = { .data = ptr(data), .length = len };
	int r = kms_ioctl(fd, DRM_IOCTL_MODE_CREATEPROPBLOB, &b);

	*id = r ? 0 : b.blob_id;
	return r;
}

int kms_blob_destroy(int fd, uint32_t id)
{
	struct drm_mode_destroy_blob b = { .blob_id = id };

	return id ? kms_ioctl(fd, DRM_IOCTL_MODE_DESTROYPROPBLOB, &b) : 0;
}

/* ---- atomic requests ---- */

void kms_req_add(struct kms_req *r, uint32_t obj, uint32_t prop, uint64_t val)
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

int kms_req_commit(int fd, const struct kms_req *r, uint32_t flags)
{
	struct drm_mode_atomic a = {
		.flags = flags,
		.count_objs = r->nobj,
		.objs_ptr = ptr(r->objs),
		.count_props_ptr = ptr(r->count),
		.props_ptr = ptr(r->props),
		.prop_values_ptr = ptr(r->vals),
	};

	return kms_ioctl(fd, DRM_IOCTL_MODE_ATOMIC, &a);
}

/* The plane on the CRTC, showing the top-left w x h of fb unscaled at x, y. */
static void req_plane(const struct kms *k, struct kms_req *r, uint32_t plane,
		      const struct kms_plane_props *p, uint32_t fb, int x, int y,
		      unsigned int w, unsigned int h)
{
	kms_req_add(r, plane, p->fb, fb);
	kms_req_add(r, plane, p->crtc, k->crtc);
	kms_req_add(r, plane, p->src[0], 0);
	kms_req_add(r, plane, p->src[1], 0);
	kms_req_add(r, plane, p->src[2], (uint64_t)w << 16);
	kms_req_add(r, plane, p->src[3], (uint64_t)h << 16);
	kms_req_add(r, plane, p->dst[0], (int64_t)x);
	kms_req_add(r, plane, p->dst[1], (int64_t)y);
	kms_req_add(r, plane, p->dst[2], w);
	kms_req_add(r, plane, p->dst[3], h);
}

void kms_req_primary(const struct kms *k, struct kms_req *r, uint32_t fb,
		     unsigned int w, unsigned int h, uint32_t mode_blob)
{
	if (mode_blob) {
		kms_req_add(r, k->crtc, k->p_active, 1);
		kms_req_add(r, k->crtc, k->p_mode, mode_blob);
	}
	req_plane(k, r, k->primary, &k->pp, fb, 0, 0, w, h);
	if (mode_blob)
		kms_req_add(r, k->conn, k->p_conn_crtc, k->crtc);
}

void kms_req_cursor(const struct kms *k, struct kms_req *r, uint32_t fb,
		    int x, int y, unsigned int size)
{
	req_plane(k, r, k->cursor, &k->cp, fb, x, y, size, size);
}

void kms_req_cursor_off(const struct kms *k, struct kms_req *r)
{
	kms_req_add(r, k->cursor, k->cp.fb, 0);
	kms_req_add(r, k->cursor, k->cp.crtc, 0);
}

int kms_modeset(const struct kms *k, const struct drm_mode_modeinfo *m,
		uint32_t fb)
{
	struct kms_req r = { 0 };
	uint32_t blob;
	int ret = kms_blob_create(k->fd, m, sizeof(*m), &blob);

	if (ret)
		return ret;
	kms_req_primary(k, &r, fb, m->hdisplay, m->vdisplay, blob);
	ret = kms_req_commit(k->fd, &r, DRM_MODE_ATOMIC_ALLOW_MODESET);
	kms_blob_destroy(k->fd, blob);
	return ret;
}

int kms_failures;

void kms_report(int ok, const char *fmt, ...)
{
	va_list ap;

	if (!ok)
		kms_failures++;
	printf(ok ? "PASS: " : "FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}
