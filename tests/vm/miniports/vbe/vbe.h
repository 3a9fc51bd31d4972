/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vpvbe.sys's private IOCTLs (FILE_DEVICE_VIDEO, functions 0x800+,
 * METHOD_BUFFERED), sent by the guest through
 * /sys/kernel/debug/vpwrap-videoport/<pci>/ioctl.
 */
#ifndef VPVBE_H
#define VPVBE_H

#define VBE_IOCTL(n) ((0x23u << 16) | ((0x800u + (n)) << 2))

/*
 * Input: ULONG VBE_REQ(width, height, bpp, noclear).  VBE 0x4f00,
 * 0x4f01 over the whole mode list, 0x4f02 to the matching linear mode, then
 * draw the test pattern through the linear frame buffer.  Output: struct
 * vbe_result.
 */
#define IOCTL_VBE_SET_AND_DRAW	VBE_IOCTL(0)
#define VBE_REQ(w, h, bpp, noclear) \
	((w) | (h) << 12 | ((bpp) / 8) << 24 | (unsigned int)!!(noclear) << 31)
/* INT 10h AH=00h AL=03h through VideoPortInt10 (80x25 text). */
#define IOCTL_VBE_TEXT		VBE_IOCTL(1)
/* The hostile calls; prints VBE PASS/FAIL lines.  Output: ULONG failures. */
#define IOCTL_VBE_HOSTILE	VBE_IOCTL(2)

struct vbe_result {
	unsigned int status;		/* 0: drawn */
	unsigned int version;		/* VBE version, BCD */
	unsigned int nmodes;		/* modes in the list */
	unsigned int mode;		/* the mode set */
	unsigned int pitch;		/* bytes per scan line */
	unsigned int set_us;		/* the 0x4f02 call, microseconds */
	unsigned int lfb;		/* PhysBasePtr */
};

/* The test pattern (XRGB8888; RGB565 keeps the top bits), also computed by the host check. */
#define VBE_PATTERN(x, y) \
	((((x) & 0xffu) << 16) | (((y) & 0xffu) << 8) | ((((x) + (y)) >> 3) & 0xffu))

#endif /* VPVBE_H */
