// SPDX-License-Identifier: GPL-2.0
/*
 * fbmmap X Y W H: map /dev/fb0 and fill the rectangle with pure red (the
 * same bytes at 32 and 16 bpp once QEMU expands them), then wait for the
 * fbdev emulation's deferred I/O to flush it.  Prints PASS:/FAIL: lines.
 */
#include <fcntl.h>
#include <linux/fb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;
	unsigned int x0, y0, w, h, x, y;
	uint8_t *map;
	int fd;

	if (argc != 5)
		return fprintf(stderr, "usage: fbmmap X Y W H\n"), 2;
	x0 = atoi(argv[1]);
	y0 = atoi(argv[2]);
	w = atoi(argv[3]);
	h = atoi(argv[4]);
	fd = open("/dev/fb0", O_RDWR);
	if (fd < 0 || ioctl(fd, FBIOGET_VSCREENINFO, &var) ||
	    ioctl(fd, FBIOGET_FSCREENINFO, &fix)) {
		printf("FAIL: fbmmap: /dev/fb0: %m\n");
		return 1;
	}
	if ((var.bits_per_pixel != 32 && var.bits_per_pixel != 16) ||
	    x0 + w > var.xres || y0 + h > var.yres) {
		printf("FAIL: fbmmap: %ux%u at %u bpp cannot hold the rectangle\n",
		       var.xres, var.yres, var.bits_per_pixel);
		return 1;
	}
	map = mmap(NULL, fix.smem_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		printf("FAIL: fbmmap: mmap /dev/fb0: %m\n");
		return 1;
	}
	for (y = y0; y < y0 + h; y++)
		for (x = x0; x < x0 + w; x++) {
			uint8_t *p = map + (size_t)y * fix.line_length +
				     x * (var.bits_per_pixel / 8);

			if (var.bits_per_pixel == 32)
				*(uint32_t *)p = 0x00ff0000;
			else
				*(uint16_t *)p = 0xf800;
		}
	/* deferred I/O flushes after its delay (a fraction of a second) */
	sleep(2);
	printf("INFO fbmmap: %ux%u %u bpp, pitch %u: red at %u,%u %ux%u\n",
	       var.xres, var.yres, var.bits_per_pixel, fix.line_length,
	       x0, y0, w, h);
	munmap(map, fix.smem_len);
	close(fd);
	return 0;
}
