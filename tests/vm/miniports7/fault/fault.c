// SPDX-License-Identifier: GPL-2.0
/*
 * Faulting miniports for tests/suites/66-vm-contain.sh: one CPU exception
 * each, raised by the driver's own code in one place, chosen at build time:
 *
 *   -DMF_AT_ENTRY   DriverEntry          -DMF_GP   non-canonical access (#GP;
 *                                                  x86: a selector past
 *                                                  the GDT's end)
 *   -DMF_AT_FIND    HwFindAdapter        -DMF_UD   ud2 (#UD)
 *   -DMF_AT_DEEP    HwFindAdapter, three -DMF_DE   divide by zero (#DE)
 *                   frames down          -DMF_PF   read of address 0x10 (#PF)
 *   -DMF_AT_INIT    HwInitialize         -DMF_JMP  call through a NULL pointer
 *   -DMF_AT_IO      HwStartIO, IOCTL 0x232000 (function 0x800)
 *   -DMF_AT_DPC     a DPC queued by HwInitialize
 *   -DMF_AT_TIMER   HwTimer, started by HwInitialize
 *   -DMF_AT_ISR     HwInterrupt, on QEMU's edu device (1234:11e8), whose
 *                   interrupt HwInitialize raises; the ISR faults before it
 *                   acknowledges it, so the line stays asserted
 *
 * Every fault must be contained: the call into the driver fails, the
 * driver is never entered again, no process is killed.  "MF ... survived"
 * lines are printed only if the driver's code went on after the fault.
 */
#include <ntdef.h>
#include <devioctl.h>
#include <ddk/dderror.h>
#include <ddk/miniport.h>
#include <ntddvdeo.h>
#include <ddk/video.h>

static ULONG Token;

typedef struct {
	PUCHAR Mmio;		/* edu registers (MF_AT_ISR) */
} MF_EXT, *PMF_EXT;

#define EDU_IRQ_STATUS	0x24
#define EDU_IRQ_RAISE	0x60
#define EDU_IRQ_ACK	0x64
/* volatile: the compiler must not see through the bad values */
static volatile ULONG_PTR BadAddress = 0x10;
#ifndef __i386__
static volatile ULONG_PTR NonCanonical = 0x8000000000000000ull;
#endif
static volatile ULONG Zero;
static VOID (*volatile NullFn)(VOID);

static __attribute__((noinline)) ULONG Fault(const char *where)
{
	ULONG v = 1;

	VideoPortDebugPrint(Error, "MF %s: faulting\n", where);
#if defined(MF_GP) && defined(__i386__)
	/* x86 has no non-canonical addresses; QEMU's TCG checks no segment limits */
	__asm__ volatile("movw %w0, %%es" : : "r"(0xfff8));
#elif defined(MF_GP)
	v = *(volatile ULONG *)NonCanonical;
#elif defined(MF_UD)
	__asm__ volatile("ud2");
#elif defined(MF_DE)
	{
		ULONG q, r;

		/* a real div: the compiler folds 1 / x into a compare */
		__asm__ volatile("divl %4" : "=a"(q), "=d"(r) : "a"(1), "d"(0), "r"(Zero));
		v = q + r;
	}
#elif defined(MF_PF)
	v = *(volatile ULONG *)BadAddress;
#elif defined(MF_JMP)
	NullFn();
#endif
	VideoPortDebugPrint(Error, "MF %s: survived the fault (%u)\n", where, v);
	return v;
}

#if defined(MF_AT_DEEP)
/* frames with saved registers and stack allocations to unwind */
static __attribute__((noinline)) ULONG Deep(ULONG n)
{
	volatile ULONG buf[64];
	ULONG i, sum = 0;

	for (i = 0; i < 64; i++)
		buf[i] = i * n;
	sum = n ? Deep(n - 1) : Fault("deep");
	for (i = 0; i < 64; i++)
		sum += buf[i];
	return sum;
}
#endif

#if defined(MF_AT_DPC)
static VOID NTAPI Dpc(PVOID ext, PVOID ctx)
{
	Fault("dpc");
}
#endif

