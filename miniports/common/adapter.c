// SPDX-License-Identifier: GPL-2.0
/*
 * What both drivers do the same way when videoprt hands them an adapter:
 * claim the PCI device's ranges, find the aperture and register BARs among
 * them, create the device lock, map the VGA registers; and DriverEntry's
 * VideoPortInitialize call with the full XP-era initialization data.
 */
#include "miniport.h"

/*
 * The driver's description.  One per image (each .sys links its own copy
 * of this file), set once in DriverEntry before any callback can run.  It
 * also goes to VideoPortInitialize as HwContext, which videoprt must hand
 * back to HwFindAdapter; we do not depend on that, but say when it fails.
 */
static const MP_DRIVER_DESC *MpDriver;

/*
 * The largest memory range within [MinLength, MaxLength].  The order of
 * the ranges follows the resource list Plug and Play hands videoprt, which
 * is not promised to be BAR order, so BARs are recognised by size.
 */
static PVIDEO_ACCESS_RANGE MpFindMemoryRange(PVIDEO_ACCESS_RANGE Ranges,
					     ULONG Count, ULONG MinLength,
					     ULONG MaxLength)
{
	PVIDEO_ACCESS_RANGE Best = NULL;
	ULONG i;

	for (i = 0; i < Count; i++) {
		PVIDEO_ACCESS_RANGE R = &Ranges[i];

		if (R->RangeInIoSpace || R->RangeLength == 0)
			continue;
		if (R->RangeLength < MinLength || R->RangeLength > MaxLength)
			continue;
		if (!Best || R->RangeLength > Best->RangeLength)
			Best = R;
	}
	return Best;
}

PUCHAR MpMapPorts(PMP_DEVICE Dev, ULONG First, ULONG Count)
{
	PHYSICAL_ADDRESS Port;

	Port.QuadPart = First;
	return VideoPortGetDeviceBase(Dev, Port, Count, VIDEO_MEMORY_SPACE_IO);
}

/* The register BAR if there is one, else the legacy VGA ports. */
static VP_STATUS MpMapVgaRegisters(PMP_DEVICE Dev, const MP_DRIVER_DESC *Desc,
				   PVIDEO_ACCESS_RANGE MmioRange)
{
	if (MmioRange) {
		Dev->Mmio = VideoPortGetDeviceBase(Dev, MmioRange->RangeStart,
						   Desc->MmioLength,
						   VIDEO_MEMORY_SPACE_MEMORY);
		if (!Dev->Mmio)
			return ERROR_NOT_ENOUGH_MEMORY;
		Dev->Vga.Base = Dev->Mmio + Desc->MmioVgaOffset;
		Dev->Vga.Mmio = TRUE;
		return NO_ERROR;
	}
	Dev->VgaIo = MpMapPorts(Dev, VGA_PORT_FIRST, VGA_PORT_COUNT);
	if (!Dev->VgaIo)
		return ERROR_NOT_ENOUGH_MEMORY;
	Dev->Vga.Base = Dev->VgaIo;
	Dev->Vga.Mmio = FALSE;
	return NO_ERROR;
}

static VOID MpReleaseAdapter(PMP_DEVICE Dev, const MP_DRIVER_DESC *Desc)
{
	if (Desc->Release)
		Desc->Release(Dev);
	if (Dev->FrameBufferVirt)
		VideoPortFreeDeviceBase(Dev, Dev->FrameBufferVirt);
	if (Dev->Mmio)
		VideoPortFreeDeviceBase(Dev, Dev->Mmio);
	if (Dev->VgaIo)
		VideoPortFreeDeviceBase(Dev, Dev->VgaIo);
	Dev->FrameBufferVirt = Dev->Mmio = Dev->VgaIo = NULL;
	if (Dev->Lock)
		VideoPortDeleteSpinLock(Dev, Dev->Lock);
	Dev->Lock = NULL;
}

/* Claim the PCI device's ranges and find the aperture among them. */
static VP_STATUS MpClaimRanges(PMP_DEVICE Dev, const MP_DRIVER_DESC *Desc,
			       PVIDEO_ACCESS_RANGE Fb,
			       PVIDEO_ACCESS_RANGE *Mmio,
			       PVIDEO_ACCESS_RANGE Ranges, ULONG Count)
{
	USHORT VendorId = Desc->VendorId, DeviceId = Desc->DeviceId;
	PVIDEO_ACCESS_RANGE Found;
	ULONG Slot = 0;
	VP_STATUS Status;

	VideoPortZeroMemory(Ranges, Count * sizeof(*Ranges));
	Status = VideoPortGetAccessRanges(Dev, 0, NULL, Count, Ranges,
					  &VendorId, &DeviceId, &Slot);
	if (Status != NO_ERROR) {
		VideoPortDebugPrint(Error, "%s: no access ranges (%lu)\n",
				    Desc->Name, Status);
		return ERROR_DEV_NOT_EXIST;
	}
	Found = MpFindMemoryRange(Ranges, Count, Desc->FbMinLength, 0xFFFFFFFF);
	if (!Found) {
		VideoPortDebugPrint(Error, "%s: no frame buffer BAR\n",
				    Desc->Name);
		return ERROR_DEV_NOT_EXIST;
	}
	*Fb = *Found;
	*Mmio = MpFindMemoryRange(Ranges, Count, Desc->MmioLength,
				  Desc->MmioLength);
	return NO_ERROR;
}

