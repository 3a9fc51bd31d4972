/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal KMS client on raw DRM ioctls: find a connected output, create dumb
 * framebuffers, set modes and push damage.  Only what drmbench measures.
 */
#ifndef DRMBENCH_KMS_H
#define DRMBENCH_KMS_H

#include <stdint.h>
#include <stddef.h>
#include <libdrm/drm.h>
#include <libdrm/drm_mode.h>

#define KMS_MAX_MODES	64
#define KMS_MAX_FORMATS	32

/* How damage reaches the driver. */
enum kms_damage_method {
	KMS_DAMAGE_ATOMIC,	/* atomic commit, FB_DAMAGE_CLIPS if the plane has it */
	KMS_DAMAGE_DIRTYFB,	/* DRM_IOCTL_MODE_DIRTYFB */
};

struct kms {
	int fd;
	uint32_t connector_id, crtc_id, plane_id;
	struct drm_mode_modeinfo modes[KMS_MAX_MODES];
	unsigned int nmodes;
	uint32_t formats[KMS_MAX_FORMATS];	/* primary plane's formats */
	unsigned int nformats;
	int atomic;				/* client cap accepted */
	uint32_t prop_fb_id, prop_damage;	/* plane properties, 0 if absent */
};

struct kms_fb {
	uint32_t handle, fb_id, pitch, width, height, format, cpp;
	size_t size;
	uint8_t *map;
};

int kms_open(struct kms *k, const char *path);
void kms_close(struct kms *k);
int kms_has_format(const struct kms *k, uint32_t format);
const struct drm_mode_modeinfo *kms_find_mode(const struct kms *k,
					      unsigned int w, unsigned int h);
int kms_fb_create(struct kms *k, struct kms_fb *fb, unsigned int w,
		  unsigned int h, uint32_t format);
void kms_fb_destroy(struct kms *k, struct kms_fb *fb);
int kms_set_crtc(struct kms *k, const struct kms_fb *fb,
		 const struct drm_mode_modeinfo *mode);
int kms_damage(struct kms *k, enum kms_damage_method how,
	       const struct kms_fb *fb, const struct drm_mode_rect *clip);

#endif