#if defined(MF_AT_TIMER)
static VOID NTAPI HwTimer(PVOID ext)
{
	Fault("timer");
}
#endif

#if defined(MF_AT_ISR)
/* At DIRQL: a shared line's well-behaved check, then the fault. */
static BOOLEAN NTAPI HwInterrupt(PVOID ext)
{
	PMF_EXT e = ext;
	ULONG status = VideoPortReadRegisterUlong((PULONG)(e->Mmio + EDU_IRQ_STATUS));

	if (!status)
		return FALSE;
	Fault("isr");
	VideoPortWriteRegisterUlong((PULONG)(e->Mmio + EDU_IRQ_ACK), status);
	return TRUE;
}

/* edu: map the registers, acknowledge what a previous driver left raised */
static VP_STATUS EduFind(PMF_EXT e)
{
	VIDEO_ACCESS_RANGE r[4];
	ULONG slot, status;
	VP_STATUS st;

	st = VideoPortGetAccessRanges(e, 0, NULL, 4, r, NULL, NULL, &slot);
	if (st != NO_ERROR)
		return st;
	e->Mmio = VideoPortGetDeviceBase(e, r[0].RangeStart, 4096, FALSE);
	if (!e->Mmio)
		return ERROR_DEV_NOT_EXIST;
	status = VideoPortReadRegisterUlong((PULONG)(e->Mmio + EDU_IRQ_STATUS));
	if (status)
		VideoPortWriteRegisterUlong((PULONG)(e->Mmio + EDU_IRQ_ACK), status);
	return NO_ERROR;
}
#endif

static VP_STATUS NTAPI HwFindAdapter(PVOID ext, PVOID ctx, PWSTR args,
				     PVIDEO_PORT_CONFIG_INFO ci, PUCHAR again)
{
	*again = FALSE;
#if defined(MF_AT_ISR)
	/* the interrupt stays connected: its level and vector are left as found */
	return EduFind(ext);
#endif
	ci->BusInterruptLevel = 0;
	ci->BusInterruptVector = 0;
#if defined(MF_AT_FIND)
	Fault("find");
#elif defined(MF_AT_DEEP)
	Deep(3);
#endif
	return NO_ERROR;
}

static BOOLEAN NTAPI HwInitialize(PVOID ext)
{
#if defined(MF_AT_INIT)
	Fault("init");
#elif defined(MF_AT_DPC)
	VideoPortQueueDpc(ext, Dpc, NULL);
#elif defined(MF_AT_TIMER)
	VideoPortStartTimer(ext);
#elif defined(MF_AT_ISR)
	VideoPortWriteRegisterUlong((PULONG)(((PMF_EXT)ext)->Mmio + EDU_IRQ_RAISE), 1);
#endif
	return TRUE;
}

static BOOLEAN NTAPI HwStartIO(PVOID ext, PVIDEO_REQUEST_PACKET rp)
{
#if defined(MF_AT_IO)
	if (rp->IoControlCode == 0x232000)
		Fault("io");
#endif
	rp->StatusBlock->Status = ERROR_INVALID_FUNCTION;
	return TRUE;
}

ULONG NTAPI DriverEntry(PVOID Context1, PVOID Context2)
{
	VIDEO_HW_INITIALIZATION_DATA hw;

#if defined(MF_AT_ENTRY)
	Fault("entry");
#endif
	VideoPortZeroMemory(&hw, sizeof(hw));
	hw.HwInitDataSize = sizeof(hw);
	hw.AdapterInterfaceType = PCIBus;
	hw.HwFindAdapter = HwFindAdapter;
	hw.HwInitialize = HwInitialize;
	hw.HwStartIO = HwStartIO;
#if defined(MF_AT_TIMER)
	hw.HwTimer = HwTimer;
#elif defined(MF_AT_ISR)
	hw.HwInterrupt = HwInterrupt;
#endif
	hw.HwDeviceExtensionSize = sizeof(MF_EXT);
	return VideoPortInitialize(Context1, Context2, &hw, &Token);
}
