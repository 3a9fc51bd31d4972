// SPDX-License-Identifier: GPL-2.0
/*
 * kmsvblank: vblank counters and commit events across what interrupts the
 * CRTC, as the kernel's conformance tests check them.
 *
 *   kmsvblank modeset WxH WxH   in the first mode, then a modeset to the
 *                               second with an event: the event's sequence
 *                               and timestamp and the counter afterwards
 *                               continue from before (never go back)
 *   kmsvblank unbind            a nonblocking flip with an event, then at
 *                               once unbind the device: the event still
 *                               arrives
 *
 * Output: PASS:/FAIL: lines, plus "INFO ..." lines for the log.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <drm.h>
#include <drm_fourcc.h>
#include <drm_mode.h>

#include "kmslib.h"
#include "pattern.h"

/* Wait (up to 10 s) for a flip-complete event: sequence and time in us. */
static int flip_event(int fd, unsigned int *seq, unsigned long long *us)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char ev[1024];
	struct drm_event_vblank *e = (struct drm_event_vblank *)ev;
	ssize_t n;

	if (poll(&p, 1, 10000) != 1)
		return -ETIMEDOUT;
	n = read(fd, ev, sizeof(ev));
	if (n < (ssize_t)sizeof(*e) || e->base.type != DRM_EVENT_FLIP_COMPLETE)
		return -EIO;
	*seq = e->sequence;
	*us = e->tv_sec * 1000000ULL + e->tv_usec;
	return 0;
}

/* The next vblank: its sequence and time in us. */
static int next_vblank(int fd, unsigned int *seq, unsigned long long *us)
{
	union drm_wait_vblank v = { .request = {
		.type = _DRM_VBLANK_RELATIVE, .sequence = 1 } };
	int ret = kms_ioctl(fd, DRM_IOCTL_WAIT_VBLANK, &v);

	*seq = v.reply.sequence;
	*us = v.reply.tval_sec * 1000000ULL + v.reply.tval_usec;
	return ret;
}

static struct drm_mode_modeinfo *mode_named(struct kms *k, const char *wh)
{
	unsigned int w, h;

	if (!wh || sscanf(wh, "%ux%u", &w, &h) != 2)
		return NULL;
	return kms_find_mode(k, w, h);
}

static int framebuffer(struct kms *k, struct kms_buf *b,
		       const struct drm_mode_modeinfo *m)
{
	unsigned int x, y;

	if (kms_buf_create(k->fd, b, m->hdisplay, m->vdisplay,
			   DRM_FORMAT_XRGB8888, 1))
		return -1;
	for (y = 0; y < b->h; y++)
		for (x = 0; x < b->w; x++)
			pattern_store(b->map + (size_t)y * b->pitch, b->format,
				      x, y, 0);
	return 0;
}