/* Mode list, and the "no mode set, powered on" state. */
static VP_STATUS MpStartAdapter(PMP_DEVICE Dev, const MP_DRIVER_DESC *Desc,
				const MP_MODE_LIMITS *Limits)
{
	Dev->Ops = Desc->Ops;
	Dev->CurrentMode = MP_NO_MODE;
	Dev->AdapterPower = VideoPowerOn;
	Dev->MonitorPower = VideoPowerOn;
	Dev->NumModes = MpBuildModes(MpResolutions, MpNumResolutions,
				     Desc->Depths, Desc->NumDepths, Limits,
				     Dev->Modes);
	if (Dev->NumModes == 0) {
		VideoPortDebugPrint(Error, "%s: %lu bytes of VRAM fit no mode\n",
				    Desc->Name, Dev->VramSize);
		return ERROR_DEV_NOT_EXIST;
	}
	return NO_ERROR;
}

static VOID MpFillConfigInfo(PVIDEO_PORT_CONFIG_INFO ConfigInfo)
{
	/* No V86 emulation of the VGA, and no state save for full screen. */
	ConfigInfo->NumEmulatorAccessEntries = 0;
	ConfigInfo->EmulatorAccessEntries = NULL;
	ConfigInfo->EmulatorAccessEntriesContext = 0;
	ConfigInfo->VdmPhysicalVideoMemoryAddress.QuadPart = 0xA0000;
	ConfigInfo->VdmPhysicalVideoMemoryLength = 0x20000;
	ConfigInfo->HardwareStateSize = 0;
}

/*
 * HwFindAdapter for both drivers: claim, map, let the driver probe, build
 * the modes, report.  On failure nothing stays mapped or allocated.
 */
static VP_STATUS NTAPI MpFindAdapter(PVOID HwDeviceExtension, PVOID HwContext,
				     PWSTR ArgumentString,
				     PVIDEO_PORT_CONFIG_INFO ConfigInfo,
				     PUCHAR Again)
{
	PMP_DEVICE Dev = HwDeviceExtension;
	const MP_DRIVER_DESC *Desc = MpDriver;
	VIDEO_ACCESS_RANGE Ranges[6], Fb;
	PVIDEO_ACCESS_RANGE Mmio;
	MP_MODE_LIMITS Limits;
	VP_STATUS Status;

	(VOID)ArgumentString;
	*Again = FALSE;		/* PnP: one adapter per call */
	if (HwContext != Desc)
		VideoPortDebugPrint(Warn, "%s: HwFindAdapter got HwContext %p, not the %p given to VideoPortInitialize\n",
				    Desc->Name, HwContext, Desc);
	if (ConfigInfo->Length < sizeof(VIDEO_PORT_CONFIG_INFO))
		return ERROR_INVALID_PARAMETER;

	Status = MpClaimRanges(Dev, Desc, &Fb, &Mmio, Ranges,
			       MP_ARRAY_SIZE(Ranges));
	if (Status != NO_ERROR)
		return Status;
	Status = VideoPortCreateSpinLock(Dev, &Dev->Lock);
	if (Status != NO_ERROR)
		return Status;
	Status = MpMapVgaRegisters(Dev, Desc, Mmio);
	if (Status == NO_ERROR)
		Status = Desc->Probe(Dev, &Fb, &Limits);
	if (Status == NO_ERROR)
		Status = MpStartAdapter(Dev, Desc, &Limits);
	if (Status != NO_ERROR) {
		MpReleaseAdapter(Dev, Desc);
		return Status;
	}

	MpFillConfigInfo(ConfigInfo);
	MpWriteHardwareInfo(Dev, Desc->ChipType, Desc->DacType,
			    Desc->AdapterString);
	VideoPortDebugPrint(Info, "%s: %s, %lu KiB VRAM, %lu modes\n",
			    Desc->Name, Dev->Mmio ? "MMIO" : "I/O ports",
			    Dev->VramSize >> 10, Dev->NumModes);
	return NO_ERROR;
}

ULONG MpRegisterMiniport(PVOID Context1, PVOID Context2,
			 const MP_DRIVER_DESC *Desc)
{
	VIDEO_HW_INITIALIZATION_DATA Init;

	MpDriver = Desc;
	VideoPortZeroMemory(&Init, sizeof(Init));
	Init.HwInitDataSize = sizeof(Init);
	Init.AdapterInterfaceType = PCIBus;
	Init.HwFindAdapter = MpFindAdapter;
	Init.HwInitialize = Desc->Initialize;
	Init.HwInterrupt = NULL;	/* neither device needs its interrupt */
	Init.HwStartIO = MpStartIo;
	Init.HwDeviceExtensionSize = Desc->DeviceExtensionSize;
	Init.HwResetHw = Desc->ResetHw;
	Init.HwSetPowerState = MpSetPowerState;
	Init.HwGetPowerState = MpGetPowerState;
	Init.HwGetVideoChildDescriptor = MpGetChildDescriptor;
	Init.HwLegacyResourceList = Desc->LegacyRanges;
	Init.HwLegacyResourceCount = Desc->LegacyRangeCount;

	/* HwFindAdapter gets Desc back as its HwContext. */
	return VideoPortInitialize(Context1, Context2, &Init, (PVOID)Desc);
}
