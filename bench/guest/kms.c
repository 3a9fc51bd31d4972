// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal KMS client on raw DRM ioctls (no libdrm library, only its headers),
 * so that the guest image needs nothing but this static binary.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <libdrm/drm_fourcc.h>

#include "kms.h"

#define MAX_OBJS	32
#define PLANE_TYPE_PRIMARY	1	/* DRM_PLANE_TYPE_PRIMARY, kernel enum */

static int xioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do {
		r = ioctl(fd, req, arg);
	} while (r == -1 && (errno == EINTR || errno == EAGAIN));
	return r == -1 ? -errno : 0;
}

static uint64_t ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* Id and value of the named property of an object, or -ENOENT. */
static int obj_prop(int fd, uint32_t obj, uint32_t type, const char *name,
		    uint32_t *id, uint64_t *value)
{
	uint32_t ids[MAX_OBJS];
	uint64_t vals[MAX_OBJS];
	struct drm_mode_obj_get_properties op = {
		.props_ptr = ptr(ids), .prop_values_ptr = ptr(vals),
		.count_props = MAX_OBJS, .obj_id = obj, .obj_type = type,
	};
	unsigned int i;
	int r = xioctl(fd, DRM_IOCTL_MODE_OBJ_GETPROPERTIES, &op);

	if (r)
		return r;
	if (op.count_props > MAX_OBJS)
		op.count_props = MAX_OBJS;
	for (i = 0; i < op.count_props; i++) {
		struct drm_mode_get_property gp = { .prop_id = ids[i] };

		if (xioctl(fd, DRM_IOCTL_MODE_GETPROPERTY, &gp))
			continue;
		if (strcmp(gp.name, name))
			continue;
		*id = ids[i];
		if (value)
			*value = vals[i];
		return 0;
	}
	return -ENOENT;
}

/* First connected connector with modes; fills connector_id and modes. */
static int pick_connector(struct kms *k, const uint32_t *conns, unsigned int n,
			  uint32_t *encoder)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint32_t encs[MAX_OBJS];
		struct drm_mode_get_connector gc = { .connector_id = conns[i] };

		if (xioctl(k->fd, DRM_IOCTL_MODE_GETCONNECTOR, &gc))
			continue;
		if (gc.connection != 1 || !gc.count_modes || !gc.count_encoders)
			continue;
		/* Second call fills the arrays; counts may not grow between. */
		gc.count_modes = gc.count_modes > KMS_MAX_MODES ? KMS_MAX_MODES : gc.count_modes;
		gc.count_encoders = gc.count_encoders > MAX_OBJS ? MAX_OBJS : gc.count_encoders;
		gc.count_props = 0;
		gc.modes_ptr = ptr(k->modes);
		gc.encoders_ptr = ptr(encs);
		if (xioctl(k->fd, DRM_IOCTL_MODE_GETCONNECTOR, &gc))
			continue;
		k->connector_id = conns[i];
		k->nmodes = gc.count_modes > KMS_MAX_MODES ? KMS_MAX_MODES : gc.count_modes;
		*encoder = gc.encoder_id ? gc.encoder_id : encs[0];
		return 0;
	}
	return -ENODEV;
}

/* Primary plane of the CRTC at crtc_index, with its formats. */
static int pick_plane(struct kms *k, unsigned int crtc_index)
{
	uint32_t planes[MAX_OBJS];
	struct drm_mode_get_plane_res pr = { .plane_id_ptr = ptr(planes),
					     .count_planes = MAX_OBJS };
	unsigned int i;
	int r = xioctl(k->fd, DRM_IOCTL_MODE_GETPLANERESOURCES, &pr);

	if (r)
		return r;
	for (i = 0; i < pr.count_planes && i < MAX_OBJS; i++) {
		struct drm_mode_get_plane gp = { .plane_id = planes[i],
			.count_format_types = KMS_MAX_FORMATS,
			.format_type_ptr = ptr(k->formats) };
		uint32_t id;
		uint64_t type;

		if (xioctl(k->fd, DRM_IOCTL_MODE_GETPLANE, &gp))
			continue;
		if (!(gp.possible_crtcs & (1u << crtc_index)))
			continue;
		if (obj_prop(k->fd, planes[i], DRM_MODE_OBJECT_PLANE, "type", &id, &type) ||
		    type != PLANE_TYPE_PRIMARY)
			continue;
		k->plane_id = planes[i];
		k->nformats = gp.count_format_types > KMS_MAX_FORMATS ?
			      KMS_MAX_FORMATS : gp.count_format_types;
		obj_prop(k->fd, k->plane_id, DRM_MODE_OBJECT_PLANE, "FB_ID",
			 &k->prop_fb_id, NULL);
		obj_prop(k->fd, k->plane_id, DRM_MODE_OBJECT_PLANE, "FB_DAMAGE_CLIPS",
			 &k->prop_damage, NULL);
		return 0;
	}
	return -ENODEV;
}

