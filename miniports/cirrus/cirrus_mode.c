// SPDX-License-Identifier: GPL-2.0
/*
 * CL-GD5446 mode setting: standard VGA CRTC timings from the mode's DMT
 * values, then the Cirrus extensions for packed-pixel depth (SR07), pixel
 * format (hidden DAC), pitch and start address (CR13/CR1B/CR1D).
 *
 * The VGA vertical registers are 10 bits wide; for 1280x1024 the DMT
 * vertical total (1066) does not fit and is clamped, which only stretches
 * the blanking interval.  QEMU scans out from the display-end and offset
 * registers and ignores the rest, but the values are kept consistent for
 * a real monitor.
 */
#include "cirrus.h"

/*
 * The hidden DAC register sits behind the pixel mask: reading the DAC
 * write index resets the unlock counter, four reads of the mask arm it, and
 * the next mask write lands in the hidden register.
 */
static VOID CirrusWriteHiddenDac(PMP_DEVICE Dev, UCHAR Value)
{
	int i;

	(VOID)VgaRead(&Dev->Vga, VGA_DAC_WRITE_INDEX);
	for (i = 0; i < 4; i++)
		(VOID)VgaRead(&Dev->Vga, VGA_DAC_MASK);
	VgaWrite(&Dev->Vga, VGA_DAC_MASK, Value);
}

static VOID CirrusSetTimings(PMP_DEVICE Dev, const MP_MODE *Mode)
{
	const MP_RESOLUTION *R = Mode->Res;
	ULONG HTotal = R->HTotal / 8 - 5;
	ULONG HDispEnd = R->Width / 8 - 1;
	ULONG HBlankStart = R->Width / 8;
	ULONG HBlankEnd = R->HTotal / 8 - 1;
	ULONG HSyncStart = R->HSyncStart / 8;
	ULONG HSyncEnd = R->HSyncEnd / 8;
	ULONG VTotal = R->VTotal - 2;
	ULONG VDispEnd = R->Height - 1;
	ULONG VSyncStart = R->VSyncStart;
	ULONG VSyncEnd = R->VSyncEnd;
	ULONG VBlankStart = R->Height;
	ULONG VBlankEnd = R->VTotal - 1;
	ULONG Overflow;

	if (VTotal > 0x3FF)
		VTotal = 0x3FF;
	if (VBlankEnd > 0x3FF)
		VBlankEnd = 0x3FF;

	/* Unprotect CR00-CR07 (CR11 bit 7) before touching them. */
	CrtW(Dev, 0x11, 0x20);
	CrtW(Dev, 0x00, (UCHAR)HTotal);
	CrtW(Dev, 0x01, (UCHAR)HDispEnd);
	CrtW(Dev, 0x02, (UCHAR)HBlankStart);
	CrtW(Dev, 0x03, (UCHAR)(0x80 | (HBlankEnd & 0x1F)));
	CrtW(Dev, 0x04, (UCHAR)HSyncStart);
	CrtW(Dev, 0x05, (UCHAR)(((HBlankEnd & 0x20) << 2) | (HSyncEnd & 0x1F)));
	CrtW(Dev, 0x06, (UCHAR)VTotal);

	/* Bit 8 (and 9) of the vertical values; line compare at its maximum. */
	Overflow = ((VTotal & 0x100) >> 8) | ((VDispEnd & 0x100) >> 7) |
		   ((VSyncStart & 0x100) >> 6) | ((VBlankStart & 0x100) >> 5) |
		   0x10 | ((VTotal & 0x200) >> 4) | ((VDispEnd & 0x200) >> 3) |
		   ((VSyncStart & 0x200) >> 2);
	CrtW(Dev, 0x07, (UCHAR)Overflow);
	CrtW(Dev, 0x08, 0x00);
	/* One scan line per row, line compare bit 9, vblank start bit 9. */
	CrtW(Dev, 0x09, (UCHAR)(0x40 | ((VBlankStart & 0x200) >> 4)));
	CrtW(Dev, 0x0A, 0x20);	/* text cursor off */
	CrtW(Dev, 0x0B, 0x00);
	CrtW(Dev, 0x10, (UCHAR)VSyncStart);
	CrtW(Dev, 0x12, (UCHAR)VDispEnd);
	CrtW(Dev, 0x14, 0x00);	/* no underline, byte addressing */
	CrtW(Dev, 0x15, (UCHAR)VBlankStart);
	CrtW(Dev, 0x16, (UCHAR)VBlankEnd);
	CrtW(Dev, 0x17, 0xC3);	/* sync on, byte mode, no CGA/Hercules wrap */
	CrtW(Dev, 0x18, 0xFF);
	/* Blanking-end overflow bits; bit 0 clear: not interlaced. */
	CrtW(Dev, CIRRUS_CR_MISC, (UCHAR)(((HBlankEnd & 0xC0) >> 2) |
					  ((VBlankEnd & 0x300) >> 2)));
	/* Last: vsync end, and keep CR00-CR07 protected again. */
	CrtW(Dev, 0x11, (UCHAR)(0x80 | 0x20 | (VSyncEnd & 0x0F)));
}

