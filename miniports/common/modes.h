/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mode tables: each driver lists the resolutions it knows (with CRTC
 * timings for hardware that needs them) and the depths it can scan out;
 * at HwFindAdapter time the shared code keeps the combinations that fit the
 * adapter's video memory and pitch/height limits, in table order
 * (resolution first, then depth).  miniports/expected-modes.py mirrors this
 * rule for the VM tests: change both together.
 */
#ifndef VP_MODES_H
#define VP_MODES_H

#include <ntdef.h>

#define MP_MAX_MODES 64

/* One resolution, with VESA DMT-style timings (pixels / lines). */
typedef struct _MP_RESOLUTION {
	USHORT Width, Height;
	USHORT HSyncStart, HSyncEnd, HTotal;
	USHORT VSyncStart, VSyncEnd, VTotal;
	USHORT Refresh;			/* Hz */
} MP_RESOLUTION;

/* One mode offered to the display driver. */
typedef struct _MP_MODE {
	const MP_RESOLUTION *Res;
	ULONG Width, Height;
	ULONG Bpp;			/* 8, 16 (5:6:5), 24 or 32 (x8:8:8:8) */
	ULONG Stride;			/* bytes per scan line */
	ULONG BitmapHeight;		/* lines of Stride that fit in VRAM */
} MP_MODE;

/* What the scan-out engine can address. */
typedef struct _MP_MODE_LIMITS {
	ULONG UsableVram;		/* bytes available for the frame */
	ULONG MaxWidth, MaxHeight;	/* pixels / lines */
	ULONG MaxStride;		/* bytes */
	ULONG MaxBitmapHeight;		/* cap of BitmapHeight (register width) */
} MP_MODE_LIMITS;

/*
 * Fill @Modes (room for MP_MAX_MODES) with every resolution x depth that
 * fits @Limits; returns how many.  The stride is Width * bytes per pixel.
 */
ULONG MpBuildModes(const MP_RESOLUTION *Res, ULONG NumRes, const UCHAR *Bpps,
		   ULONG NumBpps, const MP_MODE_LIMITS *Limits,
		   MP_MODE *Modes);

#endif /* VP_MODES_H */
