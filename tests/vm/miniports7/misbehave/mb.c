// SPDX-License-Identifier: GPL-2.0
/*
 * Misbehaving miniports for tests/suites/63-vm-misbehave.sh: one fault
 * each, chosen at build time (-DMB_<CASE>).  Each must end in the right
 * message and leave the kernel clean for the next driver.
 *
 *   MB_ENTRY     DriverEntry allocates pool, then fails without calling
 *                VideoPortInitialize
 *   MB_FIND      HwFindAdapter fails with ERROR_DEV_NOT_EXIST
 *   MB_LEAK      HwFindAdapter leaks VideoPort pool, executive pool and a
 *                common buffer, and succeeds; freed and reported at unload
 *   MB_IMPORT    imports ntoskrnl.exe!IoAllocateMdl, which vpwrap lacks
 *   MB_SEH       imports __C_specific_handler (structured exception handling)
 *   MB_BUGCHECK  HwFindAdapter calls KeBugCheckEx (from a nested function,
 *                so that frames with saved registers are unwound)
 *   MB_BUGENTRY  DriverEntry calls KeBugCheckEx
 *   MB_BUGIO     HwStartIO calls KeBugCheckEx on the private IOCTL 0x232000
 *                (function 0x800); the device must then be unbound
 */
#include <ntdef.h>
#include <devioctl.h>
#include <ddk/dderror.h>
#include <ddk/miniport.h>
#include <ntddvdeo.h>
#include <ddk/video.h>

PVOID NTAPI ExAllocatePoolWithTag(ULONG, SIZE_T, ULONG);
VOID NTAPI KeBugCheckEx(ULONG, ULONG_PTR, ULONG_PTR, ULONG_PTR, ULONG_PTR);
PVOID NTAPI IoAllocateMdl(PVOID, ULONG, BOOLEAN, BOOLEAN, PVOID);

static ULONG Token;

/* keeps the import alive: the loader must refuse the image before this runs */
volatile PVOID MbRef;

#if defined(MB_BUGCHECK)
/* a few real frames (saved nonvolatile registers, stack allocations) to unwind */
static __attribute__((noinline)) ULONG Deep(PVOID ext, ULONG n)
{
	volatile ULONG buf[64];
	ULONG i, sum = 0;

	for (i = 0; i < 64; i++)
		buf[i] = i * n;
	if (n)
		sum = Deep(ext, n - 1);
	else
		KeBugCheckEx(0xea, 1, 2, 3, (ULONG_PTR)ext);
	for (i = 0; i < 64; i++)
		sum += buf[i];
	return sum;
}
#endif

static VP_STATUS NTAPI HwFindAdapter(PVOID ext, PVOID ctx, PWSTR args,
				     PVIDEO_PORT_CONFIG_INFO ci, PUCHAR again)
{
	*again = FALSE;
	ci->BusInterruptLevel = 0;
	ci->BusInterruptVector = 0;
#if defined(MB_FIND)
	VideoPortDebugPrint(Error, "MB find: failing HwFindAdapter\n");
	return ERROR_DEV_NOT_EXIST;
#elif defined(MB_LEAK)
	{
		VP_DEVICE_DESCRIPTION d = { TRUE, TRUE, FALSE, 0 };
		PVP_DMA_ADAPTER da = VideoPortGetDmaAdapter(ext, &d);
		PHYSICAL_ADDRESS la;

		VideoPortAllocatePool(ext, VpNonPagedPool, 1000, 0x6b61654c);
		ExAllocatePoolWithTag(0, 2000, 0x6b61654c);
		if (da)
			VideoPortAllocateCommonBuffer(ext, da, 65536, &la, FALSE, NULL);
		VideoPortDebugPrint(Error, "MB leak: left 3000 bytes of pool and a common buffer\n");
	}
#elif defined(MB_BUGCHECK)
	VideoPortDebugPrint(Error, "MB bugcheck: calling KeBugCheckEx\n");
	Deep(ext, 3);
	VideoPortDebugPrint(Error, "MB bugcheck: KeBugCheckEx returned\n");
#endif
	return NO_ERROR;
}

static BOOLEAN NTAPI HwInitialize(PVOID ext)
{
	return TRUE;
}

static BOOLEAN NTAPI HwStartIO(PVOID ext, PVIDEO_REQUEST_PACKET rp)
{
#if defined(MB_BUGIO)
	if (rp->IoControlCode == 0x232000) {
		VideoPortDebugPrint(Error, "MB bugio: calling KeBugCheckEx\n");
		KeBugCheckEx(0x116, 9, 10, 11, 12);
		VideoPortDebugPrint(Error, "MB bugio: KeBugCheckEx returned\n");
	}
#endif
	rp->StatusBlock->Status = ERROR_INVALID_FUNCTION;
	return TRUE;
}

ULONG NTAPI DriverEntry(PVOID Context1, PVOID Context2)
{
	VIDEO_HW_INITIALIZATION_DATA hw;

#if defined(MB_ENTRY)
	VideoPortAllocatePool(NULL, VpNonPagedPool, 512, 0x6b61654c);
	VideoPortDebugPrint(Error, "MB entry: failing DriverEntry\n");
	return 0xC0000182;	/* STATUS_DEVICE_CONFIGURATION_ERROR */
#endif
#if defined(MB_BUGENTRY)
	VideoPortDebugPrint(Error, "MB bugentry: calling KeBugCheckEx\n");
	KeBugCheckEx(0x10e, 5, 6, 7, 8);
	VideoPortDebugPrint(Error, "MB bugentry: KeBugCheckEx returned\n");
#endif
#if defined(MB_IMPORT)
	MbRef = (PVOID)IoAllocateMdl;
#elif defined(MB_SEH)
	MbRef = (PVOID)__C_specific_handler;
#endif
	VideoPortZeroMemory(&hw, sizeof(hw));
	hw.HwInitDataSize = sizeof(hw);
	hw.AdapterInterfaceType = PCIBus;
	hw.HwFindAdapter = HwFindAdapter;
	hw.HwInitialize = HwInitialize;
	hw.HwStartIO = HwStartIO;
	hw.HwDeviceExtensionSize = 64;
	return VideoPortInitialize(Context1, Context2, &hw, &Token);
}
