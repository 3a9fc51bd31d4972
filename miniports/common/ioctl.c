// SPDX-License-Identifier: GPL-2.0
/*
 * HwStartIO for both drivers: the IOCTL_VIDEO_* contracts a display driver
 * relies on (METHOD_BUFFERED: input and output may share one buffer, so
 * every input is read before the output is written).  Every buffer length is
 * checked against what the request needs; a short buffer is
 * ERROR_INSUFFICIENT_BUFFER, a bad value ERROR_INVALID_PARAMETER, and
 * StatusBlock->Information is the number of output bytes written (0 on
 * failure).  The hardware-specific work goes through Dev->Ops.
 */
#include "miniport.h"

static VOID MpFillModeInfo(const PMP_DEVICE Dev, ULONG Index,
			   PVIDEO_MODE_INFORMATION Info)
{
	const MP_MODE *Mode = &Dev->Modes[Index];

	VideoPortZeroMemory(Info, sizeof(*Info));
	Info->Length = sizeof(*Info);
	Info->ModeIndex = Index;
	Info->VisScreenWidth = Mode->Width;
	Info->VisScreenHeight = Mode->Height;
	Info->ScreenStride = Mode->Stride;
	Info->NumberOfPlanes = 1;
	Info->BitsPerPlane = Mode->Bpp;
	Info->Frequency = Mode->Res->Refresh;
	/* A 15" 4:3 monitor, as the DDK samples assume. */
	Info->XMillimeter = 320;
	Info->YMillimeter = 240;
	Info->AttributeFlags = VIDEO_MODE_COLOR | VIDEO_MODE_GRAPHICS;
	Info->VideoMemoryBitmapWidth = Mode->Stride / ((Mode->Bpp + 7) / 8);
	Info->VideoMemoryBitmapHeight = Mode->BitmapHeight;

	switch (Mode->Bpp) {
	case 8:
		Info->NumberRedBits = Dev->DacBits;
		Info->NumberGreenBits = Dev->DacBits;
		Info->NumberBlueBits = Dev->DacBits;
		Info->AttributeFlags |= VIDEO_MODE_PALETTE_DRIVEN |
					VIDEO_MODE_MANAGED_PALETTE;
		break;
	case 16:
		Info->NumberRedBits = 5;
		Info->NumberGreenBits = 6;
		Info->NumberBlueBits = 5;
		Info->RedMask = 0xF800;
		Info->GreenMask = 0x07E0;
		Info->BlueMask = 0x001F;
		break;
	default:		/* 24 and 32: B, G, R in memory order */
		Info->NumberRedBits = 8;
		Info->NumberGreenBits = 8;
		Info->NumberBlueBits = 8;
		Info->RedMask = 0xFF0000;
		Info->GreenMask = 0x00FF00;
		Info->BlueMask = 0x0000FF;
		break;
	}
}

static VP_STATUS MpQueryNumModes(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_NUM_MODES Num = Rp->OutputBuffer;

	if (Rp->OutputBufferLength < sizeof(VIDEO_NUM_MODES))
		return ERROR_INSUFFICIENT_BUFFER;
	Num->NumModes = Dev->NumModes;
	Num->ModeInformationLength = sizeof(VIDEO_MODE_INFORMATION);
	Rp->StatusBlock->Information = sizeof(VIDEO_NUM_MODES);
	return NO_ERROR;
}

static VP_STATUS MpQueryAvailModes(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_MODE_INFORMATION Info = Rp->OutputBuffer;
	ULONG Need = Dev->NumModes * sizeof(VIDEO_MODE_INFORMATION);
	ULONG i;

	if (Rp->OutputBufferLength < Need)
		return ERROR_INSUFFICIENT_BUFFER;
	for (i = 0; i < Dev->NumModes; i++)
		MpFillModeInfo(Dev, i, &Info[i]);
	Rp->StatusBlock->Information = Need;
	return NO_ERROR;
}

