/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every bundled miniport shares: the DDK headers (mingw-w64's copies),
 * the per-adapter state both drivers keep at the start of their device
 * extension, and the hooks through which the shared IOCTL, power and child
 * code reaches the driver's own hardware code.
 *
 * The drivers are ordinary XPDM miniports: everything they do goes through
 * videoprt.sys exports, they run at PASSIVE_LEVEL except inside their spin
 * lock, and they use no floating point.
 */
#ifndef VP_MINIPORT_H
#define VP_MINIPORT_H

#include <ntdef.h>
#include <devioctl.h>
#include <ddk/dderror.h>
#include <ddk/miniport.h>
#include <ntddvdeo.h>
#include <ddk/video.h>

#include "modes.h"
#include "vga_regs.h"

#define MP_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* CurrentMode when no mode has been set since start or reset. */
#define MP_NO_MODE 0xFFFFFFFFu

/* Unique ID of the one monitor child (any value but DISPLAY_ADAPTER_HW_ID). */
#define MP_MONITOR_UID 0x00000100u

/* Largest EDID we hand out: base block plus up to 7 extension blocks. */
#define MP_EDID_MAX 1024u

/*
 * The VGA block 0x3C0-0x3DF as a legacy resource (I/O, visible, shareable):
 * both adapters decode it besides their BARs, so each driver's
 * HwLegacyResourceList starts with this entry.
 */
#define MP_VGA_LEGACY_RANGE \
	{ { { VGA_PORT_FIRST, 0 } }, VGA_PORT_COUNT, 1, 1, 1, 0 }

struct _MP_DEVICE;

/*
 * The hardware-specific half of a driver.  Every hook runs at PASSIVE_LEVEL
 * and takes the device lock itself around register sequences.
 */
typedef struct _MP_HW_OPS {
	/* Program @Mode; the frame buffer is cleared unless @NoClear. */
	VP_STATUS (*SetMode)(struct _MP_DEVICE *Dev, const MP_MODE *Mode,
			     BOOLEAN NoClear);
	/* Leave the extended mode (IOCTL_VIDEO_RESET_DEVICE, shutdown). */
	VOID (*Reset)(struct _MP_DEVICE *Dev);
	/*
	 * Copy the monitor's EDID into @Buffer (up to @Length bytes); returns
	 * the number of bytes copied, 0 when the hardware offers none.
	 */
	ULONG (*ReadEdid)(struct _MP_DEVICE *Dev, PUCHAR Buffer, ULONG Length);
	/* Hardware pointer; all NULL when the adapter has none. */
	VP_STATUS (*QueryPointerCaps)(struct _MP_DEVICE *Dev,
				      PVIDEO_POINTER_CAPABILITIES Caps);
	VP_STATUS (*SetPointerAttr)(struct _MP_DEVICE *Dev,
				    PVIDEO_POINTER_ATTRIBUTES Attr,
				    ULONG Length);
	VP_STATUS (*SetPointerPosition)(struct _MP_DEVICE *Dev, SHORT Column,
					SHORT Row);
	VP_STATUS (*EnablePointer)(struct _MP_DEVICE *Dev, BOOLEAN Enable);
} MP_HW_OPS;

/*
 * Per-adapter state the shared code works on.  Each driver's device
 * extension starts with this structure.
 */
typedef struct _MP_DEVICE {
	const MP_HW_OPS *Ops;
	PSPIN_LOCK Lock;		/* serialises register sequences */
	PUCHAR Mmio;			/* register BAR mapping, or NULL */
	PUCHAR VgaIo;			/* port 0x3C0 mapping without one */
	VGA_REGS Vga;			/* 0x3C0-0x3DF, by I/O or MMIO */

	PHYSICAL_ADDRESS FrameBufferPhys; /* linear aperture, bus address */
	ULONG FrameBufferLength;	/* bytes of it we map for callers */
	PUCHAR FrameBufferVirt;		/* our own kernel mapping */
	ULONG VramSize;			/* detected video memory, bytes */

	MP_MODE Modes[MP_MAX_MODES];	/* what fits on this adapter */
	ULONG NumModes;
	ULONG CurrentMode;		/* index into Modes, or MP_NO_MODE */
	ULONG DacBits;			/* 6 or 8: palette component width */

	ULONG AdapterPower;		/* VIDEO_POWER_STATE of the adapter */
	ULONG MonitorPower;		/* VIDEO_POWER_STATE of the monitor */
} MP_DEVICE, *PMP_DEVICE;

/* Spin lock around multi-register sequences (raises to DISPATCH_LEVEL). */
UCHAR MpLock(PMP_DEVICE Dev);
VOID MpUnlock(PMP_DEVICE Dev, UCHAR OldIrql);

/*
 * Map @Count I/O ports from @First (VideoPortGetDeviceBase); NULL when that
 * fails.  Free with VideoPortFreeDeviceBase.
 */
PUCHAR MpMapPorts(PMP_DEVICE Dev, ULONG First, ULONG Count);

/* HwStartIO, shared by both drivers. */
BOOLEAN NTAPI MpStartIo(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET Rp);

/* PnP callbacks shared by both drivers. */
VP_STATUS NTAPI MpGetPowerState(PVOID HwDeviceExtension, ULONG HwId,
				PVIDEO_POWER_MANAGEMENT VideoPowerControl);
VP_STATUS NTAPI MpSetPowerState(PVOID HwDeviceExtension, ULONG HwId,
				PVIDEO_POWER_MANAGEMENT VideoPowerControl);
VP_STATUS NTAPI MpGetChildDescriptor(PVOID HwDeviceExtension,
				     PVIDEO_CHILD_ENUM_INFO ChildEnumInfo,
				     PVIDEO_CHILD_TYPE VideoChildType,
				     PUCHAR pChildDescriptor, PULONG UId,
				     PULONG pUnused);

/*
 * Monitor power, as videoprt or the display driver asks for it: On shows the
 * screen, StandBy, Suspend and Off blank it through the VGA attribute
 * controller; any other state is ERROR_INVALID_PARAMETER.
 */
VP_STATUS MpRequestMonitorPower(PMP_DEVICE Dev, ULONG State);

/*
 * Hand the adapter back to VGA scan-out (Ops->Reset) and forget the mode:
 * IOCTL_VIDEO_RESET_DEVICE, shutdown, and the driver's own HwInitialize.
 */
VOID MpResetToVga(PMP_DEVICE Dev);

/* HardwareInformation.* registry values, as the display applet shows them. */
VOID MpWriteHardwareInfo(PMP_DEVICE Dev, PCWSTR ChipType, PCWSTR DacType,
			 PCWSTR AdapterString);

/*
 * Everything a driver tells the shared code about itself.  It is passed to
 * VideoPortInitialize as HwContext, so HwFindAdapter gets it back.
 */
typedef struct _MP_DRIVER_DESC {
	PCSTR Name;			/* for debug messages: "vpbochs" */
	USHORT VendorId, DeviceId;	/* PCI IDs */
	ULONG FbMinLength;		/* smallest BAR taken for the aperture */
	ULONG MmioLength;		/* exact size of the register BAR */
	ULONG MmioVgaOffset;		/* where port 0x3C0 sits in it */

	/*
	 * Called with the registers mapped and the lock created: check the
	 * hardware answers, set VramSize, the FrameBuffer* fields and DacBits,
	 * fill @Limits.  Anything it maps beyond Dev's fields it frees in
	 * ->Release.
	 */
	VP_STATUS (*Probe)(PMP_DEVICE Dev, const VIDEO_ACCESS_RANGE *Fb,
			   MP_MODE_LIMITS *Limits);
	VOID (*Release)(PMP_DEVICE Dev);	/* optional */
	const MP_HW_OPS *Ops;
	const UCHAR *Depths;		/* scan-out depths, in list order */
	ULONG NumDepths;

	PCWSTR ChipType, DacType, AdapterString;	/* HardwareInformation */

	PVIDEO_HW_INITIALIZE Initialize;
	PVIDEO_HW_RESET_HW ResetHw;
	ULONG DeviceExtensionSize;
	PVIDEO_ACCESS_RANGE LegacyRanges;
	ULONG LegacyRangeCount;
} MP_DRIVER_DESC;

/* DriverEntry's body: VideoPortInitialize with the full init data. */
ULONG MpRegisterMiniport(PVOID Context1, PVOID Context2,
			 const MP_DRIVER_DESC *Desc);

/* The shared resolution table (VESA DMT timings), in list order. */
extern const MP_RESOLUTION MpResolutions[];
extern const ULONG MpNumResolutions;

#endif /* VP_MINIPORT_H */