int kms_open(struct kms *k, const char *path)
{
	uint32_t crtcs[MAX_OBJS], conns[MAX_OBJS], encs[MAX_OBJS];
	struct drm_mode_card_res res = {
		.crtc_id_ptr = ptr(crtcs), .count_crtcs = MAX_OBJS,
		.connector_id_ptr = ptr(conns), .count_connectors = MAX_OBJS,
		.encoder_id_ptr = ptr(encs), .count_encoders = MAX_OBJS,
	};
	struct drm_set_client_cap cap = { .capability = DRM_CLIENT_CAP_ATOMIC, .value = 1 };
	struct drm_mode_get_encoder ge = { 0 };
	unsigned int i;
	int r;

	memset(k, 0, sizeof(*k));
	k->fd = open(path, O_RDWR | O_CLOEXEC);
	if (k->fd < 0)
		return -errno;
	/* Atomic implies universal planes; without it we fall back to DIRTYFB. */
	k->atomic = !xioctl(k->fd, DRM_IOCTL_SET_CLIENT_CAP, &cap);
	if (!k->atomic) {
		cap.capability = DRM_CLIENT_CAP_UNIVERSAL_PLANES;
		xioctl(k->fd, DRM_IOCTL_SET_CLIENT_CAP, &cap);
	}
	r = xioctl(k->fd, DRM_IOCTL_MODE_GETRESOURCES, &res);
	if (r)
		goto fail;
	if (res.count_crtcs > MAX_OBJS || res.count_connectors > MAX_OBJS) {
		r = -E2BIG;
		goto fail;
	}
	r = pick_connector(k, conns, res.count_connectors, &ge.encoder_id);
	if (r)
		goto fail;
	r = xioctl(k->fd, DRM_IOCTL_MODE_GETENCODER, &ge);
	if (r)
		goto fail;
	for (i = 0; i < res.count_crtcs; i++)
		if (ge.possible_crtcs & (1u << i))
			break;
	if (i == res.count_crtcs) {
		r = -ENODEV;
		goto fail;
	}
	k->crtc_id = crtcs[i];
	r = pick_plane(k, i);
	if (r)
		goto fail;
	return 0;
fail:
	close(k->fd);
	k->fd = -1;
	return r;
}

void kms_close(struct kms *k)
{
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
}

int kms_has_format(const struct kms *k, uint32_t format)
{
	unsigned int i;

	for (i = 0; i < k->nformats; i++)
		if (k->formats[i] == format)
			return 1;
	return 0;
}

const struct drm_mode_modeinfo *kms_find_mode(const struct kms *k,
					      unsigned int w, unsigned int h)
{
	unsigned int i;

	for (i = 0; i < k->nmodes; i++)
		if (k->modes[i].hdisplay == w && k->modes[i].vdisplay == h)
			return &k->modes[i];
	return NULL;
}

static unsigned int format_cpp(uint32_t format)
{
	switch (format) {
	case DRM_FORMAT_RGB565:
		return 2;
	case DRM_FORMAT_RGB888:
		return 3;
	default:
		return 4;
	}
}

