/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vpcirrus.sys: the Cirrus Logic CL-GD5446 as QEMU emulates it
 * (-device cirrus-vga, PCI 1013:00B8).
 *
 *   BAR0  32 MiB: linear aperture onto the 4 MiB of VRAM at 0, blitter
 *         system-to-screen window at 16 MiB
 *   BAR1  4 KiB MMIO: VGA ports 0x3C0-0x3DF at 0x000, blitter at 0x100
 *   I/O   0x3C0-0x3DF, used only when BAR1 is absent
 *
 * Scan-out is the VGA CRTC with Cirrus extensions (SR07 depth, hidden DAC
 * pixel format, CR1B pitch/start bits).  The hardware cursor is a 2-plane
 * pattern in the last 16 KiB of VRAM (SR13 selects the slot), placed by
 * SR10/SR11 (with the low three bits in the index) and shown by SR12.
 */
#ifndef VP_CIRRUS_H
#define VP_CIRRUS_H

#include "miniport.h"

#define CIRRUS_VENDOR_ID	0x1013
#define CIRRUS_DEVICE_ID	0x00B8
#define CIRRUS_CHIP_ID_5446	0xB8	/* CR27 & 0xFC */

#define CIRRUS_MMIO_SIZE	0x1000
#define CIRRUS_MMIO_VGA		0x000	/* stands for port 0x3C0 */

/* The cursor patterns live in the last 16 KiB of VRAM. */
#define CIRRUS_CURSOR_AREA	0x4000
#define CIRRUS_CURSOR_MAX	64
#define CIRRUS_CURSOR_BYTES_64	1024	/* 64 lines x (8 + 8) bytes */
#define CIRRUS_CURSOR_BYTES_32	256	/* 32 x 4 bytes, plane 0 then 1 */

/* Sequencer extensions */
#define CIRRUS_SR_UNLOCK	0x06	/* write 0x12 to unlock SR07+ */
#define CIRRUS_SR_UNLOCK_KEY	0x12
#define CIRRUS_SR_EXT_MODE	0x07
#define CIRRUS_SR_DRAM		0x0F
#define CIRRUS_SR_CURSOR_X	0x10	/* index | (x & 7) << 5, data x >> 3 */
#define CIRRUS_SR_CURSOR_Y	0x11
#define CIRRUS_SR_CURSOR_ATTR	0x12
#define CIRRUS_SR_CURSOR_ADDR	0x13

#define CIRRUS_SR07_SVGA	0x01	/* extended (packed pixel) mode */
#define CIRRUS_SR07_BPP_8	0x00
#define CIRRUS_SR07_BPP_16	0x06
#define CIRRUS_SR07_BPP_24	0x04
#define CIRRUS_SR07_KEEP	0xE0	/* ISA address bits, left alone */

#define CIRRUS_CURSOR_SHOW	0x01
#define CIRRUS_CURSOR_HIDDENPEL	0x02	/* DAC writes go to cursor colours */
#define CIRRUS_CURSOR_LARGE	0x04	/* 64x64 instead of 32x32 */

/* CRTC extensions */
#define CIRRUS_CR_MISC		0x1A
#define CIRRUS_CR_EXT_DISP	0x1B
#define CIRRUS_CR_OVERLAY	0x1D
#define CIRRUS_CR_PART_ID	0x27

typedef struct _CIRRUS_DEVICE {
	MP_DEVICE Common;	/* first: the shared code's view of us */
	UCHAR ChipId;

	/* Hardware cursor state */
	ULONG CursorOffset;	/* VRAM offset of pattern slot 0 */
	BOOLEAN CursorLarge;	/* shape needs 64x64 */
	BOOLEAN CursorVisible;
	SHORT CursorX, CursorY;	/* requested top-left, may be negative */
	/* Shape as AND/XOR planes, 64 x 64, 8 bytes per line each. */
	UCHAR CursorAnd[CIRRUS_CURSOR_MAX * 8];
	UCHAR CursorXor[CIRRUS_CURSOR_MAX * 8];
	UCHAR CursorUpload[CIRRUS_CURSOR_BYTES_64];
} CIRRUS_DEVICE, *PCIRRUS_DEVICE;

/* Sequencer, CRTC and graphics controller registers; lock held. */
static inline VOID SeqW(PMP_DEVICE Dev, UCHAR Index, UCHAR Value)
{
	VgaWriteIndexed(&Dev->Vga, VGA_SEQ_INDEX, Index, Value);
}

static inline UCHAR SeqR(PMP_DEVICE Dev, UCHAR Index)
{
	return VgaReadIndexed(&Dev->Vga, VGA_SEQ_INDEX, Index);
}

static inline VOID CrtW(PMP_DEVICE Dev, UCHAR Index, UCHAR Value)
{
	VgaWriteIndexed(&Dev->Vga, VGA_CRTC_INDEX, Index, Value);
}

static inline UCHAR CrtR(PMP_DEVICE Dev, UCHAR Index)
{
	return VgaReadIndexed(&Dev->Vga, VGA_CRTC_INDEX, Index);
}

static inline VOID GfxW(PMP_DEVICE Dev, UCHAR Index, UCHAR Value)
{
	VgaWriteIndexed(&Dev->Vga, VGA_GFX_INDEX, Index, Value);
}

/* Hardware hooks (MP_HW_OPS). */
VP_STATUS CirrusSetMode(PMP_DEVICE Dev, const MP_MODE *Mode, BOOLEAN NoClear);
VOID CirrusReset(PMP_DEVICE Dev);
VP_STATUS CirrusQueryPointerCaps(PMP_DEVICE Dev,
				 PVIDEO_POINTER_CAPABILITIES Caps);
VP_STATUS CirrusSetPointerAttr(PMP_DEVICE Dev, PVIDEO_POINTER_ATTRIBUTES Attr,
			       ULONG Length);
VP_STATUS CirrusSetPointerPosition(PMP_DEVICE Dev, SHORT Column, SHORT Row);
VP_STATUS CirrusEnablePointer(PMP_DEVICE Dev, BOOLEAN Enable);

/*
 * Hide the cursor and drop out of packed-pixel mode (SR12, SR07); the lock
 * is held, or the system is stopped (HwResetHw).
 */
VOID CirrusLeavePackedPixel(PMP_DEVICE Dev);

/* Cursor colours (black, white) and a hidden cursor; lock held. */
VOID CirrusCursorInit(PCIRRUS_DEVICE Dev);

#endif /* VP_CIRRUS_H */