static VP_STATUS MpQueryCurrentMode(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	if (Rp->OutputBufferLength < sizeof(VIDEO_MODE_INFORMATION))
		return ERROR_INSUFFICIENT_BUFFER;
	/* Nothing to describe before the first SET_CURRENT_MODE. */
	if (Dev->CurrentMode == MP_NO_MODE)
		return ERROR_INVALID_FUNCTION;
	MpFillModeInfo(Dev, Dev->CurrentMode, Rp->OutputBuffer);
	Rp->StatusBlock->Information = sizeof(VIDEO_MODE_INFORMATION);
	return NO_ERROR;
}

static VP_STATUS MpSetCurrentMode(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	ULONG Requested, Index;
	VP_STATUS Status;

	if (Rp->InputBufferLength < sizeof(VIDEO_MODE))
		return ERROR_INSUFFICIENT_BUFFER;
	Requested = ((PVIDEO_MODE)Rp->InputBuffer)->RequestedMode;
	/* Our modes are all linear; the flag only confirms what we do. */
	Index = Requested & ~(VIDEO_MODE_NO_ZERO_MEMORY |
			      VIDEO_MODE_MAP_MEM_LINEAR);
	if (Index >= Dev->NumModes)
		return ERROR_INVALID_PARAMETER;

	Status = Dev->Ops->SetMode(Dev, &Dev->Modes[Index],
				   (Requested & VIDEO_MODE_NO_ZERO_MEMORY) != 0);
	if (Status == NO_ERROR) {
		Dev->CurrentMode = Index;
		Dev->MonitorPower = VideoPowerOn;
	}
	return Status;
}

static VP_STATUS MpMapVideoMemory(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_MEMORY_INFORMATION Info = Rp->OutputBuffer;
	PVOID Requested;
	ULONG Length = Dev->FrameBufferLength;
	ULONG InIoSpace = VIDEO_MEMORY_SPACE_MEMORY | VIDEO_MEMORY_SPACE_P6CACHE;
	VP_STATUS Status;

	if (Rp->InputBufferLength < sizeof(VIDEO_MEMORY) ||
	    Rp->OutputBufferLength < sizeof(VIDEO_MEMORY_INFORMATION))
		return ERROR_INSUFFICIENT_BUFFER;
	Requested = ((PVIDEO_MEMORY)Rp->InputBuffer)->RequestedVirtualAddress;

	Status = VideoPortMapMemory(Dev, Dev->FrameBufferPhys, &Length,
				    &InIoSpace, &Requested);
	if (Status != NO_ERROR)
		return Status;

	Info->VideoRamBase = Requested;
	Info->VideoRamLength = Length;
	/* The visible frame starts at offset 0 in every mode. */
	Info->FrameBufferBase = Requested;
	if (Dev->CurrentMode != MP_NO_MODE) {
		const MP_MODE *Mode = &Dev->Modes[Dev->CurrentMode];

		Info->FrameBufferLength = Mode->Stride * Mode->Height;
	} else {
		Info->FrameBufferLength = Length;
	}
	Rp->StatusBlock->Information = sizeof(VIDEO_MEMORY_INFORMATION);
	return NO_ERROR;
}

static VP_STATUS MpUnmapVideoMemory(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	if (Rp->InputBufferLength < sizeof(VIDEO_MEMORY))
		return ERROR_INSUFFICIENT_BUFFER;
	return VideoPortUnmapMemory(Dev,
		((PVIDEO_MEMORY)Rp->InputBuffer)->RequestedVirtualAddress,
		NULL);
}

