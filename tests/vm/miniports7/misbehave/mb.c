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
 *   MB_BUGCHECK  HwFindAdapter calls KeBugCheckEx (from a nested function,
 *                so that frames with saved registers are unwound)
 *   MB_BUGENTRY  DriverEntry calls KeBugCheckEx
 *   MB_BUGSYNC   HwFindAdapter's VideoPortSynchronizeExecution routine calls
 *                KeBugCheckEx; the driver then asks for a second routine,
 *                which must not run (a stopped driver is not entered again)
 *   MB_BUGIO     HwStartIO calls KeBugCheckEx on the private IOCTL 0x232000
 *                (function 0x800); the device must then be unbound
 *   MB_VERIFY    for the verifier (verify=1, tests/suites/64-vm-verifier.sh):
 *                HwFindAdapter leaks pool and a mapping, then twice breaks
 *                each rule: the DPC-level lock forms at PASSIVE_LEVEL, a
 *                sleeping export under a spin lock, a release of a lock not
 *                held, a double acquire (which without the verifier would
 *                deadlock), a release with the wrong NewIrql
 *   MB_VSAFE     the same without the two lock faults that need the
 *                verifier (run with verify=0: nothing may be reported)
 *   MB_CDECL     (x86 only) HwInitialize without NTAPI: a __cdecl callback
 *                that pops none of its argument, which the bridge must
 *                name once while the driver goes on working
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

#if defined(MB_BUGSYNC)
static BOOLEAN NTAPI BugSync(PVOID ctx)
{
	VideoPortDebugPrint(Error, "MB bugsync: calling KeBugCheckEx\n");
	KeBugCheckEx(0xea, 4, 5, 6, 7);
	VideoPortDebugPrint(Error, "MB bugsync: KeBugCheckEx returned\n");
	return TRUE;
}

static BOOLEAN NTAPI SecondSync(PVOID ctx)
{
	VideoPortDebugPrint(Error, "MB bugsync: the second routine ran\n");
	return TRUE;
}
#endif

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

#if defined(MB_VERIFY) || defined(MB_VSAFE)
static VP_STATUS NTAPI RegCallback(PVOID ext, PVOID ctx, PWSTR name, PVOID data, ULONG len)
{
	return NO_ERROR;
}

static void Violations(PVOID ext)
{
	static WCHAR name[] = L"MbValue";
	PSPIN_LOCK lk;
	UCHAR old, old2 = 0;

	(void)old2;

	if (VideoPortCreateSpinLock(ext, &lk) != NO_ERROR) {
		VideoPortDebugPrint(Error, "MB verify: no spin lock\n");
		return;
	}
	/* the DPC-level forms at PASSIVE_LEVEL */
	VideoPortAcquireSpinLockAtDpcLevel(ext, lk);
	VideoPortReleaseSpinLockFromDpcLevel(ext, lk);
	/* a sleeping export at DISPATCH_LEVEL */
	VideoPortAcquireSpinLock(ext, lk, &old);
	VideoPortGetRegistryParameters(ext, name, FALSE, RegCallback, NULL);
	VideoPortReleaseSpinLock(ext, lk, old);
#if defined(MB_VERIFY)
	/* release of a lock not held */
	VideoPortReleaseSpinLock(ext, lk, 0);
	/* double acquire on this CPU, and the two releases */
	VideoPortAcquireSpinLock(ext, lk, &old);
	VideoPortAcquireSpinLock(ext, lk, &old2);
	VideoPortReleaseSpinLock(ext, lk, old2);
	VideoPortReleaseSpinLock(ext, lk, old);
#endif
	/* NewIrql other than the OldIrql (last: without the verifier the IRQL stays 1) */
	VideoPortAcquireSpinLock(ext, lk, &old);
	VideoPortReleaseSpinLock(ext, lk, old + 1);
	VideoPortDeleteSpinLock(ext, lk);
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
#elif defined(MB_VERIFY) || defined(MB_VSAFE)
	{
		PHYSICAL_ADDRESS pa;
		ULONG len = 0x1000, io = 0;
		PVOID va = NULL;

		pa.QuadPart = 0xa0000;
		VideoPortAllocatePool(ext, VpNonPagedPool, 1000, 0x6b61654c);
		VideoPortMapMemory(ext, pa, &len, &io, &va);
		Violations(ext);
		Violations(ext);
		VideoPortDebugPrint(Error, "MB verify: done (mapping %s)\n", va ? "made" : "failed");
	}
#elif defined(MB_BUGSYNC)
	{
		BOOLEAN r1, r2;

		/* VpLowPriority: the routine runs at PASSIVE_LEVEL, unwindable */
		r1 = VideoPortSynchronizeExecution(ext, VpLowPriority, BugSync, ext);
		r2 = VideoPortSynchronizeExecution(ext, VpLowPriority, SecondSync, ext);
		VideoPortDebugPrint(Error, "MB bugsync: back in HwFindAdapter (%d, %d)\n", r1, r2);
		return ERROR_DEV_NOT_EXIST;
	}
#elif defined(MB_BUGCHECK)
	VideoPortDebugPrint(Error, "MB bugcheck: calling KeBugCheckEx\n");
	Deep(ext, 3);
	VideoPortDebugPrint(Error, "MB bugcheck: KeBugCheckEx returned\n");
#endif
	return NO_ERROR;
}

#if defined(MB_CDECL)
/* the prototype mistake: the DDK declares HwInitialize __stdcall */
static BOOLEAN __cdecl CdeclInitialize(PVOID ext)
{
	VideoPortDebugPrint(Error, "MB cdecl: HwInitialize ran\n");
	return TRUE;
}
#endif

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
#endif
	VideoPortZeroMemory(&hw, sizeof(hw));
	hw.HwInitDataSize = sizeof(hw);
	hw.AdapterInterfaceType = PCIBus;
	hw.HwFindAdapter = HwFindAdapter;
	hw.HwInitialize = HwInitialize;
#if defined(MB_CDECL)
	hw.HwInitialize = (PVIDEO_HW_INITIALIZE)(PVOID)CdeclInitialize;
#endif
	hw.HwStartIO = HwStartIO;
	hw.HwDeviceExtensionSize = 64;
	return VideoPortInitialize(Context1, Context2, &hw, &Token);
}
