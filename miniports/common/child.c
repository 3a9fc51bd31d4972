// SPDX-License-Identifier: GPL-2.0
/*
 * Child enumeration: one monitor (ChildIndex 1), with the EDID the adapter
 * exposes when it has one.  Index 0 is the ACPI query, which we do not
 * take part in; anything past 1 ends enumeration.
 */
#include "miniport.h"

VP_STATUS NTAPI MpGetChildDescriptor(PVOID HwDeviceExtension,
				     PVIDEO_CHILD_ENUM_INFO ChildEnumInfo,
				     PVIDEO_CHILD_TYPE VideoChildType,
				     PUCHAR pChildDescriptor, PULONG UId,
				     PULONG pUnused)
{
	PMP_DEVICE Dev = HwDeviceExtension;
	ULONG Size;

	if (ChildEnumInfo->Size < sizeof(VIDEO_CHILD_ENUM_INFO))
		return VIDEO_ENUM_NO_MORE_DEVICES;

	switch (ChildEnumInfo->ChildIndex) {
	case 0:
		/* ACPI-enumerated children: we report none. */
		return VIDEO_ENUM_INVALID_DEVICE;
	case 1:
		*VideoChildType = Monitor;
		*UId = MP_MONITOR_UID;
		if (pUnused)
			*pUnused = 0;
		Size = ChildEnumInfo->ChildDescriptorSize;
		if (Size > MP_EDID_MAX)
			Size = MP_EDID_MAX;
		if (pChildDescriptor && Size && Dev->Ops->ReadEdid)
			Dev->Ops->ReadEdid(Dev, pChildDescriptor, Size);
		return VIDEO_ENUM_MORE_DEVICES;
	default:
		return VIDEO_ENUM_NO_MORE_DEVICES;
	}
}
