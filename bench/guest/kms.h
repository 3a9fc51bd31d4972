/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KMS calls drmbench measures, on top of the guest programs' shared
 * raw-DRM plumbing (tests/vm/guest/kmslib.h): legacy mode sets and damage.
 */
#ifndef DRMBENCH_KMS_H
#define DRMBENCH_KMS_H

#include "kmslib.h"

/* How damage reaches the driver. */
enum kms_damage_method {
	KMS_DAMAGE_ATOMIC,	/* atomic commit, FB_DAMAGE_CLIPS if the plane has it */
	KMS_DAMAGE_DIRTYFB,	/* DRM_IOCTL_MODE_DIRTYFB */
};

int kms_set_crtc(struct kms *k, const struct kms_buf *fb,
		 const struct drm_mode_modeinfo *mode);
int kms_damage(struct kms *k, enum kms_damage_method how,
	       const struct kms_buf *fb, const struct drm_mode_rect *clip);

#endif
