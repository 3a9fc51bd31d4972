// SPDX-License-Identifier: GPL-2.0
/*
 * vpbochs.sys entry points.  The shared HwFindAdapter (common/adapter.c)
 * claims the PCI device and maps BAR2; BochsProbe then checks that a
 * Bochs VBE interface answers and sizes video memory.  HwStartIO and the
 * PnP callbacks are the shared ones.
 */
#include "bochs.h"

static const UCHAR BochsDepths[] = { 8, 16, 24, 32 };

static const MP_HW_OPS BochsOps = {
	.SetMode = BochsSetMode,
	.Reset = BochsReset,
	.ReadEdid = BochsReadEdid,
	/* The std VGA has no hardware cursor. */
};

/* Legacy ports the device decodes besides its BARs. */
static VIDEO_ACCESS_RANGE BochsLegacyRanges[] = {
	MP_VGA_LEGACY_RANGE,
	{ { { BOCHS_DISPI_IO_PORT, 0 } }, 3, 1, 1, 0, 0 }, /* DISPI 0x1CE-0x1D0 */
};

/* Without BAR2 the DISPI registers are the 0x1CE/0x1CF port pair. */
static VP_STATUS BochsMapDispiPorts(PBOCHS_DEVICE Dev)
{
	if (Dev->Common.Mmio)
		return NO_ERROR;
	Dev->DispiIo = MpMapPorts(&Dev->Common, BOCHS_DISPI_IO_PORT,
				  BOCHS_DISPI_IO_LEN);
	return Dev->DispiIo ? NO_ERROR : ERROR_NOT_ENOUGH_MEMORY;
}

static VOID BochsRelease(PMP_DEVICE Common)
{
	PBOCHS_DEVICE Dev = (PBOCHS_DEVICE)Common;

	if (Dev->DispiIo)
		VideoPortFreeDeviceBase(Dev, Dev->DispiIo);
	Dev->DispiIo = NULL;
}

/* Video memory as DISPI reports it, bounded by the BAR that exposes it. */
static ULONG BochsVramSize(PBOCHS_DEVICE Dev, ULONG BarLength)
{
	ULONG Size;
	UCHAR OldIrql = MpLock(&Dev->Common);

	Size = (ULONG)BochsDispiRead(Dev, DISPI_INDEX_VIDEO_MEMORY_64K) << 16;
	MpUnlock(&Dev->Common, OldIrql);
	/* IDs before 0xB0C5 may not implement the register. */
	if (Size == 0 || Size > BarLength)
		Size = BarLength;
	return Size;
}

/* Is a Bochs VBE interface answering?  Then size VRAM and set limits. */
static VP_STATUS BochsProbe(PMP_DEVICE Common, const VIDEO_ACCESS_RANGE *Fb,
			    MP_MODE_LIMITS *Limits)
{
	PBOCHS_DEVICE Dev = (PBOCHS_DEVICE)Common;
	VP_STATUS Status;
	UCHAR OldIrql;

	Status = BochsMapDispiPorts(Dev);
	if (Status != NO_ERROR)
		return Status;

	/* Writing the newest ID selects it; a Bochs VBE reads it back. */
	OldIrql = MpLock(Common);
	BochsDispiWrite(Dev, DISPI_INDEX_ID, DISPI_ID5);
	Dev->DispiId = BochsDispiRead(Dev, DISPI_INDEX_ID);
	MpUnlock(Common, OldIrql);
	if ((Dev->DispiId & 0xFFF0) != DISPI_ID0 || Dev->DispiId > DISPI_ID5) {
		VideoPortDebugPrint(Error, "vpbochs: DISPI ID %04x is not Bochs VBE\n",
				    Dev->DispiId);
		return ERROR_DEV_NOT_EXIST;
	}

	Common->FrameBufferPhys = Fb->RangeStart;
	Common->VramSize = BochsVramSize(Dev, Fb->RangeLength);
	Common->FrameBufferLength = Common->VramSize;
	Common->DacBits = 8;		/* DISPI_8BIT_DAC in every mode */
	/* No FrameBufferVirt: DISPI clears the frame for us. */

	Limits->UsableVram = Common->VramSize;
	Limits->MaxWidth = 0xFFFF;
	Limits->MaxHeight = 0xFFFF;
	Limits->MaxStride = 0xFFFFFFFF;
	Limits->MaxBitmapHeight = 0xFFFF;	/* VIRT_HEIGHT is 16 bits */
	return NO_ERROR;
}

static BOOLEAN NTAPI BochsInitialize(PVOID HwDeviceExtension)
{
	/* Start from VGA scan-out until the display driver picks a mode. */
	MpResetToVga(HwDeviceExtension);
	return TRUE;
}

/* Called by videoprt at bugcheck/shutdown time: hand the VGA back. */
static BOOLEAN NTAPI BochsResetHw(PVOID HwDeviceExtension, ULONG Columns,
				  ULONG Rows)
{
	PBOCHS_DEVICE Dev = HwDeviceExtension;

	(VOID)Columns;
	(VOID)Rows;
	/* No lock: this runs with the system stopped, possibly inside it. */
	BochsDispiWrite(Dev, DISPI_INDEX_ENABLE, 0);
	/* FALSE: let videoprt/the HAL set the text mode through the BIOS. */
	return FALSE;
}

static const MP_DRIVER_DESC BochsDriver = {
	.Name = "vpbochs",
	.VendorId = BOCHS_VENDOR_ID,
	.DeviceId = BOCHS_DEVICE_ID,
	.FbMinLength = 0x100000,	/* BAR0; BAR2 is exactly 4 KiB */
	.MmioLength = BOCHS_MMIO_SIZE,
	.MmioVgaOffset = BOCHS_MMIO_VGA,
	.Probe = BochsProbe,
	.Release = BochsRelease,
	.Ops = &BochsOps,
	.Depths = BochsDepths,
	.NumDepths = MP_ARRAY_SIZE(BochsDepths),
	.ChipType = L"Bochs VBE (QEMU standard VGA)",
	.DacType = L"VBE DAC, 8 bits per component",
	.AdapterString = L"QEMU Standard VGA",
	.Initialize = BochsInitialize,
	.ResetHw = BochsResetHw,
	.DeviceExtensionSize = sizeof(BOCHS_DEVICE),
	.LegacyRanges = BochsLegacyRanges,
	.LegacyRangeCount = MP_ARRAY_SIZE(BochsLegacyRanges),
};

ULONG NTAPI DriverEntry(PVOID Context1, PVOID Context2)
{
	return MpRegisterMiniport(Context1, Context2, &BochsDriver);
}
