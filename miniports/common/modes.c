// SPDX-License-Identifier: GPL-2.0
/*
 * Building the mode list from a driver's resolution table and the
 * adapter's limits.
 */
#include "miniport.h"

static BOOLEAN MpModeFits(const MP_RESOLUTION *Res, ULONG Bpp,
			  const MP_MODE_LIMITS *Limits, MP_MODE *Mode)
{
	ULONG Stride = Res->Width * ((Bpp + 7) / 8);
	ULONG Lines;

	if (Res->Width > Limits->MaxWidth || Res->Height > Limits->MaxHeight)
		return FALSE;
	if (Stride > Limits->MaxStride)
		return FALSE;
	/* Divide instead of multiplying: no overflow whatever the VRAM size. */
	Lines = Limits->UsableVram / Stride;
	if (Lines < Res->Height)
		return FALSE;
	if (Lines > Limits->MaxBitmapHeight)
		Lines = Limits->MaxBitmapHeight;

	Mode->Res = Res;
	Mode->Width = Res->Width;
	Mode->Height = Res->Height;
	Mode->Bpp = Bpp;
	Mode->Stride = Stride;
	Mode->BitmapHeight = Lines;
	return TRUE;
}

ULONG MpBuildModes(const MP_RESOLUTION *Res, ULONG NumRes, const UCHAR *Bpps,
		   ULONG NumBpps, const MP_MODE_LIMITS *Limits,
		   MP_MODE *Modes)
{
	ULONG Count = 0;
	ULONG r, b;

	for (r = 0; r < NumRes; r++) {
		for (b = 0; b < NumBpps; b++) {
			if (Count == MP_MAX_MODES)
				return Count;
			if (MpModeFits(&Res[r], Bpps[b], Limits, &Modes[Count]))
				Count++;
		}
	}
	return Count;
}
