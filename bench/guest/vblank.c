// SPDX-License-Identifier: GPL-2.0
/*
 * drmbench: does the CRTC deliver vblanks, and how often?  A driver with
 * vblank support makes every blocking commit wait for the next vblank, which
 * caps update rates at the refresh rate; the report needs to know that to say
 * where an update's time goes.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "bench.h"

#define VBLANKS	10

static int wait_vblank(int fd)
{
	union drm_wait_vblank vb;
	int r;

	memset(&vb, 0, sizeof(vb));
	vb.request.type = _DRM_VBLANK_RELATIVE;	/* first CRTC */
	vb.request.sequence = 1;
	do {
		r = ioctl(fd, DRM_IOCTL_WAIT_VBLANK, &vb);
	} while (r == -1 && errno == EINTR);
	return r == -1 ? -errno : 0;
}

void bench_vblank(struct kms *k)
{
	double t0;
	int i, r = wait_vblank(k->fd);

	if (r) {
		bench_na("vblank_hz", "no vblank on the CRTC (%s)", strerror(-r));
		return;
	}
	t0 = now_ms();
	for (i = 0; i < VBLANKS && !r; i++)
		r = wait_vblank(k->fd);
	if (r)
		bench_na("vblank_hz", "no vblank on the CRTC (%s)", strerror(-r));
	else
		bench_value("vblank_hz", VBLANKS * 1e3 / (now_ms() - t0));
}
