// SPDX-License-Identifier: GPL-2.0
/*
 * Legacy mode sets and damage for drmbench; the device, buffers and atomic
 * requests come from kmslib.
 */
#include <errno.h>

#include "kms.h"

static uint64_t ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* Legacy SETCRTC: every atomic driver implements it as one modeset commit. */
int kms_set_crtc(struct kms *k, const struct kms_buf *fb,
		 const struct drm_mode_modeinfo *mode)
{
	struct drm_mode_crtc sc = {
		.set_connectors_ptr = ptr(&k->conn), .count_connectors = 1,
		.crtc_id = k->crtc, .fb_id = fb->fb, .mode_valid = 1,
		.mode = *mode,
	};

	return kms_ioctl(k->fd, DRM_IOCTL_MODE_SETCRTC, &sc);
}

/*
 * One atomic commit of the plane's FB_ID, with the damage as FB_DAMAGE_CLIPS
 * when the plane has that property.  Without it (drivers that scan out the
 * dumb buffer itself, like native bochs with VRAM helpers) the commit is the
 * page flip a compositor would issue to present the frame.
 */
static int damage_atomic(struct kms *k, const struct kms_buf *fb,
			 const struct drm_mode_rect *clip)
{
	struct kms_req req = { 0 };
	uint32_t blob = 0;
	int r;

	kms_req_add(&req, k->primary, k->pp.fb, fb->fb);
	if (k->p_damage) {
		r = kms_blob_create(k->fd, clip, sizeof(*clip), &blob);
		if (r)
			return r;
		kms_req_add(&req, k->primary, k->p_damage, blob);
	}
	r = kms_req_commit(k->fd, &req, 0);
	kms_blob_destroy(k->fd, blob);
	return r;
}

static int damage_dirtyfb(struct kms *k, const struct kms_buf *fb,
			  const struct drm_mode_rect *clip)
{
	struct drm_clip_rect c = { clip->x1, clip->y1, clip->x2, clip->y2 };
	struct drm_mode_fb_dirty_cmd dc = { .fb_id = fb->fb, .num_clips = 1,
					    .clips_ptr = ptr(&c) };

	return kms_ioctl(k->fd, DRM_IOCTL_MODE_DIRTYFB, &dc);
}

int kms_damage(struct kms *k, enum kms_damage_method how,
	       const struct kms_buf *fb, const struct drm_mode_rect *clip)
{
	if (how == KMS_DAMAGE_ATOMIC) {
		if (!k->atomic || !k->pp.fb)
			return -EOPNOTSUPP;
		return damage_atomic(k, fb, clip);
	}
	return damage_dirtyfb(k, fb, clip);
}
