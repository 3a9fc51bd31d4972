// SPDX-License-Identifier: GPL-2.0
/*
 * vpcirrus.sys entry points.  The shared HwFindAdapter (common/adapter.c)
 * claims the PCI device and maps BAR1; CirrusStart then checks that a
 * CL-GD5446 answers, sizes VRAM from the DRAM control register and maps
 * it.  HwStartIO and the PnP callbacks are the shared ones.
 */
#include "cirrus.h"

static const UCHAR CirrusDepths[] = { 8, 16, 24 };

static const MP_HW_OPS CirrusOps = {
	.SetMode = CirrusSetMode,
	.Reset = CirrusReset,
	.ReadEdid = NULL,		/* QEMU's Cirrus has no DDC */
	.QueryPointerCaps = CirrusQueryPointerCaps,
	.SetPointerAttr = CirrusSetPointerAttr,
	.SetPointerPosition = CirrusSetPointerPosition,
	.EnablePointer = CirrusEnablePointer,
};

static VIDEO_ACCESS_RANGE CirrusLegacyRanges[] = {
	MP_VGA_LEGACY_RANGE,
};

/* Unlock the extensions and check for a CL-GD5446; returns VRAM bytes. */
static ULONG CirrusProbe(PCIRRUS_DEVICE Dev)
{
	PMP_DEVICE Common = &Dev->Common;
	UCHAR Unlock, Dram, OldIrql;
	ULONG Vram;

	OldIrql = MpLock(Common);
	SeqW(Common, CIRRUS_SR_UNLOCK, CIRRUS_SR_UNLOCK_KEY);
	Unlock = SeqR(Common, CIRRUS_SR_UNLOCK);
	Dev->ChipId = CrtR(Common, CIRRUS_CR_PART_ID);
	Dram = SeqR(Common, CIRRUS_SR_DRAM);
	MpUnlock(Common, OldIrql);

	if (Unlock != CIRRUS_SR_UNLOCK_KEY ||
	    (Dev->ChipId & 0xFC) != CIRRUS_CHIP_ID_5446)
		return 0;

	/* SR0F bits 4:3 give the size per bank, bit 7 a second bank. */
	switch (Dram & 0x18) {
	case 0x08:
		Vram = 512 * 1024;
		break;
	case 0x10:
		Vram = 1024 * 1024;
		break;
	case 0x18:
		Vram = 2048 * 1024;
		break;
	default:
		return 0;
	}
	if (Dram & 0x80)
		Vram *= 2;
	return Vram;
}

/*
 * A CL-GD5446 answering?  Then map VRAM (for clearing and the cursor
 * pattern) and set the scan-out limits: the CRTC's display end is 8 bits
 * of character clocks wide (2048 pixels) and 10 bits of lines (1024), the
 * pitch register 9 bits of 8 bytes (4088), and the last 16 KiB of VRAM
 * hold the cursor patterns.
 */
static VP_STATUS CirrusStart(PMP_DEVICE Common, const VIDEO_ACCESS_RANGE *Fb,
			     MP_MODE_LIMITS *Limits)
{
	PCIRRUS_DEVICE Dev = (PCIRRUS_DEVICE)Common;

	Common->VramSize = CirrusProbe(Dev);
	if (Common->VramSize < 2 * CIRRUS_CURSOR_AREA ||
	    Common->VramSize > Fb->RangeLength) {
		VideoPortDebugPrint(Error, "vpcirrus: no CL-GD5446 (CR27 %02x)\n",
				    Dev->ChipId);
		return ERROR_DEV_NOT_EXIST;
	}

	Common->FrameBufferVirt = VideoPortGetDeviceBase(Dev, Fb->RangeStart,
							 Common->VramSize,
							 VIDEO_MEMORY_SPACE_MEMORY);
	if (!Common->FrameBufferVirt)
		return ERROR_NOT_ENOUGH_MEMORY;
	Common->FrameBufferPhys = Fb->RangeStart;
	/* The display driver gets VRAM up to the cursor patterns. */
	Common->FrameBufferLength = Common->VramSize - CIRRUS_CURSOR_AREA;
	Common->DacBits = 6;
	Dev->CursorOffset = Common->VramSize - CIRRUS_CURSOR_AREA;

	Limits->UsableVram = Common->FrameBufferLength;
	Limits->MaxWidth = 2048;
	Limits->MaxHeight = 1024;
	Limits->MaxStride = 0x1FF * 8;
	Limits->MaxBitmapHeight = 0xFFFF;
	return NO_ERROR;
}

static BOOLEAN NTAPI CirrusInitialize(PVOID HwDeviceExtension)
{
	PCIRRUS_DEVICE Dev = HwDeviceExtension;
	UCHAR OldIrql = MpLock(&Dev->Common);

	SeqW(&Dev->Common, CIRRUS_SR_UNLOCK, CIRRUS_SR_UNLOCK_KEY);
	CirrusCursorInit(Dev);
	MpUnlock(&Dev->Common, OldIrql);
	return TRUE;
}

/* Bugcheck/shutdown: leave packed-pixel mode, hide the cursor. */
static BOOLEAN NTAPI CirrusResetHw(PVOID HwDeviceExtension, ULONG Columns,
				   ULONG Rows)
{
	(VOID)Columns;
	(VOID)Rows;
	/* No lock: this may run with the system stopped inside it. */
	CirrusLeavePackedPixel(HwDeviceExtension);
	return FALSE;		/* the BIOS sets the text mode */
}

static const MP_DRIVER_DESC CirrusDriver = {
	.Name = "vpcirrus",
	.VendorId = CIRRUS_VENDOR_ID,
	.DeviceId = CIRRUS_DEVICE_ID,
	.FbMinLength = 0x400000,	/* BAR0, the 32 MiB aperture */
	.MmioLength = CIRRUS_MMIO_SIZE,	/* BAR1 */
	.MmioVgaOffset = CIRRUS_MMIO_VGA,
	.Probe = CirrusStart,
	.Ops = &CirrusOps,
	.Depths = CirrusDepths,
	.NumDepths = MP_ARRAY_SIZE(CirrusDepths),
	.ChipType = L"Cirrus Logic CL-GD5446",
	.DacType = L"Integrated RAMDAC, 6 bits per component",
	.AdapterString = L"Cirrus Logic GD5446 (QEMU)",
	.Initialize = CirrusInitialize,
	.ResetHw = CirrusResetHw,
	.DeviceExtensionSize = sizeof(CIRRUS_DEVICE),
	.LegacyRanges = CirrusLegacyRanges,
	.LegacyRangeCount = MP_ARRAY_SIZE(CirrusLegacyRanges),
};

ULONG NTAPI DriverEntry(PVOID Context1, PVOID Context2)
{
	return MpRegisterMiniport(Context1, Context2, &CirrusDriver);
}