static VOID CirrusSetPitch(PMP_DEVICE Dev, ULONG Stride)
{
	ULONG Offset = Stride / 8;	/* CR13 counts 8-byte units */

	CrtW(Dev, 0x13, (UCHAR)Offset);
	/*
	 * CR1B: extended address wrap + blanking (0x22), offset bit 8 in bit
	 * 4; start address bits 16-18 (bits 0, 2, 3) stay 0: we scan out from
	 * the start of VRAM, as does CR1D bit 7.
	 */
	CrtW(Dev, CIRRUS_CR_EXT_DISP, (UCHAR)(0x22 | ((Offset & 0x100) >> 4)));
	CrtW(Dev, CIRRUS_CR_OVERLAY, 0x00);
	CrtW(Dev, 0x0C, 0x00);
	CrtW(Dev, 0x0D, 0x00);
}

static VOID CirrusSetFormat(PMP_DEVICE Dev, ULONG Bpp)
{
	UCHAR Sr07 = SeqR(Dev, CIRRUS_SR_EXT_MODE) & CIRRUS_SR07_KEEP;
	UCHAR Hdr;

	switch (Bpp) {
	case 16:
		Sr07 |= CIRRUS_SR07_SVGA | CIRRUS_SR07_BPP_16;
		Hdr = 0xC1;		/* 5:6:5 */
		break;
	case 24:
		Sr07 |= CIRRUS_SR07_SVGA | CIRRUS_SR07_BPP_24;
		Hdr = 0xC5;		/* 8:8:8 packed */
		break;
	default:
		Sr07 |= CIRRUS_SR07_SVGA | CIRRUS_SR07_BPP_8;
		Hdr = 0x00;		/* palette */
		break;
	}
	SeqW(Dev, CIRRUS_SR_EXT_MODE, Sr07);
	CirrusWriteHiddenDac(Dev, Hdr);
}

/* Sequencer, graphics and attribute state of a packed-pixel mode. */
static VOID CirrusSetVgaState(PMP_DEVICE Dev)
{
	UCHAR Misc = VgaRead(&Dev->Vga, 0x3CC);
	UCHAR i;

	/* Colour addressing, so that the CRTC answers at 0x3D4. */
	if (!(Misc & 0x01))
		VgaWrite(&Dev->Vga, 0x3C2, Misc | 0x01);

	SeqW(Dev, 0x01, 0x01);	/* 8-dot clocks, screen on */
	SeqW(Dev, 0x02, 0x0F);	/* all planes */
	SeqW(Dev, 0x04, 0x0E);	/* chain-4, extended memory */

	GfxW(Dev, 0x05, 0x40);	/* 256-colour shift, write mode 0 */
	GfxW(Dev, 0x06, 0x01);	/* graphics, A0000 for 128 KiB */
	GfxW(Dev, 0x09, 0x00);	/* bank offsets unused with the aperture */
	GfxW(Dev, 0x0A, 0x00);
	GfxW(Dev, 0x0B, 0x00);	/* no extended write modes: plain stores */

	/* Identity attribute palette, graphics mode; then enable display. */
	(VOID)VgaRead(&Dev->Vga, VGA_INPUT_STATUS_1);
	for (i = 0; i < 16; i++)
		VgaWriteAttr(&Dev->Vga, i, i);
	VgaWriteAttr(&Dev->Vga, 0x10, 0x41);	/* graphics, 8-bit pixels */
	VgaWriteAttr(&Dev->Vga, 0x11, 0x00);	/* overscan: colour 0 */
	VgaWriteAttr(&Dev->Vga, 0x12, 0x0F);	/* all planes */
	VgaWriteAttr(&Dev->Vga, 0x13, 0x00);	/* no panning */
	VgaWriteAttr(&Dev->Vga, 0x14, 0x00);	/* colour select */
	VgaScreenOn(&Dev->Vga, TRUE);
}

VP_STATUS CirrusSetMode(PMP_DEVICE Dev, const MP_MODE *Mode, BOOLEAN NoClear)
{
	UCHAR OldIrql;

	OldIrql = MpLock(Dev);
	SeqW(Dev, CIRRUS_SR_UNLOCK, CIRRUS_SR_UNLOCK_KEY);
	CirrusSetVgaState(Dev);
	CirrusSetTimings(Dev, Mode);
	CirrusSetPitch(Dev, Mode->Stride);
	CirrusSetFormat(Dev, Mode->Bpp);
	MpUnlock(Dev, OldIrql);

	/* Clearing 4 MiB is slow: do it outside the lock, at PASSIVE_LEVEL. */
	if (!NoClear && Dev->FrameBufferVirt)
		VideoPortZeroDeviceMemory(Dev->FrameBufferVirt,
					  Mode->Stride * Mode->Height);
	return NO_ERROR;
}

VOID CirrusLeavePackedPixel(PMP_DEVICE Dev)
{
	SeqW(Dev, CIRRUS_SR_CURSOR_ATTR, 0x00);
	SeqW(Dev, CIRRUS_SR_EXT_MODE,
	     SeqR(Dev, CIRRUS_SR_EXT_MODE) & CIRRUS_SR07_KEEP);
}

VOID CirrusReset(PMP_DEVICE Dev)
{
	UCHAR OldIrql = MpLock(Dev);

	SeqW(Dev, CIRRUS_SR_UNLOCK, CIRRUS_SR_UNLOCK_KEY);
	/* Back to standard VGA scan-out; the BIOS sets the text mode. */
	CirrusLeavePackedPixel(Dev);
	CirrusWriteHiddenDac(Dev, 0x00);
	CrtW(Dev, CIRRUS_CR_EXT_DISP, 0x00);
	MpUnlock(Dev, OldIrql);
	((PCIRRUS_DEVICE)Dev)->CursorVisible = FALSE;
}