int kms_fb_create(struct kms *k, struct kms_fb *fb, unsigned int w,
		  unsigned int h, uint32_t format)
{
	struct drm_mode_create_dumb cd = { .width = w, .height = h };
	struct drm_mode_map_dumb md = { 0 };
	struct drm_mode_fb_cmd2 fc = { .width = w, .height = h, .pixel_format = format };
	struct drm_mode_destroy_dumb dd;
	void *map;
	int r;

	memset(fb, 0, sizeof(*fb));
	fb->cpp = format_cpp(format);
	cd.bpp = fb->cpp * 8;
	r = xioctl(k->fd, DRM_IOCTL_MODE_CREATE_DUMB, &cd);
	if (r)
		return r;
	fc.handles[0] = cd.handle;
	fc.pitches[0] = cd.pitch;
	r = xioctl(k->fd, DRM_IOCTL_MODE_ADDFB2, &fc);
	if (r)
		goto destroy;
	md.handle = cd.handle;
	r = xioctl(k->fd, DRM_IOCTL_MODE_MAP_DUMB, &md);
	if (r)
		goto rmfb;
	map = mmap(NULL, cd.size, PROT_READ | PROT_WRITE, MAP_SHARED, k->fd, md.offset);
	if (map == MAP_FAILED) {
		r = -errno;
		goto rmfb;
	}
	fb->handle = cd.handle;
	fb->fb_id = fc.fb_id;
	fb->pitch = cd.pitch;
	fb->size = cd.size;
	fb->width = w;
	fb->height = h;
	fb->format = format;
	fb->map = map;
	return 0;
rmfb:
	xioctl(k->fd, DRM_IOCTL_MODE_RMFB, &fc.fb_id);
destroy:
	dd.handle = cd.handle;
	xioctl(k->fd, DRM_IOCTL_MODE_DESTROY_DUMB, &dd);
	return r;
}

void kms_fb_destroy(struct kms *k, struct kms_fb *fb)
{
	struct drm_mode_destroy_dumb dd = { .handle = fb->handle };

	if (!fb->map)
		return;
	munmap(fb->map, fb->size);
	xioctl(k->fd, DRM_IOCTL_MODE_RMFB, &fb->fb_id);
	xioctl(k->fd, DRM_IOCTL_MODE_DESTROY_DUMB, &dd);
	fb->map = NULL;
}

/* Legacy SETCRTC: every atomic driver implements it as one modeset commit. */
int kms_set_crtc(struct kms *k, const struct kms_fb *fb,
		 const struct drm_mode_modeinfo *mode)
{
	struct drm_mode_crtc sc = {
		.set_connectors_ptr = ptr(&k->connector_id), .count_connectors = 1,
		.crtc_id = k->crtc_id, .fb_id = fb->fb_id, .mode_valid = 1,
		.mode = *mode,
	};

	return xioctl(k->fd, DRM_IOCTL_MODE_SETCRTC, &sc);
}

/*
 * One atomic commit of the plane's FB_ID, with the damage as FB_DAMAGE_CLIPS
 * when the plane has that property.  Without it (drivers that scan out the
 * dumb buffer itself, like native bochs with VRAM helpers) the commit is the
 * page flip a compositor would issue to present the frame.
 */
static int damage_atomic(struct kms *k, const struct kms_fb *fb,
			 const struct drm_mode_rect *clip)
{
	struct drm_mode_create_blob cb = { .data = ptr(clip), .length = sizeof(*clip) };
	struct drm_mode_destroy_blob db = { 0 };
	uint32_t props[2] = { k->prop_fb_id, k->prop_damage };
	uint64_t values[2] = { fb->fb_id, 0 };
	uint32_t count = k->prop_damage ? 2 : 1;
	struct drm_mode_atomic ac = {
		.count_objs = 1, .objs_ptr = ptr(&k->plane_id),
		.count_props_ptr = ptr(&count), .props_ptr = ptr(props),
		.prop_values_ptr = ptr(values),
	};
	int r;

	if (k->prop_damage) {
		r = xioctl(k->fd, DRM_IOCTL_MODE_CREATEPROPBLOB, &cb);
		if (r)
			return r;
		values[1] = cb.blob_id;
		db.blob_id = cb.blob_id;
	}
	r = xioctl(k->fd, DRM_IOCTL_MODE_ATOMIC, &ac);
	if (db.blob_id)
		xioctl(k->fd, DRM_IOCTL_MODE_DESTROYPROPBLOB, &db);
	return r;
}

static int damage_dirtyfb(struct kms *k, const struct kms_fb *fb,
			  const struct drm_mode_rect *clip)
{
	struct drm_clip_rect c = { clip->x1, clip->y1, clip->x2, clip->y2 };
	struct drm_mode_fb_dirty_cmd dc = { .fb_id = fb->fb_id, .num_clips = 1,
					    .clips_ptr = ptr(&c) };

	return xioctl(k->fd, DRM_IOCTL_MODE_DIRTYFB, &dc);
}

int kms_damage(struct kms *k, enum kms_damage_method how,
	       const struct kms_fb *fb, const struct drm_mode_rect *clip)
{
	if (how == KMS_DAMAGE_ATOMIC) {
		if (!k->atomic || !k->prop_fb_id)
			return -EOPNOTSUPP;
		return damage_atomic(k, fb, clip);
	}
	return damage_dirtyfb(k, fb, clip);
}
