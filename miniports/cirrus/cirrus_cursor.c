// SPDX-License-Identifier: GPL-2.0
/*
 * The CL-GD5446 hardware cursor behind the pointer IOCTLs.
 *
 * The display driver hands over monochrome pointers (VIDEO_MODE_MONO_POINTER)
 * as an AND mask followed by an XOR mask, Height lines of WidthInBytes each.
 * The hardware pixel is (plane 1, plane 0): 00 transparent, 01 inverted
 * screen, 10 cursor colour 0, 11 cursor colour 1; with colour 0 black and
 * colour 1 white that is plane 0 = XOR and plane 1 = NOT AND.
 *
 * Cursor coordinates are unsigned, so a pointer partly off the left or top
 * edge is drawn by shifting the shape within the pattern and placing the
 * pattern at 0.  We keep the shape (AND/XOR, 64x64) in the device extension
 * and re-upload it whenever the shift changes.
 */
#include "cirrus.h"

static UCHAR CirrusCursorAttr(PCIRRUS_DEVICE Dev)
{
	UCHAR Attr = Dev->CursorLarge ? CIRRUS_CURSOR_LARGE : 0;

	return Dev->CursorVisible ? (UCHAR)(Attr | CIRRUS_CURSOR_SHOW) : Attr;
}

/* Cursor colours 0 and 1, as VIDEO_CLUTDATA (R, G, B, unused). */
static const UCHAR CirrusCursorBlack[4] = { 0x00, 0x00, 0x00, 0 };
static const UCHAR CirrusCursorWhite[4] = { 0xFF, 0xFF, 0xFF, 0 };

VOID CirrusCursorInit(PCIRRUS_DEVICE Dev)
{
	PMP_DEVICE Common = &Dev->Common;

	/* With HIDDENPEL set, DAC entries 0x0 and 0xF are the cursor colours. */
	SeqW(Common, CIRRUS_SR_CURSOR_ATTR, CIRRUS_CURSOR_HIDDENPEL);
	VgaLoadDac(&Common->Vga, 0x00, 1, CirrusCursorBlack, Common->DacBits);
	VgaLoadDac(&Common->Vga, 0x0F, 1, CirrusCursorWhite, Common->DacBits);
	Dev->CursorVisible = FALSE;
	SeqW(Common, CIRRUS_SR_CURSOR_ADDR, 0x00);	/* pattern slot 0 */
	SeqW(Common, CIRRUS_SR_CURSOR_ATTR, CirrusCursorAttr(Dev));
}

/* Shape pixel (x, y) of plane @Plane (AND or XOR), 1 outside the shape's
 * AND mask (transparent) and 0 outside its XOR mask. */
static ULONG CirrusShapeBit(const UCHAR *Plane, LONG X, LONG Y, ULONG Outside)
{
	if (X < 0 || Y < 0 || X >= CIRRUS_CURSOR_MAX || Y >= CIRRUS_CURSOR_MAX)
		return Outside;
	return (Plane[Y * 8 + X / 8] >> (7 - X % 8)) & 1;
}

/* Build the hardware pattern for the shape shifted by (Dx, Dy), upload it. */
static VOID CirrusUploadPattern(PCIRRUS_DEVICE Dev, LONG Dx, LONG Dy)
{
	ULONG Size = Dev->CursorLarge ? 64 : 32;
	ULONG Bytes = Dev->CursorLarge ? CIRRUS_CURSOR_BYTES_64 :
					 CIRRUS_CURSOR_BYTES_32;
	PUCHAR P = Dev->CursorUpload;
	ULONG x, y, i;

	VideoPortZeroMemory(P, Bytes);
	for (y = 0; y < Size; y++) {
		for (x = 0; x < Size; x++) {
			ULONG And = CirrusShapeBit(Dev->CursorAnd, x + Dx,
						   y + Dy, 1);
			ULONG Xor = CirrusShapeBit(Dev->CursorXor, x + Dx,
						   y + Dy, 0);
			UCHAR Bit = (UCHAR)(0x80 >> (x % 8));
			/* 64x64: per line 8 bytes plane 0, 8 bytes plane 1.
			 * 32x32: 128 bytes plane 0, then 128 bytes plane 1. */
			ULONG P0 = Dev->CursorLarge ? y * 16 + x / 8 :
						      y * 4 + x / 8;
			ULONG P1 = Dev->CursorLarge ? P0 + 8 : P0 + 128;

			if (Xor)
				P[P0] |= Bit;
			if (!And)
				P[P1] |= Bit;
		}
	}
	/*
	 * Byte by byte: the *RegisterBuffer* exports are read by some as a
	 * FIFO (one address), by the HAL as a copy; a pattern needs a copy.
	 */
	for (i = 0; i < Bytes; i++)
		VideoPortWriteRegisterUchar(Dev->Common.FrameBufferVirt +
					    Dev->CursorOffset + i, P[i]);
}

