// SPDX-License-Identifier: GPL-2.0
/*
 * kmslease: DRM leases on the card, as a VR compositor or a kiosk uses them.
 *
 *   kmslease    lease the connector, the CRTC and the primary plane to a
 *               lessee; the lessee sees exactly those; revoking the lease
 *               takes them from it, and the end of the lease (the lessee
 *               gone) is announced with a "LEASE=1" uevent from the card,
 *               which compositors watch to learn that a lease went away
 *
 * Output: PASS:/FAIL: lines, plus "INFO ..." lines for the log.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include <drm.h>
#include <drm_mode.h>

#include "kmslib.h"

/* The kernel's uevents, as udev reads them: a socket, -1 on failure. */
static int uevent_open(void)
{
	struct sockaddr_nl a = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	int s = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
		       NETLINK_KOBJECT_UEVENT);

	if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a))) {
		close(s);
		s = -1;
	}
	return s;
}

/* How many "LEASE=1" uevents of a DRM device arrive within ms. */
static int uevent_leases(int s, int ms)
{
	char buf[4096];
	int count = 0;

	for (;;) {
		struct pollfd p = { .fd = s, .events = POLLIN };
		int drm = 0, lease = 0;
		ssize_t n, i;

		if (poll(&p, 1, ms) <= 0)
			return count;
		n = recv(s, buf, sizeof(buf) - 1, 0);
		if (n <= 0)
			return count;
		buf[n] = 0;
		/* "action@devpath\0KEY=VALUE\0..." */
		for (i = 0; i < n; i += strlen(buf + i) + 1) {
			if (!strcmp(buf + i, "SUBSYSTEM=drm"))
				drm = 1;
			if (!strcmp(buf + i, "LEASE=1"))
				lease = 1;
		}
		if (drm && lease) {
			printf("INFO uevent: %s\n", buf);
			count++;
		}
	}
}

static int leased_counts(int fd, unsigned int *crtcs, unsigned int *conns)
{
	struct drm_mode_card_res res = { 0 };
	int ret = kms_ioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &res);

	*crtcs = res.count_crtcs;
	*conns = res.count_connectors;
	return ret;
}

int main(void)
{
	struct drm_mode_create_lease cl = { 0 };
	struct drm_mode_revoke_lease rl = { 0 };
	unsigned int crtcs, conns;
	uint32_t objs[3];
	struct kms k;
	int s, ret, n;

	ret = kms_open(&k, "/dev/dri/card0", 0);
	if (ret) {
		kms_report(0, "lease: open card0: %s", k.what ? k.what : strerror(-ret));
		return 1;
	}
	s = uevent_open();
	if (s < 0) {
		kms_report(0, "lease: uevent socket: %s", strerror(errno));
		return 1;
	}

	objs[0] = k.conn;
	objs[1] = k.crtc;
	objs[2] = k.primary;
	cl.object_ids = (uintptr_t)objs;
	cl.object_count = 3;
	cl.flags = O_CLOEXEC;
	ret = kms_ioctl(k.fd, DRM_IOCTL_MODE_CREATE_LEASE, &cl);
	kms_report(!ret, "lease: connector, CRTC and primary plane leased%s%s",
	       ret ? ": " : "", ret ? strerror(-ret) : "");
	if (ret)
		return 1;
	printf("INFO lessee %u, fd %u\n", cl.lessee_id, cl.fd);

	ret = leased_counts(cl.fd, &crtcs, &conns);
	kms_report(!ret && crtcs == 1 && conns == 1,
	       "lease: the lessee sees the leased CRTC and connector (%u, %u)",
	       crtcs, conns);
	n = uevent_leases(s, 500);
	kms_report(n == 0, "lease: creating it sends no LEASE uevent (%d)", n);

	rl.lessee_id = cl.lessee_id;
	ret = kms_ioctl(k.fd, DRM_IOCTL_MODE_REVOKE_LEASE, &rl);
	kms_report(!ret, "lease: revoked%s%s", ret ? ": " : "",
	       ret ? strerror(-ret) : "");
	ret = leased_counts(cl.fd, &crtcs, &conns);
	kms_report(!ret && crtcs == 0 && conns == 0,
	       "lease: after revoking, the lessee sees no CRTC or connector (%u, %u)",
	       crtcs, conns);
	n = uevent_leases(s, 2000);
	printf("INFO %d lease uevent(s) after the revoke\n", n);
	close(cl.fd);
	n += uevent_leases(s, 2000);
	kms_report(n >= 1, "lease: its end is announced with a LEASE=1 uevent (%d)",
	       n);

	close(s);
	kms_close(&k);
	return kms_failures != 0;
}
