// SPDX-License-Identifier: GPL-2.0
/*
 * HardwareInformation.* values under the adapter's registry key: what the
 * Display control panel (and, here, vpwrap's sysfs view) shows about the
 * adapter.  Strings are REG_SZ in UTF-16 with their terminating NUL counted
 * in the length; MemorySize is a 32-bit value in bytes.
 */
#include "miniport.h"

static ULONG MpWideBytes(PCWSTR String)
{
	ULONG n = 0;

	while (String[n])
		n++;
	return (n + 1) * sizeof(WCHAR);
}

static VOID MpSetString(PMP_DEVICE Dev, PCWSTR Name, PCWSTR Value)
{
	VideoPortSetRegistryParameters(Dev, (PWSTR)Name, (PVOID)Value,
				       MpWideBytes(Value));
}

VOID MpWriteHardwareInfo(PMP_DEVICE Dev, PCWSTR ChipType, PCWSTR DacType,
			 PCWSTR AdapterString)
{
	ULONG MemorySize = Dev->VramSize;

	MpSetString(Dev, L"HardwareInformation.ChipType", ChipType);
	MpSetString(Dev, L"HardwareInformation.DacType", DacType);
	VideoPortSetRegistryParameters(Dev,
				       L"HardwareInformation.MemorySize",
				       &MemorySize, sizeof(MemorySize));
	MpSetString(Dev, L"HardwareInformation.AdapterString", AdapterString);
}
