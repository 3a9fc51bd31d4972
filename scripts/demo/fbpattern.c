// SPDX-License-Identifier: GPL-2.0
/*
 * Draw colour bars into the lower half of /dev/fb0, leaving the console in
 * the upper half visible: the demo's picture of "Linux console and a test
 * pattern, both drawn through the Windows miniport".
 */
#include <fcntl.h>
#include <linux/fb.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

static const uint32_t bars[] = {
	0xffffff, 0xffff00, 0x00ffff, 0x00ff00, 0xff00ff, 0xff0000, 0x0000ff, 0x000000,
};

static uint32_t pack(const struct fb_var_screeninfo *v, uint32_t rgb)
{
	uint32_t r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;

	return (r >> (8 - v->red.length)) << v->red.offset |
	       (g >> (8 - v->green.length)) << v->green.offset |
	       (b >> (8 - v->blue.length)) << v->blue.offset;
}

int main(void)
{
	struct fb_var_screeninfo v;
	struct fb_fix_screeninfo f;
	unsigned int x, y, bpp;
	uint8_t *fb;
	int fd;

	fd = open("/dev/fb0", O_RDWR);
	if (fd < 0 || ioctl(fd, FBIOGET_VSCREENINFO, &v) || ioctl(fd, FBIOGET_FSCREENINFO, &f)) {
		perror("fbpattern: /dev/fb0");
		return 1;
	}
	bpp = v.bits_per_pixel / 8;
	if (bpp != 2 && bpp != 4) {
		fprintf(stderr, "fbpattern: %u bpp not supported\n", v.bits_per_pixel);
		return 1;
	}
	fb = mmap(NULL, f.smem_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (fb == MAP_FAILED) {
		perror("fbpattern: mmap");
		return 1;
	}
	for (y = v.yres / 2; y < v.yres; y++) {
		for (x = 0; x < v.xres; x++) {
			uint32_t px = pack(&v, bars[x * 8 / v.xres]);
			uint8_t *p = fb + y * f.line_length + x * bpp;

			if (bpp == 4)
				*(uint32_t *)p = px;
			else
				*(uint16_t *)p = px;
		}
	}
	msync(fb, f.smem_len, MS_SYNC);
	printf("fbpattern: %ux%u, %u bpp, bars drawn\n", v.xres, v.yres, v.bits_per_pixel);
	return 0;
}
