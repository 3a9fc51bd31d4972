/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmslib: the raw-DRM plumbing the static guest programs share (kmstest,
 * reltest, the benchmark's drmbench): open a card and find its first CRTC,
 * connected connector, primary and cursor planes and their property ids;
 * dumb buffers with framebuffers; property blobs; atomic requests.  Only the
 * libdrm uapi headers, no libdrm library, so a program is one static binary.
 *
 * Every call returns 0 or a negative errno unless it says otherwise.
 */
#ifndef KMSLIB_H
#define KMSLIB_H

#include <stddef.h>
#include <stdint.h>
#include <libdrm/drm.h>
#include <libdrm/drm_mode.h>

#define KMS_MAX_OBJS	64	/* CRTCs, connectors, planes */
#define KMS_MAX_FORMATS	64	/* formats of one plane */

/* values of the plane "type" property (enum drm_plane_type) */
#define KMS_PLANE_PRIMARY	1
#define KMS_PLANE_CURSOR	2

/* kms_open() flags */
#define KMS_LEGACY_OK	1	/* no atomic client cap is no error: see k->atomic */

/* Property ids that place a plane: FB_ID, CRTC_ID, SRC_X/Y/W/H, CRTC_X/Y/W/H. */
struct kms_plane_props {
	uint32_t fb, crtc, src[4], dst[4];
};

struct kms {
	int fd;
	int atomic;			/* atomic client cap accepted */
	/*
	 * After kms_open() failed: the step ("open", "caps", "getresources",
	 * "getconnector", "getplanes") and what exactly failed in it.
	 */
	const char *step, *what;
	uint32_t crtc, conn, primary, cursor;	/* cursor: 0 if none */
	struct drm_mode_modeinfo *modes;	/* the connector's */
	unsigned int num_modes;
	uint32_t formats[KMS_MAX_FORMATS];	/* the primary plane's */
	unsigned int num_formats;
	uint32_t gamma_size;		/* GAMMA_LUT_SIZE, if GAMMA_LUT */
	/* property ids, 0 where the object has no such property */
	uint32_t p_active, p_mode, p_gamma;	/* CRTC */
	uint32_t p_conn_crtc;			/* connector CRTC_ID */
	struct kms_plane_props pp, cp;		/* primary, cursor plane */
	uint32_t p_damage;			/* primary FB_DAMAGE_CLIPS */
};

/* A dumb buffer, mapped, and (unless created without) its framebuffer. */
struct kms_buf {
	int fd;
	uint32_t handle, fb, pitch, w, h, format, cpp;
	uint64_t size;
	uint8_t *map;
};

/* An atomic request being built (room for the longest the programs build). */
struct kms_req {
	uint32_t objs[8], count[8], props[64];
	uint64_t vals[64];
	unsigned int nobj, nprop;
};

/*
 * ioctl(2) on fd, restarted on EINTR and EAGAIN.  After kms_time_ioctls(),
 * kms_longest_ioctl() is the longest single call so far, in seconds.
 */
int kms_ioctl(int fd, unsigned long req, void *arg);
void kms_time_ioctls(void);
double kms_longest_ioctl(void);

/*
 * Open the card at path (client caps universal planes and atomic) and fill
 * in k: the first CRTC, the first connected connector with modes, the first
 * primary and cursor planes, their property ids.  On failure the device is
 * closed and k->step, k->what say what failed.
 */
int kms_open(struct kms *k, const char *path, unsigned int flags);
void kms_close(struct kms *k);

/* Id of the named property of an object (and its value), 0 if it has none. */
uint32_t kms_prop_id(int fd, uint32_t obj, uint32_t type, const char *name,
		     uint64_t *value);
/* The plane ids: their number (at most max, else -E2BIG). */
int kms_planes(int fd, uint32_t *ids, unsigned int max);
/* A plane's formats: their number (at most max, else -E2BIG). */
int kms_plane_formats(int fd, uint32_t plane, uint32_t *formats,
		      unsigned int max);
/* Does the primary plane take format? */
int kms_has_format(const struct kms *k, uint32_t format);

/* The first listed mode of that size, or NULL. */
struct drm_mode_modeinfo *kms_find_mode(const struct kms *k, unsigned int w,
					unsigned int h);
/* The preferred mode, else the first. */
struct drm_mode_modeinfo *kms_preferred_mode(const struct kms *k);
/* "WxH": that mode or NULL; NULL (or not WxH): the preferred mode. */
struct drm_mode_modeinfo *kms_mode_arg(const struct kms *k, const char *wh);

/* Bytes per pixel of a format as a dumb buffer. */
unsigned int kms_format_cpp(uint32_t format);
/*
 * A w x h dumb buffer for format, mapped; with addfb also a framebuffer
 * (ADDFB2).  On failure nothing is left and b is zeroed.
 */
int kms_buf_create(int fd, struct kms_buf *b, uint32_t w, uint32_t h,
		   uint32_t format, int addfb);
/* Removes the framebuffer, unmaps, destroys: DESTROY_DUMB's result.  Zeroes b. */
int kms_buf_destroy(struct kms_buf *b);

/* A property blob with a copy of data: *id, 0 on failure. */
int kms_blob_create(int fd, const void *data, size_t len, uint32_t *id);
/* Nothing for id 0. */
int kms_blob_destroy(int fd, uint32_t id);

/*
 * Atomic requests: kms_req_add() appends obj.prop = val (consecutive adds
 * to one object share its entry); a property id of 0 (the object lacks it)
 * is left out, with a message on stderr.
 */
void kms_req_add(struct kms_req *r, uint32_t obj, uint32_t prop, uint64_t val);
int kms_req_commit(int fd, const struct kms_req *r, uint32_t flags);
/*
 * The primary plane showing the top-left w x h of framebuffer fb on the whole
 * w x h screen; with a mode blob also the CRTC on in that mode and the
 * connector routed to it (a modeset).
 */
void kms_req_primary(const struct kms *k, struct kms_req *r, uint32_t fb,
		     unsigned int w, unsigned int h, uint32_t mode_blob);
/* The cursor plane showing a size x size framebuffer fb at x, y. */
void kms_req_cursor(const struct kms *k, struct kms_req *r, uint32_t fb,
		    int x, int y, unsigned int size);
/* the cursor plane off (FB_ID and CRTC_ID 0) */
void kms_req_cursor_off(const struct kms *k, struct kms_req *r);
/* One atomic modeset to mode m showing framebuffer fb (at least m's size). */
int kms_modeset(const struct kms *k, const struct drm_mode_modeinfo *m,
		uint32_t fb);

/*
 * A check's result as the harness reads it ("PASS: ..." or "FAIL: ..."),
 * flushed at once; kms_failures counts the failed ones.
 */
extern int kms_failures;
void kms_report(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