static VP_STATUS MpShareVideoMemory(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_SHARE_MEMORY Share = Rp->InputBuffer;
	PVIDEO_SHARE_MEMORY_INFORMATION Info = Rp->OutputBuffer;
	PHYSICAL_ADDRESS Phys;
	ULONG Offset, Size, InIoSpace;
	PVOID Virtual;
	VP_STATUS Status;

	if (Rp->InputBufferLength < sizeof(VIDEO_SHARE_MEMORY) ||
	    Rp->OutputBufferLength < sizeof(VIDEO_SHARE_MEMORY_INFORMATION))
		return ERROR_INSUFFICIENT_BUFFER;
	Offset = Share->ViewOffset;
	Size = Share->ViewSize;
	/* Written so that Offset + Size cannot wrap. */
	if (Offset > Dev->FrameBufferLength ||
	    Size > Dev->FrameBufferLength - Offset || Size == 0)
		return ERROR_INVALID_PARAMETER;

	/* The process handle goes in, the user address comes out. */
	Virtual = Share->ProcessHandle;
	Phys.QuadPart = Dev->FrameBufferPhys.QuadPart + Offset;
	InIoSpace = VIDEO_MEMORY_SPACE_USER_MODE | VIDEO_MEMORY_SPACE_P6CACHE;
	Status = VideoPortMapMemory(Dev, Phys, &Size, &InIoSpace, &Virtual);
	if (Status != NO_ERROR)
		return Status;

	Info->SharedViewOffset = Offset;
	Info->SharedViewSize = Size;
	Info->VirtualAddress = Virtual;
	Rp->StatusBlock->Information = sizeof(VIDEO_SHARE_MEMORY_INFORMATION);
	return NO_ERROR;
}

static VP_STATUS MpUnshareVideoMemory(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_SHARE_MEMORY Share = Rp->InputBuffer;

	if (Rp->InputBufferLength < sizeof(VIDEO_SHARE_MEMORY))
		return ERROR_INSUFFICIENT_BUFFER;
	return VideoPortUnmapMemory(Dev, Share->RequestedVirtualAddress,
				    Share->ProcessHandle);
}

static VP_STATUS MpSetColorRegisters(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_CLUT Clut = Rp->InputBuffer;
	ULONG Header = FIELD_OFFSET(VIDEO_CLUT, LookupTable);
	ULONG First, Count;
	UCHAR OldIrql;

	if (Rp->InputBufferLength < Header)
		return ERROR_INSUFFICIENT_BUFFER;
	First = Clut->FirstEntry;
	Count = Clut->NumEntries;
	if (Rp->InputBufferLength < Header + Count * sizeof(ULONG))
		return ERROR_INSUFFICIENT_BUFFER;
	if (Count == 0 || First >= 256 || Count > 256 - First)
		return ERROR_INVALID_PARAMETER;

	OldIrql = MpLock(Dev);
	VgaLoadDac(&Dev->Vga, First, Count,
		   &Clut->LookupTable[0].RgbArray.Red, Dev->DacBits);
	MpUnlock(Dev, OldIrql);
	return NO_ERROR;
}

VOID MpResetToVga(PMP_DEVICE Dev)
{
	Dev->Ops->Reset(Dev);
	Dev->CurrentMode = MP_NO_MODE;
}

static VP_STATUS MpQueryPointerCaps(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	VP_STATUS Status;

	if (Rp->OutputBufferLength < sizeof(VIDEO_POINTER_CAPABILITIES))
		return ERROR_INSUFFICIENT_BUFFER;
	Status = Dev->Ops->QueryPointerCaps(Dev, Rp->OutputBuffer);
	if (Status == NO_ERROR)
		Rp->StatusBlock->Information = sizeof(VIDEO_POINTER_CAPABILITIES);
	return Status;
}

static VP_STATUS MpSetPointerAttr(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	if (Rp->InputBufferLength < FIELD_OFFSET(VIDEO_POINTER_ATTRIBUTES, Pixels))
		return ERROR_INSUFFICIENT_BUFFER;
	return Dev->Ops->SetPointerAttr(Dev, Rp->InputBuffer,
					Rp->InputBufferLength);
}

static VP_STATUS MpSetPointerPosition(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_POINTER_POSITION Pos = Rp->InputBuffer;

	if (Rp->InputBufferLength < sizeof(VIDEO_POINTER_POSITION))
		return ERROR_INSUFFICIENT_BUFFER;
	return Dev->Ops->SetPointerPosition(Dev, Pos->Column, Pos->Row);
}

static VP_STATUS MpSetPowerIoctl(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_POWER_MANAGEMENT Pm = Rp->InputBuffer;

	if (Rp->InputBufferLength < sizeof(VIDEO_POWER_MANAGEMENT))
		return ERROR_INSUFFICIENT_BUFFER;
	return MpRequestMonitorPower(Dev, Pm->PowerState);
}