static int cmd_modeset(const char *wh1, const char *wh2)
{
	unsigned long long t0, t1, t2;
	unsigned int s0, s1, s2;
	struct drm_mode_modeinfo *m1, *m2;
	struct kms_buf b1, b2;
	struct kms_req r = { 0 };
	uint32_t blob;
	struct kms k;
	int ret;

	if (kms_open(&k, "/dev/dri/card0", 0)) {
		kms_report(0, "vblank modeset: open card0: %s", k.what);
		return 1;
	}
	m1 = mode_named(&k, wh1);
	m2 = mode_named(&k, wh2);
	if (!m1 || !m2 || framebuffer(&k, &b1, m1) || framebuffer(&k, &b2, m2)) {
		kms_report(0, "vblank modeset: modes %s and %s with buffers", wh1, wh2);
		return 1;
	}
	ret = kms_modeset(&k, m1, b1.fb);
	if (ret || next_vblank(k.fd, &s0, &t0)) {
		kms_report(0, "vblank modeset: %s and a vblank: %s", wh1,
		       strerror(ret ? -ret : errno));
		return 1;
	}

	kms_blob_create(k.fd, m2, sizeof(*m2), &blob);
	kms_req_primary(&k, &r, b2.fb, m2->hdisplay, m2->vdisplay, blob);
	ret = kms_req_commit(k.fd, &r, DRM_MODE_ATOMIC_ALLOW_MODESET |
			     DRM_MODE_PAGE_FLIP_EVENT);
	kms_blob_destroy(k.fd, blob);
	kms_report(!ret, "vblank modeset: a modeset %s -> %s with an event is accepted (%s)",
	       wh1, wh2, ret ? strerror(-ret) : "ok");
	if (ret)
		return 1;
	ret = flip_event(k.fd, &s1, &t1);
	kms_report(!ret, "vblank modeset: the modeset's event arrives (%s)",
	       ret ? strerror(-ret) : "ok");
	if (ret)
		return 1;
	ret = next_vblank(k.fd, &s2, &t2);
	kms_report(!ret, "vblank modeset: vblank waits work after the modeset");
	if (ret)
		return 1;
	printf("INFO vblank before %u at %llu us, event %u at %llu us, after %u at %llu us\n",
	       s0, t0, s1, t1, s2, t2);
	kms_report((int)(s1 - s0) >= 0 && (int)(s2 - s1) > 0,
	       "vblank modeset: the counter never goes back (%u, %u, %u)",
	       s0, s1, s2);
	kms_report(t1 >= t0 && t2 > t1,
	       "vblank modeset: timestamps never go back (%llu, %llu, %llu)",
	       t0, t1, t2);
	kms_buf_destroy(&b1);
	kms_buf_destroy(&b2);
	kms_close(&k);
	return kms_failures != 0;
}

/* The card's PCI device name and its driver's unbind file. */
static int unbind_path(char *dev, size_t dlen, char *unbind, size_t ulen)
{
	char link[PATH_MAX];
	const char *base;

	if (!realpath("/sys/class/drm/card0/device", link))
		return -1;
	base = strrchr(link, '/');
	if (!base)
		return -1;
	snprintf(dev, dlen, "%s", base + 1);
	snprintf(unbind, ulen, "%s/driver/unbind", link);
	return 0;
}

static int cmd_unbind(void)
{
	char dev[64], unbind[PATH_MAX + 32];
	struct drm_mode_modeinfo *m;
	unsigned long long t;
	struct kms_req r = { 0 };
	struct kms_buf a, b;
	unsigned int seq;
	struct kms k;
	int fd, ret;

	if (kms_open(&k, "/dev/dri/card0", 0)) {
		kms_report(0, "unbind in flight: open card0: %s", k.what);
		return 1;
	}
	m = kms_preferred_mode(&k);
	if (!m || framebuffer(&k, &a, m) || framebuffer(&k, &b, m) ||
	    kms_modeset(&k, m, a.fb) || unbind_path(dev, sizeof(dev), unbind,
						    sizeof(unbind))) {
		kms_report(0, "unbind in flight: mode set and device path");
		return 1;
	}
	fd = open(unbind, O_WRONLY);
	if (fd < 0) {
		kms_report(0, "unbind in flight: open %s: %s", unbind, strerror(errno));
		return 1;
	}
	kms_req_primary(&k, &r, b.fb, m->hdisplay, m->vdisplay, 0);
	ret = kms_req_commit(k.fd, &r, DRM_MODE_ATOMIC_NONBLOCK |
			     DRM_MODE_PAGE_FLIP_EVENT);
	if (ret) {
		kms_report(0, "unbind in flight: nonblocking flip: %s", strerror(-ret));
		return 1;
	}
	/* at once, with the flip in flight */
	ret = write(fd, dev, strlen(dev)) < 0 ? -errno : 0;
	close(fd);
	kms_report(!ret, "unbind in flight: unbind %s (%s)", dev,
	       ret ? strerror(-ret) : "ok");
	ret = flip_event(k.fd, &seq, &t);
	kms_report(!ret, "unbind in flight: the flip's event arrives (%s)",
	       ret ? strerror(-ret) : "ok");
	kms_close(&k);
	return kms_failures != 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "modeset"))
		return cmd_modeset(argv[2], argv[3]);
	if (argc == 2 && !strcmp(argv[1], "unbind"))
		return cmd_unbind();
	fprintf(stderr, "usage: kmsvblank modeset WxH WxH | unbind\n");
	return 2;
}
