/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VGA register block 0x3C0-0x3DF, reached either through I/O ports or
 * through an MMIO window that maps it 1:1 (QEMU std VGA: BAR2 + 0x400;
 * Cirrus CL-GD5446: BAR1 + 0x000).  Callers name registers by their port
 * number; the base is what VideoPortGetDeviceBase returned for port 0x3C0
 * (or for the MMIO window's 0x3C0 slot).
 */
#ifndef VP_VGA_REGS_H
#define VP_VGA_REGS_H

#include <ntdef.h>

#define VGA_AR_INDEX		0x3C0	/* attribute controller, flip-flop */
#define VGA_SEQ_INDEX		0x3C4
#define VGA_SEQ_DATA		0x3C5
#define VGA_DAC_MASK		0x3C6	/* Cirrus: hidden DAC behind it */
#define VGA_DAC_WRITE_INDEX	0x3C8
#define VGA_DAC_DATA		0x3C9
#define VGA_GFX_INDEX		0x3CE
#define VGA_GFX_DATA		0x3CF
#define VGA_CRTC_INDEX		0x3D4	/* colour addressing */
#define VGA_CRTC_DATA		0x3D5
#define VGA_INPUT_STATUS_1	0x3DA	/* read: resets the AR flip-flop */

#define VGA_AR_PALETTE_SOURCE	0x20	/* AR index bit: display enabled */

#define VGA_PORT_FIRST		0x3C0
#define VGA_PORT_COUNT		0x20

typedef struct _VGA_REGS {
	PUCHAR Base;		/* address standing for port 0x3C0 */
	BOOLEAN Mmio;		/* TRUE: register space, FALSE: I/O space */
} VGA_REGS;

UCHAR VgaRead(const VGA_REGS *Vga, USHORT Port);
VOID VgaWrite(const VGA_REGS *Vga, USHORT Port, UCHAR Value);
UCHAR VgaReadIndexed(const VGA_REGS *Vga, USHORT IndexPort, UCHAR Index);
VOID VgaWriteIndexed(const VGA_REGS *Vga, USHORT IndexPort, UCHAR Index,
		     UCHAR Value);

/*
 * Write attribute controller register @Index.  Index and data both go to
 * 0x3C0; the caller has put the flip-flop in index state (by reading input
 * status 1) before the first of a run of these.
 */
VOID VgaWriteAttr(const VGA_REGS *Vga, UCHAR Index, UCHAR Value);

/*
 * Load DAC entries First..First+Count-1 from 8-bit components laid out as
 * VIDEO_CLUTDATA (R, G, B, unused); @DacBits is 6 or 8.
 */
VOID VgaLoadDac(const VGA_REGS *Vga, ULONG First, ULONG Count,
		const UCHAR *Rgbx, ULONG DacBits);

/* Show (TRUE) or blank (FALSE) the screen via the AR palette-source bit. */
VOID VgaScreenOn(const VGA_REGS *Vga, BOOLEAN On);

#endif /* VP_VGA_REGS_H */
