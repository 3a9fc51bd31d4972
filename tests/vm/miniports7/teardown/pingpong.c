// SPDX-License-Identifier: GPL-2.0
/*
 * pingpong.sys, for tests/suites/66-vm-contain.sh: a DPC that restarts the
 * timer while the adapter is torn down.
 *
 * HwTimer queues a DPC, the DPC starts the timer again: the usual ping-pong
 * of a driver that polls its hardware.  When the adapter is handed back
 * (IOCTL_VIDEO_RESET_DEVICE, the first step of vpwrap's teardown) the DPC
 * also queues itself again, each run a millisecond long, for about three
 * seconds: the teardown that follows meets a DPC that is always queued and
 * a timer that is always being restarted.  A teardown that stops the timer
 * before it has stopped DPCs from being queued leaves the timer armed on a
 * freed adapter, and the kernel crashes when it expires; one that first
 * refuses new DPCs and timer starts, then lets the queued DPC run out, then
 * stops the timer, ends cleanly.
 */
#include <ntdef.h>
#include <devioctl.h>
#include <ddk/dderror.h>
#include <ddk/miniport.h>
#include <ntddvdeo.h>
#include <ddk/video.h>

#define STORM_RUNS	3000	/* each run stalls 1 ms */

typedef struct {
	BOOLEAN Storm;
	ULONG Runs;
	ULONG Ticks;
} PP_EXT, *PPP_EXT;

static ULONG Token;

static VOID NTAPI Dpc(PVOID ext, PVOID ctx)
{
	PPP_EXT e = ext;

	VideoPortStartTimer(e);
	if (e->Storm && e->Runs < STORM_RUNS) {
		e->Runs++;
		VideoPortStallExecution(1000);
		VideoPortQueueDpc(e, Dpc, NULL);
	}
}

static VOID NTAPI HwTimer(PVOID ext)
{
	PPP_EXT e = ext;

	if (!e->Ticks++)
		VideoPortDebugPrint(Error, "PINGPONG timer and DPC running\n");
	VideoPortQueueDpc(e, Dpc, NULL);
}

static VP_STATUS NTAPI HwFindAdapter(PVOID ext, PVOID ctx, PWSTR args,
				     PVIDEO_PORT_CONFIG_INFO ci, PUCHAR again)
{
	*again = FALSE;
	ci->BusInterruptLevel = 0;
	ci->BusInterruptVector = 0;
	return NO_ERROR;
}

static BOOLEAN NTAPI HwInitialize(PVOID ext)
{
	VideoPortStartTimer(ext);
	return TRUE;
}

static BOOLEAN NTAPI HwStartIO(PVOID ext, PVIDEO_REQUEST_PACKET rp)
{
	PPP_EXT e = ext;

	rp->StatusBlock->Information = 0;
	if (rp->IoControlCode == IOCTL_VIDEO_RESET_DEVICE) {
		VideoPortDebugPrint(Error, "PINGPONG reset: DPC storm\n");
		e->Storm = TRUE;
		VideoPortQueueDpc(e, Dpc, NULL);
		rp->StatusBlock->Status = NO_ERROR;
		return TRUE;
	}
	rp->StatusBlock->Status = ERROR_INVALID_FUNCTION;
	return TRUE;
}

ULONG NTAPI DriverEntry(PVOID Context1, PVOID Context2)
{
	VIDEO_HW_INITIALIZATION_DATA hw;

	VideoPortZeroMemory(&hw, sizeof(hw));
	hw.HwInitDataSize = sizeof(hw);
	hw.AdapterInterfaceType = PCIBus;
	hw.HwFindAdapter = HwFindAdapter;
	hw.HwInitialize = HwInitialize;
	hw.HwStartIO = HwStartIO;
	hw.HwTimer = HwTimer;
	hw.HwDeviceExtensionSize = sizeof(PP_EXT);
	return VideoPortInitialize(Context1, Context2, &hw, &Token);
}
