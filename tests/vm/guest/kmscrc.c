// SPDX-License-Identifier: GPL-2.0
/*
 * kmscrc: the DRM CRC debugfs interface (<debugfs>/dri/N/crtc-0/crc) of the
 * card's first CRTC, as the kernel's conformance tests use it.
 *
 *   kmscrc [-m WxH]   show frame A, start CRCs with source "auto", then:
 *                     A's CRC repeats from frame to frame, frame B's CRC
 *                     differs from A's, A shown again has A's CRC again,
 *                     frame numbers increase; an unknown source is refused
 *
 * Output: PASS:/FAIL: lines, plus "INFO ..." lines for the log.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

/* The debugfs directory of the DRM device named "vpwrap" (its "name" file). */
static int find_dri_dir(char *dir, size_t len)
{
	DIR *d = opendir("/sys/kernel/debug/dri");
	struct dirent *e;
	int found = 0;

	if (!d)
		return -1;
	while (!found && (e = readdir(d))) {
		char path[512], name[64] = "";
		FILE *f;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/kernel/debug/dri/%s/name",
			 e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(name, sizeof(name), f) && !strncmp(name, "vpwrap ", 7)) {
			snprintf(dir, len, "/sys/kernel/debug/dri/%s", e->d_name);
			found = 1;
		}
		fclose(f);
	}
	closedir(d);
	return found ? 0 : -1;
}

/* Write the source name to crc/control: 0 or -errno. */
static int set_source(const char *dir, const char *source)
{
	char path[512];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/crtc-0/crc/control", dir);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, source, strlen(source)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* One entry of crc/data, waiting up to 10 s: 0, or -1 with *why set. */
static int read_entry(int fd, unsigned int *frame, unsigned int *crc,
		      const char **why)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char line[128];
	ssize_t n;

	if (poll(&p, 1, 10000) != 1) {
		*why = "no CRC entry within 10 s";
		return -1;
	}
	n = read(fd, line, sizeof(line) - 1);
	if (n <= 0) {
		*why = n < 0 ? strerror(errno) : "end of file";
		return -1;
	}
	line[n] = 0;
	if (sscanf(line, "%x %x", frame, crc) != 2) {
		*why = "entry not \"frame crc\"";
		return -1;
	}
	return 0;
}

/* The current vblank count of the first CRTC. */
static int vblank_count(int fd, unsigned int *seq)
{
	union drm_wait_vblank vb = { 0 };
	int ret;

	vb.request.type = _DRM_VBLANK_RELATIVE;
	vb.request.sequence = 0;
	ret = kms_ioctl(fd, DRM_IOCTL_WAIT_VBLANK, &vb);
	*seq = vb.reply.sequence;
	return ret;
}

/*
 * The CRC of a frame that began after now (entries of older frames may
 * still be queued: they are read and dropped).  *frame is its number.
 */
static int crc_now(int kfd, int cfd, unsigned int *frame, unsigned int *crc,
		   const char **why)
{
	unsigned int seq;

	if (vblank_count(kfd, &seq)) {
		*why = "WAIT_VBLANK failed";
		return -1;
	}
	do {
		if (read_entry(cfd, frame, crc, why))
			return -1;
	} while ((int)(*frame - seq) <= 0);
	return 0;
}

static void draw(struct kms_buf *b, int which)
{
	unsigned int x, y;

	for (y = 0; y < b->h; y++)
		for (x = 0; x < b->w; x++)
			pattern_store(b->map + (size_t)y * b->pitch, b->format,
				      x, y, which);
}

int main(int argc, char **argv)
{
	unsigned int fa, a1, a1b, fa1b, fb, b1, fa2, a2;
	struct drm_mode_modeinfo *m;
	struct kms_buf a, b;
	const char *wh = NULL, *why = "";
	char dir[300], path[512];
	struct kms k;
	int opt, cfd, ret;

	while ((opt = getopt(argc, argv, "m:")) != -1) {
		if (opt != 'm')
			return 2;
		wh = optarg;
	}
	if (kms_open(&k, "/dev/dri/card0", 0)) {
		kms_report(0, "crc: open card0: %s", k.what);
		return 1;
	}
	m = kms_mode_arg(&k, wh);
	if (!m || kms_buf_create(k.fd, &a, m->hdisplay, m->vdisplay,
				 DRM_FORMAT_XRGB8888, 1) ||
	    kms_buf_create(k.fd, &b, m->hdisplay, m->vdisplay,
			   DRM_FORMAT_XRGB8888, 1)) {
		kms_report(0, "crc: buffers for %s", wh ? wh : "the preferred mode");
		return 1;
	}
	draw(&a, 0);
	draw(&b, 1);
	ret = kms_modeset(&k, m, a.fb);
	if (ret) {
		kms_report(0, "crc: mode set: %s", strerror(-ret));
		return 1;
	}
	if (find_dri_dir(dir, sizeof(dir))) {
		kms_report(0, "crc: debugfs directory of vpwrap");
		return 1;
	}
	ret = set_source(dir, "no-such-source");
	kms_report(ret == -EINVAL, "crc: an unknown source is refused (%s)",
	       ret ? strerror(-ret) : "accepted");

	snprintf(path, sizeof(path), "%s/crtc-0/crc/data", dir);
	ret = set_source(dir, "auto");
	cfd = ret ? -1 : open(path, O_RDONLY);
	kms_report(cfd >= 0, "crc: source auto starts (%s)",
	       ret ? strerror(-ret) : cfd < 0 ? strerror(errno) : "ok");
	if (cfd < 0)
		return 1;

	/* A, then the next frame's entry: nothing changed, same CRC */
	if (crc_now(k.fd, cfd, &fa, &a1, &why) ||
	    read_entry(cfd, &fa1b, &a1b, &why)) {
		kms_report(0, "crc: entries for frame A: %s", why);
		return 1;
	}
	printf("INFO crc frame %u A %08x, frame %u A %08x\n", fa, a1, fa1b, a1b);
	kms_report(a1 == a1b, "crc: an unchanged frame repeats its CRC (%08x, %08x)",
	       a1, a1b);
	kms_report((int)(fa1b - fa) > 0, "crc: frame numbers increase (%u, %u)",
	       fa, fa1b);

	ret = kms_modeset(&k, m, b.fb);
	if (ret || crc_now(k.fd, cfd, &fb, &b1, &why)) {
		kms_report(0, "crc: frame B: %s", ret ? strerror(-ret) : why);
		return 1;
	}
	printf("INFO crc frame %u B %08x\n", fb, b1);
	kms_report(b1 != a1, "crc: a different frame has a different CRC (A %08x, B %08x)",
	       a1, b1);

	ret = kms_modeset(&k, m, a.fb);
	if (ret || crc_now(k.fd, cfd, &fa2, &a2, &why)) {
		kms_report(0, "crc: frame A again: %s", ret ? strerror(-ret) : why);
		return 1;
	}
	printf("INFO crc frame %u A %08x\n", fa2, a2);
	kms_report(a2 == a1, "crc: the same frame again has its CRC again (%08x, %08x)",
	       a1, a2);
	kms_report((int)(fa2 - fb) > 0 && (int)(fb - fa1b) > 0,
	       "crc: frame numbers increase across commits (%u, %u, %u)",
	       fa1b, fb, fa2);
	close(cfd);
	kms_buf_destroy(&a);
	kms_buf_destroy(&b);
	kms_close(&k);
	return kms_failures != 0;
}