static VP_STATUS MpGetPowerIoctl(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	PVIDEO_POWER_MANAGEMENT Pm = Rp->OutputBuffer;

	if (Rp->OutputBufferLength < sizeof(VIDEO_POWER_MANAGEMENT))
		return ERROR_INSUFFICIENT_BUFFER;
	Pm->Length = sizeof(VIDEO_POWER_MANAGEMENT);
	Pm->DPMSVersion = 0;
	Pm->PowerState = Dev->MonitorPower;
	Rp->StatusBlock->Information = sizeof(VIDEO_POWER_MANAGEMENT);
	return NO_ERROR;
}

/* The pointer IOCTLs exist only when the hardware has a pointer. */
static VP_STATUS MpPointerIoctl(PMP_DEVICE Dev, PVIDEO_REQUEST_PACKET Rp)
{
	const MP_HW_OPS *Ops = Dev->Ops;

	if (!Ops->QueryPointerCaps)
		return ERROR_INVALID_FUNCTION;

	switch (Rp->IoControlCode) {
	case IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES:
		return MpQueryPointerCaps(Dev, Rp);
	case IOCTL_VIDEO_SET_POINTER_ATTR:
		return MpSetPointerAttr(Dev, Rp);
	case IOCTL_VIDEO_SET_POINTER_POSITION:
		return MpSetPointerPosition(Dev, Rp);
	case IOCTL_VIDEO_ENABLE_POINTER:
		return Ops->EnablePointer(Dev, TRUE);
	case IOCTL_VIDEO_DISABLE_POINTER:
		return Ops->EnablePointer(Dev, FALSE);
	default:
		return ERROR_INVALID_FUNCTION;
	}
}

BOOLEAN NTAPI MpStartIo(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET Rp)
{
	PMP_DEVICE Dev = HwDeviceExtension;
	VP_STATUS Status;

	Rp->StatusBlock->Information = 0;

	switch (Rp->IoControlCode) {
	case IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES:
		Status = MpQueryNumModes(Dev, Rp);
		break;
	case IOCTL_VIDEO_QUERY_AVAIL_MODES:
		Status = MpQueryAvailModes(Dev, Rp);
		break;
	case IOCTL_VIDEO_QUERY_CURRENT_MODE:
		Status = MpQueryCurrentMode(Dev, Rp);
		break;
	case IOCTL_VIDEO_SET_CURRENT_MODE:
		Status = MpSetCurrentMode(Dev, Rp);
		break;
	case IOCTL_VIDEO_MAP_VIDEO_MEMORY:
		Status = MpMapVideoMemory(Dev, Rp);
		break;
	case IOCTL_VIDEO_UNMAP_VIDEO_MEMORY:
		Status = MpUnmapVideoMemory(Dev, Rp);
		break;
	case IOCTL_VIDEO_SHARE_VIDEO_MEMORY:
		Status = MpShareVideoMemory(Dev, Rp);
		break;
	case IOCTL_VIDEO_UNSHARE_VIDEO_MEMORY:
		Status = MpUnshareVideoMemory(Dev, Rp);
		break;
	case IOCTL_VIDEO_RESET_DEVICE:
		MpResetToVga(Dev);
		Status = NO_ERROR;
		break;
	case IOCTL_VIDEO_SET_COLOR_REGISTERS:
		Status = MpSetColorRegisters(Dev, Rp);
		break;
	case IOCTL_VIDEO_SET_POWER_MANAGEMENT:
		Status = MpSetPowerIoctl(Dev, Rp);
		break;
	case IOCTL_VIDEO_GET_POWER_MANAGEMENT:
		Status = MpGetPowerIoctl(Dev, Rp);
		break;
	case IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES:
	case IOCTL_VIDEO_SET_POINTER_ATTR:
	case IOCTL_VIDEO_SET_POINTER_POSITION:
	case IOCTL_VIDEO_ENABLE_POINTER:
	case IOCTL_VIDEO_DISABLE_POINTER:
		Status = MpPointerIoctl(Dev, Rp);
		break;
	default:
		Status = ERROR_INVALID_FUNCTION;
		break;
	}

	if (Status != NO_ERROR)
		Rp->StatusBlock->Information = 0;
	Rp->StatusBlock->Status = Status;
	return TRUE;
}
