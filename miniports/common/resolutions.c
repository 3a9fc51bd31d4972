// SPDX-License-Identifier: GPL-2.0
/*
 * The resolutions both drivers offer, smallest first, with VESA DMT
 * timings (CEA-861 for 1280x720).  Widths are multiples of 8: DISPI needs
 * it, and the VGA CRTC counts in 8-pixel character clocks.  Each driver's
 * limits drop what its hardware cannot scan out.  Keep
 * miniports/expected-modes.py in step with this table.
 */
#include "miniport.h"

const MP_RESOLUTION MpResolutions[] = {
	/* W     H    HSS   HSE   HT    VSS   VSE   VT   Hz */
	{  640,  480,  656,  752,  800,  490,  492,  525, 60 },
	{  800,  600,  840,  968, 1056,  601,  605,  628, 60 },
	{ 1024,  768, 1048, 1184, 1344,  771,  777,  806, 60 },
	{ 1152,  864, 1216, 1344, 1600,  865,  868,  900, 75 },
	{ 1280,  720, 1390, 1430, 1650,  725,  730,  750, 60 },
	{ 1280,  800, 1352, 1480, 1680,  803,  809,  831, 60 },
	{ 1280,  960, 1376, 1488, 1800,  961,  964, 1000, 60 },
	{ 1280, 1024, 1328, 1440, 1688, 1025, 1028, 1066, 60 },
	{ 1440,  900, 1520, 1672, 1904,  903,  909,  934, 60 },
	{ 1600,  900, 1624, 1704, 1800,  901,  904, 1000, 60 },
	{ 1600, 1200, 1664, 1856, 2160, 1201, 1204, 1250, 60 },
	{ 1680, 1050, 1784, 1960, 2240, 1053, 1059, 1089, 60 },
	{ 1920, 1080, 2008, 2052, 2200, 1084, 1089, 1125, 60 },
};

const ULONG MpNumResolutions = MP_ARRAY_SIZE(MpResolutions);