/* Place the cursor; lock held.  Off-screen-left/top parts are shifted. */
static VOID CirrusPlaceCursor(PCIRRUS_DEVICE Dev, LONG X, LONG Y,
			      BOOLEAN Reshape)
{
	PMP_DEVICE Common = &Dev->Common;
	LONG OldDx = Dev->CursorX < 0 ? -Dev->CursorX : 0;
	LONG OldDy = Dev->CursorY < 0 ? -Dev->CursorY : 0;
	LONG Dx = X < 0 ? -X : 0;
	LONG Dy = Y < 0 ? -Y : 0;
	ULONG Hx = X < 0 ? 0 : (ULONG)X;
	ULONG Hy = Y < 0 ? 0 : (ULONG)Y;

	if (Reshape || Dx != OldDx || Dy != OldDy)
		CirrusUploadPattern(Dev, Dx, Dy);
	Dev->CursorX = (SHORT)X;
	Dev->CursorY = (SHORT)Y;

	/* 11-bit position: low three bits ride in the register index. */
	SeqW(Common, (UCHAR)(CIRRUS_SR_CURSOR_X | ((Hx & 7) << 5)),
	     (UCHAR)((Hx >> 3) & 0xFF));
	SeqW(Common, (UCHAR)(CIRRUS_SR_CURSOR_Y | ((Hy & 7) << 5)),
	     (UCHAR)((Hy >> 3) & 0xFF));
}

VP_STATUS CirrusQueryPointerCaps(PMP_DEVICE Common,
				 PVIDEO_POINTER_CAPABILITIES Caps)
{
	PCIRRUS_DEVICE Dev = (PCIRRUS_DEVICE)Common;

	Caps->Flags = VIDEO_MODE_MONO_POINTER | VIDEO_MODE_ASYNC_POINTER;
	Caps->MaxWidth = CIRRUS_CURSOR_MAX;
	Caps->MaxHeight = CIRRUS_CURSOR_MAX;
	/* The pattern is in video memory: say where, so nobody draws there. */
	Caps->HWPtrBitmapStart = Dev->CursorOffset;
	Caps->HWPtrBitmapEnd = Dev->CursorOffset + CIRRUS_CURSOR_BYTES_64 - 1;
	return NO_ERROR;
}

VP_STATUS CirrusSetPointerAttr(PMP_DEVICE Common,
			       PVIDEO_POINTER_ATTRIBUTES Attr, ULONG Length)
{
	PCIRRUS_DEVICE Dev = (PCIRRUS_DEVICE)Common;
	ULONG Header = FIELD_OFFSET(VIDEO_POINTER_ATTRIBUTES, Pixels);
	ULONG Width = Attr->Width, Height = Attr->Height;
	ULONG Pitch = Attr->WidthInBytes;
	const UCHAR *AndMask, *XorMask;
	ULONG x, y;
	UCHAR OldIrql;

	/* Only monochrome shapes: the hardware has two colours. */
	if (!(Attr->Flags & VIDEO_MODE_MONO_POINTER) ||
	    (Attr->Flags & VIDEO_MODE_COLOR_POINTER))
		return ERROR_INVALID_PARAMETER;
	if (Width == 0 || Height == 0 || Width > CIRRUS_CURSOR_MAX ||
	    Height > CIRRUS_CURSOR_MAX || Pitch < (Width + 7) / 8 ||
	    Pitch > CIRRUS_CURSOR_MAX)
		return ERROR_INVALID_PARAMETER;
	/* AND mask then XOR mask; the bounds above keep this from wrapping. */
	if (Length < Header + 2 * Height * Pitch)
		return ERROR_INSUFFICIENT_BUFFER;
	if (!Common->FrameBufferVirt)
		return ERROR_INVALID_FUNCTION;

	AndMask = Attr->Pixels;
	XorMask = Attr->Pixels + Height * Pitch;
	/* Outside the given shape: AND 1, XOR 0 (transparent). */
	for (y = 0; y < CIRRUS_CURSOR_MAX; y++) {
		for (x = 0; x < 8; x++) {
			BOOLEAN In = y < Height && x < Pitch;
			UCHAR And = In ? AndMask[y * Pitch + x] : 0xFF;
			UCHAR Xor = In ? XorMask[y * Pitch + x] : 0x00;

			/* Bits past Width in the last byte are transparent. */
			if (In && x * 8 + 8 > Width) {
				UCHAR Keep = (UCHAR)(0xFF << (x * 8 + 8 - Width));

				if (x * 8 >= Width)
					Keep = 0;
				And |= (UCHAR)~Keep;
				Xor &= Keep;
			}
			Dev->CursorAnd[y * 8 + x] = And;
			Dev->CursorXor[y * 8 + x] = Xor;
		}
	}

	OldIrql = MpLock(Common);
	Dev->CursorLarge = Width > 32 || Height > 32;
	Dev->CursorVisible = Attr->Enable != 0;
	CirrusPlaceCursor(Dev, Attr->Column, Attr->Row, TRUE);
	SeqW(Common, CIRRUS_SR_CURSOR_ATTR, CirrusCursorAttr(Dev));
	MpUnlock(Common, OldIrql);
	return NO_ERROR;
}

VP_STATUS CirrusSetPointerPosition(PMP_DEVICE Common, SHORT Column, SHORT Row)
{
	PCIRRUS_DEVICE Dev = (PCIRRUS_DEVICE)Common;
	UCHAR OldIrql;

	if (!Common->FrameBufferVirt)
		return ERROR_INVALID_FUNCTION;
	OldIrql = MpLock(Common);
	CirrusPlaceCursor(Dev, Column, Row, FALSE);
	MpUnlock(Common, OldIrql);
	return NO_ERROR;
}

VP_STATUS CirrusEnablePointer(PMP_DEVICE Common, BOOLEAN Enable)
{
	PCIRRUS_DEVICE Dev = (PCIRRUS_DEVICE)Common;
	UCHAR OldIrql = MpLock(Common);

	Dev->CursorVisible = Enable;
	SeqW(Common, CIRRUS_SR_CURSOR_ATTR, CirrusCursorAttr(Dev));
	MpUnlock(Common, OldIrql);
	return NO_ERROR;
}
