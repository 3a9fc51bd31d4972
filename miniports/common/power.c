// SPDX-License-Identifier: GPL-2.0
/*
 * Power management for the adapter (HwId DISPLAY_ADAPTER_HW_ID) and its one
 * monitor child (MP_MONITOR_UID).  Neither emulated adapter has DPMS or
 * clock gating, so every monitor state other than On blanks the screen
 * through the VGA attribute controller, and the adapter only needs its mode
 * programmed again when it comes back to D0.
 */
#include "miniport.h"

static VOID MpShowScreen(PMP_DEVICE Dev, BOOLEAN On)
{
	UCHAR OldIrql = MpLock(Dev);

	VgaScreenOn(&Dev->Vga, On);
	MpUnlock(Dev, OldIrql);
}

static VOID MpSetMonitorPower(PMP_DEVICE Dev, ULONG PowerState)
{
	MpShowScreen(Dev, PowerState == VideoPowerOn);
	Dev->MonitorPower = PowerState;
}

static BOOLEAN MpMonitorStateValid(ULONG State)
{
	return State == VideoPowerOn || State == VideoPowerStandBy ||
	       State == VideoPowerSuspend || State == VideoPowerOff;
}

VP_STATUS MpRequestMonitorPower(PMP_DEVICE Dev, ULONG State)
{
	if (!MpMonitorStateValid(State))
		return ERROR_INVALID_PARAMETER;
	MpSetMonitorPower(Dev, State);
	return NO_ERROR;
}

static BOOLEAN MpAdapterStateValid(ULONG State)
{
	return State == VideoPowerOn || State == VideoPowerStandBy ||
	       State == VideoPowerSuspend || State == VideoPowerOff ||
	       State == VideoPowerHibernate || State == VideoPowerShutdown;
}

VP_STATUS NTAPI MpGetPowerState(PVOID HwDeviceExtension, ULONG HwId,
				PVIDEO_POWER_MANAGEMENT VideoPowerControl)
{
	ULONG State = VideoPowerControl->PowerState;

	(VOID)HwDeviceExtension;
	if (HwId == MP_MONITOR_UID)
		return MpMonitorStateValid(State) ? NO_ERROR :
						    ERROR_INVALID_FUNCTION;
	if (HwId == DISPLAY_ADAPTER_HW_ID)
		return MpAdapterStateValid(State) ? NO_ERROR :
						    ERROR_INVALID_FUNCTION;
	return ERROR_INVALID_PARAMETER;
}

static VP_STATUS MpSetAdapterPower(PMP_DEVICE Dev, ULONG State)
{
	VP_STATUS Status = NO_ERROR;

	if (State == VideoPowerOn && Dev->AdapterPower != VideoPowerOn &&
	    Dev->CurrentMode != MP_NO_MODE) {
		/* Back in D0: the registers may have lost the mode. */
		Status = Dev->Ops->SetMode(Dev, &Dev->Modes[Dev->CurrentMode],
					   TRUE);
		MpSetMonitorPower(Dev, Dev->MonitorPower);
	} else if (State == VideoPowerShutdown) {
		MpResetToVga(Dev);
	} else if (State != VideoPowerOn) {
		MpShowScreen(Dev, FALSE);
	}
	if (Status == NO_ERROR)
		Dev->AdapterPower = State;
	return Status;
}

VP_STATUS NTAPI MpSetPowerState(PVOID HwDeviceExtension, ULONG HwId,
				PVIDEO_POWER_MANAGEMENT VideoPowerControl)
{
	PMP_DEVICE Dev = HwDeviceExtension;
	ULONG State = VideoPowerControl->PowerState;

	if (HwId == MP_MONITOR_UID)
		return MpRequestMonitorPower(Dev, State);
	if (HwId == DISPLAY_ADAPTER_HW_ID) {
		if (!MpAdapterStateValid(State))
			return ERROR_INVALID_PARAMETER;
		return MpSetAdapterPower(Dev, State);
	}
	return ERROR_INVALID_PARAMETER;
}
