// SPDX-License-Identifier: GPL-2.0
/*
 * vpmisbehave.sys: vpbochs with a HwStartIO that misbehaves on request.
 *
 * Control: IOCTL_MISBEHAVE_SET (input ULONG flags) through the root-only
 * debugfs file /sys/kernel/debug/vpwrap-videoport/<pci>/ioctl.  Its output
 * (8 bytes if the caller gives room) is the address of the InputBuffer the
 * miniport received, so a test can check it is a kernel address.
 *
 *   MB_FAIL_SETMODE  IOCTL_VIDEO_SET_CURRENT_MODE fails (ERROR_INVALID_PARAMETER)
 *   MB_BAD_LENGTH    every IOCTL_VIDEO_* reports success with Information =
 *                    OutputBufferLength + 4096 (more than the buffer holds)
 *   MB_FLOOD         every request prints 100 VideoPortDebugPrint lines
 *   MB_FAULT_SETMODE IOCTL_VIDEO_SET_CURRENT_MODE raises a fault in the
 *                    miniport's own code: a general-protection fault (a
 *                    non-canonical read) on x86_64, a page fault on i686
 *
 * IOCTL_MISBEHAVE_FLOOD (input ULONG n): n VideoPortDebugPrint lines now.
 * IOCTL_MISBEHAVE_LIE (no input): success with Information = out + 64.
 */
#include "miniport.h"

#define MB_CODE(f)	CTL_CODE(FILE_DEVICE_VIDEO, (f), METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_MISBEHAVE_SET	MB_CODE(0x900)	/* 0x232400 */
#define IOCTL_MISBEHAVE_FLOOD	MB_CODE(0x901)	/* 0x232404 */
#define IOCTL_MISBEHAVE_LIE	MB_CODE(0x902)	/* 0x232408 */

#define MB_FAIL_SETMODE	1
#define MB_BAD_LENGTH	2
#define MB_FLOOD	4
#define MB_FAULT_SETMODE 8

static ULONG Flags;
/*
 * The address MB_FAULT_SETMODE reads.  x86_64: a non-canonical one (#GP).
 * i686 has no such addresses: the first page, which nothing maps (#PF).
 * volatile: the compiler must not see through the bad address.
 */
#ifdef _WIN64
static volatile ULONG_PTR BadAddress = 0x8000000000000000ull;
#else
static volatile ULONG_PTR BadAddress = 0x10;
#endif

BOOLEAN NTAPI __real_MpStartIo(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET Rp);
BOOLEAN NTAPI __wrap_MpStartIo(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET Rp);

static VOID Flood(ULONG n)
{
	ULONG i;

	for (i = 0; i < n; i++)
		VideoPortDebugPrint(Error, "vpmisbehave: flood line %lu of %lu\n", i + 1, n);
}

BOOLEAN NTAPI __wrap_MpStartIo(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET Rp)
{
	PSTATUS_BLOCK Sb = Rp->StatusBlock;
	BOOLEAN Ret;

	switch (Rp->IoControlCode) {
	case IOCTL_MISBEHAVE_SET:
		if (Rp->InputBufferLength < sizeof(ULONG)) {
			Sb->Status = ERROR_INSUFFICIENT_BUFFER;
			return TRUE;
		}
		Flags = *(PULONG)Rp->InputBuffer;
		VideoPortDebugPrint(Error, "vpmisbehave: flags %lx, InputBuffer %p\n",
				    Flags, Rp->InputBuffer);
		Sb->Information = 0;
		if (Rp->OutputBufferLength >= sizeof(ULONG64)) {
			ULONG64 Addr = (ULONG64)(ULONG_PTR)Rp->InputBuffer;

			VideoPortMoveMemory(Rp->OutputBuffer, &Addr, sizeof(Addr));
			Sb->Information = sizeof(Addr);
		}
		Sb->Status = NO_ERROR;
		return TRUE;
	case IOCTL_MISBEHAVE_FLOOD:
		Flood(Rp->InputBufferLength >= sizeof(ULONG) ? *(PULONG)Rp->InputBuffer : 0);
		Sb->Information = 0;
		Sb->Status = NO_ERROR;
		return TRUE;
	case IOCTL_MISBEHAVE_LIE:
		Sb->Information = Rp->OutputBufferLength + 64;
		Sb->Status = NO_ERROR;
		return TRUE;
	}

	if (Flags & MB_FLOOD)
		Flood(100);
	if ((Flags & MB_FAULT_SETMODE) &&
	    Rp->IoControlCode == IOCTL_VIDEO_SET_CURRENT_MODE) {
		VideoPortDebugPrint(Error, "vpmisbehave: SET_CURRENT_MODE: faulting\n");
		Sb->Information = *(volatile ULONG *)BadAddress;
		VideoPortDebugPrint(Error, "vpmisbehave: survived the fault\n");
	}
	if ((Flags & MB_FAIL_SETMODE) &&
	    Rp->IoControlCode == IOCTL_VIDEO_SET_CURRENT_MODE) {
		Sb->Information = 0;
		Sb->Status = ERROR_INVALID_PARAMETER;
		return TRUE;
	}
	Ret = __real_MpStartIo(HwDeviceExtension, Rp);
	if ((Flags & MB_BAD_LENGTH) && Sb->Status == NO_ERROR)
		Sb->Information = Rp->OutputBufferLength + 4096;
	return Ret;
}
