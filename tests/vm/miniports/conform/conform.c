// SPDX-License-Identifier: GPL-2.0
/*
 * vpconform.sys: a Video Port conformance miniport.
 *
 * It binds to QEMU's std VGA (1234:1111), calls each Video Port export of
 * the core issue with the cases the DDK documents, and reports every check
 * through VideoPortDebugPrint as
 *
 *	CONFORMANCE PASS <name>
 *	CONFORMANCE FAIL <name>: <why>
 *
 * which tests/suites/60-vm-videoport.sh turns into PASS:/FAIL: lines.  The
 * private IOCTLs (conform.h) run the SMP counter test, the SSE workload and
 * the spin lock benchmark.
 *
 * Unlike the bundled miniports, this one is built with SSE enabled: it is
 * the deliberate XMM user of the FPU test.
 */
#include <ntdef.h>
#include <devioctl.h>
#include <ddk/dderror.h>
#include <ddk/miniport.h>
#include <ntddvdeo.h>
#include <ddk/video.h>
#include "conform.h"

#ifndef PASSIVE_LEVEL
#define PASSIVE_LEVEL	0
#define DISPATCH_LEVEL	2
#endif
#ifndef CmResourceTypePort
#define CmResourceTypePort	1
#define CmResourceTypeMemory	3
#define CmResourceShareShared	3
#endif
#ifndef WAIT_TIMEOUT
#define WAIT_TIMEOUT	258
#endif

/*
 * Executive spin locks, imported from ntoskrnl.exe (and hal.dll on x86,
 * whose headers turn KeAcquireSpinLock into the __fastcall Kf* calls).
 */
typedef ULONG_PTR KSPIN_LOCK;
/* imported as the headers declare them: calls through the import table */
#define KE_IMPORT	__declspec(dllimport)
#ifdef _WIN64
KE_IMPORT UCHAR NTAPI KeAcquireSpinLockRaiseToDpc(KSPIN_LOCK *);
KE_IMPORT VOID NTAPI KeReleaseSpinLock(KSPIN_LOCK *, UCHAR);
#define KeAcquireLock(l)	KeAcquireSpinLockRaiseToDpc(l)
#define KeReleaseLock(l, o)	KeReleaseSpinLock(l, o)
#else
KE_IMPORT UCHAR __attribute__((fastcall)) KfAcquireSpinLock(KSPIN_LOCK *);
KE_IMPORT VOID __attribute__((fastcall)) KfReleaseSpinLock(KSPIN_LOCK *, UCHAR);
#define KeAcquireLock(l)	KfAcquireSpinLock(l)
#define KeReleaseLock(l, o)	KfReleaseSpinLock(l, o)
#endif
KE_IMPORT VOID NTAPI KeAcquireSpinLockAtDpcLevel(KSPIN_LOCK *);
KE_IMPORT VOID NTAPI KeReleaseSpinLockFromDpcLevel(KSPIN_LOCK *);

#define DPC_BATCH	64
#define TIMER_BATCH	256
#define SYNC_EVERY	64

typedef struct _CONF_EXT {
	PSPIN_LOCK Lock;
	KSPIN_LOCK KeLock, KeOuterLock;	/* the lock benchmark's */
	PVOID Mmio;		/* BAR2 via GetDeviceBase */
	PEVENT TimerEvent;
	PEVENT DpcEvent;
	PEVENT DpcDone;
	PEVENT SleepEvent;	/* never signaled */
	PVOID HwContext;
	/* the counter test */
	volatile LONG Counter;
	volatile LONG Stop;
	volatile LONG Running;
	LONG StartIoCount, DpcCount, TimerCount, SyncCount;
	LONG DpcBadIrql, TimerBadIrql, SyncBadIrql;
	/* values seen by callbacks */
	volatile LONG TimerIrql, DpcIrql, DpcRan;
	LONG RegCalls, RegLen, RegIrql;
	ULONG RegValue;
	UCHAR SyncIrql;
	BOOLEAN SyncIf;
	UCHAR StartIoIrql;
	/* QEMU's edu device (1234:11e8): the interrupt checks */
	BOOLEAN IsEdu;
	PEVENT IrqEvent;
	volatile LONG IsrCount;
	volatile LONG IsrIrql, IsrIf, IsrDpcStatus;
} CONF_EXT, *PCONF_EXT;

#define EDU_ID		0x00
#define EDU_IRQ_STATUS	0x24
#define EDU_IRQ_RAISE	0x60
#define EDU_IRQ_ACK	0x64

static ULONG Failures;
static UNICODE_STRING *EntryRegistryPath;
static LONG HwContextToken;

#define REPORT(ok, name, fmt, ...)					\
	do {								\
		if (ok) {						\
			VideoPortDebugPrint(Error, "CONFORMANCE PASS %s\n", name); \
		} else {						\
			Failures++;					\
			VideoPortDebugPrint(Error, "CONFORMANCE FAIL %s: " fmt, name, \
					    ##__VA_ARGS__);		\
		}							\
	} while (0)

static BOOLEAN InterruptsOn(void)
{
	ULONG_PTR flags;

	__asm__ __volatile__("pushf; pop %0" : "=r"(flags));
	return (flags & 0x200) != 0;
}

/* A counter increment with a window between read and write. */
static void SlowIncrement(volatile LONG *p)
{
	LONG v = *p;
	volatile int i;

	for (i = 0; i < 20; i++)
		;
	*p = v + 1;
}

static BOOLEAN NTAPI SyncHigh(PVOID Context)
{
	PCONF_EXT e = Context;

	e->SyncIrql = VideoPortGetCurrentIrql();
	e->SyncIf = InterruptsOn();
	return TRUE;
}

static BOOLEAN NTAPI SyncIrqlOnly(PVOID Context)
{
	PCONF_EXT e = Context;

	e->SyncIrql = VideoPortGetCurrentIrql();
	return TRUE;
}

static BOOLEAN NTAPI SyncIncrement(PVOID Context)
{
	PCONF_EXT e = Context;

	if (VideoPortGetCurrentIrql() != DISPATCH_LEVEL)
		e->SyncBadIrql++;
	VideoPortAcquireSpinLockAtDpcLevel(e, e->Lock);
	SlowIncrement(&e->Counter);
	e->SyncCount++;
	VideoPortReleaseSpinLockFromDpcLevel(e, e->Lock);
	return TRUE;
}

static VOID NTAPI CounterDpc(PVOID HwDeviceExtension, PVOID Context)
{
	PCONF_EXT e = HwDeviceExtension;
	UCHAR old;
	int i;

	if (e->Stop) {
		e->Running = 0;
		VideoPortSetEvent(e, e->DpcDone);
		return;
	}
	for (i = 0; i < DPC_BATCH; i++) {
		VideoPortAcquireSpinLock(e, e->Lock, &old);
		if (old != DISPATCH_LEVEL || VideoPortGetCurrentIrql() != DISPATCH_LEVEL)
			e->DpcBadIrql++;
		SlowIncrement(&e->Counter);
		e->DpcCount++;
		VideoPortReleaseSpinLock(e, e->Lock, old);
	}
	if (!VideoPortQueueDpc(e, CounterDpc, Context)) {
		e->Running = 0;
		VideoPortSetEvent(e, e->DpcDone);
	}
}

static VOID NTAPI ProbeDpc(PVOID HwDeviceExtension, PVOID Context)
{
	PCONF_EXT e = HwDeviceExtension;

	e->DpcIrql = VideoPortGetCurrentIrql();
	e->DpcRan = (LONG)(ULONG_PTR)Context;
	VideoPortSetEvent(e, e->DpcEvent);
}

static VOID NTAPI HwTimer(PVOID HwDeviceExtension)
{
	PCONF_EXT e = HwDeviceExtension;
	UCHAR old;
	int i;

	e->TimerIrql = VideoPortGetCurrentIrql();
	if (e->Running) {
		for (i = 0; i < TIMER_BATCH; i++) {
			VideoPortAcquireSpinLock(e, e->Lock, &old);
			if (old != DISPATCH_LEVEL)
				e->TimerBadIrql++;
			SlowIncrement(&e->Counter);
			e->TimerCount++;
			VideoPortReleaseSpinLock(e, e->Lock, old);
		}
	}
	VideoPortSetEvent(e, e->TimerEvent);
}

static VP_STATUS NTAPI RegCallback(PVOID HwDeviceExtension, PVOID Context,
				   PWSTR ValueName, PVOID ValueData, ULONG ValueLength)
{
	PCONF_EXT e = HwDeviceExtension;

	e->RegCalls++;
	e->RegLen = ValueLength;
	e->RegIrql = VideoPortGetCurrentIrql();
	if (ValueData && ValueLength == sizeof(ULONG))
		e->RegValue = *(PULONG)ValueData;
	return Context == e ? NO_ERROR : ERROR_INVALID_PARAMETER;
}

/*
 * Bad input: a lock object that is NULL, not one VideoPortCreateSpinLock
 * handed out, a user-space or (x64) non-canonical address is refused, not
 * taken; a NULL OldIrql takes the lock and writes nothing.
 */
static void CheckBadSpinLocks(PCONF_EXT e, PSPIN_LOCK good)
{
	ULONG junk[8] = { 0 };
	PSPIN_LOCK bad[] = {
		NULL, (PSPIN_LOCK)junk, (PSPIN_LOCK)(ULONG_PTR)0x1000,
#ifdef _WIN64
		(PSPIN_LOCK)(ULONG_PTR)0x8000000000000000ull,
#endif
	};
	ULONG i, wrong = 0;
	UCHAR old, held;
	BOOLEAN ifheld;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		old = 0xee;
		VideoPortAcquireSpinLock(e, bad[i], &old);
		held = VideoPortGetCurrentIrql();
		ifheld = InterruptsOn();
		VideoPortReleaseSpinLock(e, bad[i], PASSIVE_LEVEL);
		if (old != 0xee || held != PASSIVE_LEVEL || !ifheld ||
		    VideoPortGetCurrentIrql() != PASSIVE_LEVEL || !InterruptsOn())
			wrong |= 1u << i;
	}
	REPORT(!wrong, "spinlock_bad_lock_refused", "taken or IRQL changed for bad locks %lx\n",
	       (unsigned long)wrong);

	VideoPortAcquireSpinLock(e, good, NULL);
	held = VideoPortGetCurrentIrql();
	ifheld = InterruptsOn();
	VideoPortReleaseSpinLock(e, good, PASSIVE_LEVEL);
	REPORT(held == DISPATCH_LEVEL && !ifheld && VideoPortGetCurrentIrql() == PASSIVE_LEVEL &&
	       InterruptsOn(), "spinlock_null_old_irql", "IRQL %u, interrupts %s while held\n",
	       held, ifheld ? "on" : "off");
}

/* The seed contract: OldIrql, DISPATCH_LEVEL and interrupts off while held, NewIrql after. */
static void CheckSpinLocks(PCONF_EXT e)
{
	PSPIN_LOCK a = NULL, b = NULL;
	UCHAR old = 0xee, old2 = 0xee, held, held2, after;
	BOOLEAN ifheld, ifafter;
	PVOID p;

	REPORT(VideoPortCreateSpinLock(e, &a) == NO_ERROR && a, "spinlock_create", "status\n");
	REPORT(VideoPortCreateSpinLock(e, &b) == NO_ERROR && b && b != a,
	       "spinlock_create_second", "status\n");
	if (!a || !b)
		return;

	VideoPortAcquireSpinLock(e, a, &old);
	held = VideoPortGetCurrentIrql();
	ifheld = InterruptsOn();
	VideoPortReleaseSpinLock(e, a, old);
	after = VideoPortGetCurrentIrql();
	ifafter = InterruptsOn();
	REPORT(old == PASSIVE_LEVEL, "spinlock_old_irql", "OldIrql %u, expected 0\n", old);
	REPORT(held == DISPATCH_LEVEL, "spinlock_irql_held", "IRQL %u while held\n", held);
	REPORT(!ifheld, "spinlock_interrupts_off", "interrupts on while held\n");
	REPORT(after == PASSIVE_LEVEL, "spinlock_new_irql", "IRQL %u after release\n", after);
	REPORT(ifafter, "spinlock_interrupts_restored", "interrupts off after release\n");

	/* nested: the inner acquire sees DISPATCH_LEVEL as its old IRQL */
	VideoPortAcquireSpinLock(e, a, &old);
	VideoPortAcquireSpinLock(e, b, &old2);
	held2 = VideoPortGetCurrentIrql();
	VideoPortReleaseSpinLock(e, b, old2);
	held = VideoPortGetCurrentIrql();
	ifheld = InterruptsOn();
	VideoPortReleaseSpinLock(e, a, old);
	after = VideoPortGetCurrentIrql();
	REPORT(old == PASSIVE_LEVEL && old2 == DISPATCH_LEVEL && held2 == DISPATCH_LEVEL,
	       "spinlock_nested", "old %u old2 %u held %u\n", old, old2, held2);
	REPORT(held == DISPATCH_LEVEL && !ifheld, "spinlock_nested_inner_release",
	       "IRQL %u, interrupts %s after inner release\n", held, ifheld ? "on" : "off");
	REPORT(after == PASSIVE_LEVEL && InterruptsOn(), "spinlock_nested_outer_release",
	       "IRQL %u after outer release\n", after);

	/* AtDpcLevel forms: no IRQL change */
	VideoPortAcquireSpinLock(e, a, &old);
	VideoPortAcquireSpinLockAtDpcLevel(e, b);
	held = VideoPortGetCurrentIrql();
	VideoPortReleaseSpinLockFromDpcLevel(e, b);
	held2 = VideoPortGetCurrentIrql();
	VideoPortReleaseSpinLock(e, a, old);
	REPORT(held == DISPATCH_LEVEL && held2 == DISPATCH_LEVEL, "spinlock_at_dpc_level",
	       "IRQL %u / %u\n", held, held2);

	/* non-paged pool is allowed at DISPATCH_LEVEL */
	VideoPortAcquireSpinLock(e, a, &old);
	p = VideoPortAllocatePool(e, VpNonPagedPool, 64, 0x666e6f43);
	VideoPortReleaseSpinLock(e, a, old);
	REPORT(p != NULL, "pool_at_dispatch", "AllocatePool failed at DISPATCH_LEVEL\n");
	if (p)
		VideoPortFreePool(e, p);

	CheckBadSpinLocks(e, a);

	REPORT(VideoPortCreateSpinLock(e, NULL) != NO_ERROR, "spinlock_create_null",
	       "accepted a NULL out pointer\n");
	REPORT(VideoPortDeleteSpinLock(e, b) == NO_ERROR, "spinlock_delete", "status\n");
	e->Lock = a;
}

/*
 * KSPIN_LOCK: KeAcquireSpinLock (x64: KeAcquireSpinLockRaiseToDpc, x86:
 * KfAcquireSpinLock) returns the old IRQL and holds DISPATCH_LEVEL with
 * interrupts on, KeReleaseSpinLock lowers to NewIrql; the AtDpcLevel forms
 * change no IRQL; a lock word that cannot be one (NULL, user, misaligned,
 * unmapped) is refused, nothing changed.
 */
static void CheckKeSpinLocks(void)
{
	KSPIN_LOCK a = 0, b = 0;
	ULONG junk[4] = { 0 };
	KSPIN_LOCK *bad[] = {
		NULL, (KSPIN_LOCK *)((PUCHAR)junk + 1), (KSPIN_LOCK *)(ULONG_PTR)0x1000,
#ifdef _WIN64
		(KSPIN_LOCK *)(ULONG_PTR)0x8000000000000000ull,
#endif
	};
	UCHAR old, old2, held, held2, after;
	BOOLEAN ifheld;
	ULONG i, wrong = 0;

	old = KeAcquireLock(&a);
	held = VideoPortGetCurrentIrql();
	ifheld = InterruptsOn();
	KeReleaseLock(&a, old);
	after = VideoPortGetCurrentIrql();
	REPORT(old == PASSIVE_LEVEL, "ke_spinlock_old_irql", "OldIrql %u, expected 0\n", old);
	REPORT(held == DISPATCH_LEVEL && ifheld, "ke_spinlock_irql_held",
	       "IRQL %u, interrupts %s while held\n", held, ifheld ? "on" : "off");
	REPORT(after == PASSIVE_LEVEL && a == 0, "ke_spinlock_new_irql",
	       "IRQL %u after release, lock word %lx\n", after, (unsigned long)a);

	/* nested: the inner acquire returns DISPATCH_LEVEL, its release stays there */
	old = KeAcquireLock(&a);
	old2 = KeAcquireLock(&b);
	KeReleaseLock(&b, old2);
	held = VideoPortGetCurrentIrql();
	KeReleaseLock(&a, old);
	REPORT(old == PASSIVE_LEVEL && old2 == DISPATCH_LEVEL && held == DISPATCH_LEVEL &&
	       VideoPortGetCurrentIrql() == PASSIVE_LEVEL, "ke_spinlock_nested",
	       "old %u old2 %u, %u after the inner release\n", old, old2, held);

	/* AtDpcLevel forms: the word taken and freed, no IRQL change */
	old = KeAcquireLock(&a);
	KeAcquireSpinLockAtDpcLevel(&b);
	held = VideoPortGetCurrentIrql();
	held2 = b != 0;
	KeReleaseSpinLockFromDpcLevel(&b);
	after = VideoPortGetCurrentIrql();
	KeReleaseLock(&a, old);
	REPORT(held == DISPATCH_LEVEL && held2 && b == 0 && after == DISPATCH_LEVEL &&
	       VideoPortGetCurrentIrql() == PASSIVE_LEVEL, "ke_spinlock_at_dpc_level",
	       "IRQL %u / %u, taken %u, word after %lx\n", held, after, held2, (unsigned long)b);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		old = KeAcquireLock(bad[i]);
		held = VideoPortGetCurrentIrql();
		KeReleaseLock(bad[i], PASSIVE_LEVEL);
		if (old != PASSIVE_LEVEL || held != PASSIVE_LEVEL)
			wrong |= 1u << i;
		old = KeAcquireLock(&a);
		KeAcquireSpinLockAtDpcLevel(bad[i]);
		KeReleaseSpinLockFromDpcLevel(bad[i]);
		held = VideoPortGetCurrentIrql();
		KeReleaseLock(&a, old);
		if (held != DISPATCH_LEVEL || VideoPortGetCurrentIrql() != PASSIVE_LEVEL ||
		    !InterruptsOn())
			wrong |= 0x100u << i;
	}
	REPORT(!wrong && junk[0] == 0 && junk[1] == 0, "ke_spinlock_bad_lock_refused",
	       "taken or IRQL changed for bad lock words %lx\n", (unsigned long)wrong);
}

static void CheckMemory(PCONF_EXT e)
{
	UCHAR buf[32], buf2[32];
	PUCHAR p, q;
	LONG v = 5;
	ULONG i;

	p = VideoPortAllocatePool(e, VpPagedPool, 1000, 0x666e6f43);
	q = VideoPortAllocatePool(e, VpNonPagedPool, 1 << 20, 0x666e6f43);
	REPORT(p && !((ULONG_PTR)p & 15), "pool_alloc_aligned", "%p\n", p);
	REPORT(q != NULL, "pool_alloc_1mib", "NULL\n");
	if (p) {
		for (i = 0; i < 1000; i++)
			p[i] = (UCHAR)i;
		VideoPortFreePool(e, p);
	}
	if (q)
		VideoPortFreePool(e, q);

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (UCHAR)(i + 1);
	VideoPortZeroMemory(buf, 8);
	REPORT(buf[0] == 0 && buf[7] == 0 && buf[8] == 9, "zero_memory", "%u %u %u\n",
	       buf[0], buf[7], buf[8]);
	VideoPortMoveMemory(buf + 1, buf + 8, 8);	/* forward, no overlap */
	VideoPortMoveMemory(buf + 10, buf + 8, 16);	/* overlapping, upwards */
	/* buf[8] became 16 in the first move */
	REPORT(buf[1] == 9 && buf[10] == 16 && buf[11] == 10 && buf[25] == 24, "move_memory_overlap",
	       "%u %u %u\n", buf[1], buf[10], buf[25]);
	VideoPortMoveMemory(buf2, buf, sizeof(buf));
	buf2[20] ^= 0xff;
	REPORT(VideoPortCompareMemory(buf, buf2, sizeof(buf)) == 20, "compare_memory",
	       "%Iu\n", VideoPortCompareMemory(buf, buf2, sizeof(buf)));

	REPORT(VideoPortInterlockedIncrement(&v) == 6 && v == 6, "interlocked_increment", "%ld\n", v);
	REPORT(VideoPortInterlockedDecrement(&v) == 5 && v == 5, "interlocked_decrement", "%ld\n", v);
	REPORT(VideoPortInterlockedExchange(&v, 42) == 5 && v == 42, "interlocked_exchange",
	       "%ld\n", v);
}

static void CheckPrint(void)
{
	static WCHAR wz[] = L"counted";
	UNICODE_STRING us = { sizeof(wz) - 2, sizeof(wz), wz };

	/* the suite compares this line with the expected text */
	VideoPortDebugPrint(Error, "FORMAT ws=%ws S=%S wZ=%wZ I64x=%I64x d=%d u=%u x=%08x X=%X s=%s c=%c ld=%ld hd=%hd s5=%.5s pad=[%-4d] end\n",
			    L"wide", L"wideS", &us, 0x123456789abcdefULL, -5, 3000000000u,
			    0xbeef, 0xabcU, "narrow", 'Q', -7L, (short)-2, "truncated", 3);
}

static void CheckConfig(PCONF_EXT e, PVIDEO_PORT_CONFIG_INFO ci)
{
	PVOID fn;
	WCHAR *path;
	ULONG n = 0;

	REPORT(ci->Length == sizeof(VIDEO_PORT_CONFIG_INFO), "config_length", "%lu\n", ci->Length);
	REPORT(ci->AdapterInterfaceType == PCIBus, "config_pci_bus", "%d\n",
	       (int)ci->AdapterInterfaceType);
	REPORT(ci->SystemMemorySize > (16ULL << 20), "config_system_memory", "%I64u\n",
	       ci->SystemMemorySize);
	REPORT(e->HwContext == &HwContextToken, "find_adapter_hw_context", "%p\n", e->HwContext);
	path = ci->DriverRegistryPath;
	while (path && path[n])
		n++;
	REPORT(n > 9 && path[n - 1] == L'm', "config_registry_path", "%ws\n", path);
	REPORT(EntryRegistryPath && EntryRegistryPath->Length > 18 &&
	       EntryRegistryPath->Buffer[EntryRegistryPath->Length / 2 - 1] == L'm',
	       "driver_entry_registry_path", "%wZ\n", EntryRegistryPath);
	fn = ci->VideoPortGetProcAddress ?
	     ci->VideoPortGetProcAddress(e, (PUCHAR)"VideoPortGetCurrentIrql") : NULL;
	REPORT(fn != NULL && fn == (PVOID)VideoPortGetCurrentIrql, "get_proc_address",
	       "%p\n", fn);
	fn = ci->VideoPortGetProcAddress ?
	     ci->VideoPortGetProcAddress(e, (PUCHAR)"NoSuchExport") : (PVOID)1;
	REPORT(fn == NULL, "get_proc_address_missing", "%p\n", fn);
}

static void CheckResources(PCONF_EXT e)
{
	VIDEO_ACCESS_RANGE r[8];
	USHORT vendor = 0x1234, device = 0x1111, wrong = 0x1235;
	ULONG slot = 0xffffffff, len, space, cfg = 0, i;
	UCHAR rom[2] = { 0, 0 }, cfgb[4];
	PVOID ports, fb = NULL, fb2;
	PUCHAR romp;
	USHORT id;
	VP_STATUS st;

	st = VideoPortGetAccessRanges(e, 0, NULL, 0, r, &vendor, &device, &slot);
	REPORT(st == ERROR_MORE_DATA, "access_ranges_more_data", "status %lu\n", st);
	st = VideoPortGetAccessRanges(e, 0, NULL, 8, r, &wrong, &device, &slot);
	REPORT(st == ERROR_DEV_NOT_EXIST, "access_ranges_wrong_device", "status %lu\n", st);
	VideoPortZeroMemory(r, sizeof(r));
	st = VideoPortGetAccessRanges(e, 0, NULL, 8, r, &vendor, &device, &slot);
	REPORT(st == NO_ERROR && !r[0].RangeInIoSpace && r[0].RangeLength >= (16u << 20) &&
	       !r[1].RangeInIoSpace && r[1].RangeLength == 4096,
	       "access_ranges_bars", "status %lu, %I64x+%lx, %I64x+%lx\n", st,
	       r[0].RangeStart.QuadPart, r[0].RangeLength, r[1].RangeStart.QuadPart,
	       r[1].RangeLength);
	REPORT(slot < 256, "access_ranges_slot", "%lu\n", slot);
	/* legacy VGA ranges, when the miniport asks for them */
	{
		IO_RESOURCE_DESCRIPTOR req[2];
		VIDEO_ACCESS_RANGE lr[8];

		VideoPortZeroMemory(req, sizeof(req));
		req[0].Type = CmResourceTypePort;
		req[0].u.Port.Length = 0x20;
		req[0].u.Port.MinimumAddress.QuadPart = 0x3c0;
		req[0].ShareDisposition = CmResourceShareShared;
		req[1].Type = CmResourceTypeMemory;
		req[1].u.Memory.Length = 0x20000;
		req[1].u.Memory.MinimumAddress.QuadPart = 0xa0000;
		req[1].ShareDisposition = CmResourceShareShared;
		VideoPortZeroMemory(lr, sizeof(lr));
		st = VideoPortGetAccessRanges(e, 2, req, 8, lr, &vendor, &device, &slot);
		REPORT(st == NO_ERROR && lr[2].RangeInIoSpace && lr[2].RangeStart.QuadPart == 0x3c0 &&
		       lr[2].RangeLength == 0x20 && !lr[3].RangeInIoSpace &&
		       lr[3].RangeStart.QuadPart == 0xa0000 && lr[3].RangeLength == 0x20000,
		       "access_ranges_legacy_vga", "status %lu, %I64x+%lx io %d, %I64x+%lx\n", st,
		       lr[2].RangeStart.QuadPart, lr[2].RangeLength, lr[2].RangeInIoSpace,
		       lr[3].RangeStart.QuadPart, lr[3].RangeLength);
		st = VideoPortVerifyAccessRanges(e, 4, lr);
		REPORT(st == NO_ERROR, "verify_access_ranges_legacy_vga", "status %lu\n", st);
		/* a port range the kernel owns (the keyboard controller) is refused */
		lr[4].RangeStart.QuadPart = 0x60;
		lr[4].RangeLength = 1;
		lr[4].RangeInIoSpace = TRUE;
		lr[4].RangeShareable = FALSE;
		st = VideoPortVerifyAccessRanges(e, 5, lr);
		REPORT(st == ERROR_INVALID_PARAMETER, "verify_access_ranges_conflict",
		       "status %lu\n", st);
	}
	st = VideoPortVerifyAccessRanges(e, 2, r);
	REPORT(st == NO_ERROR, "verify_access_ranges", "status %lu\n", st);
	st = VideoPortVerifyAccessRanges(e, 2, r);
	REPORT(st == NO_ERROR, "verify_access_ranges_again", "status %lu\n", st);

	/* bochs DISPI through the MMIO BAR (0x500) and through I/O ports 0x1ce/0x1cf */
	e->Mmio = VideoPortGetDeviceBase(e, r[1].RangeStart, r[1].RangeLength, FALSE);
	id = e->Mmio ? VideoPortReadRegisterUshort((PUSHORT)((PUCHAR)e->Mmio + 0x500)) : 0;
	REPORT((id & 0xfff0) == 0xb0c0, "register_read_mmio", "DISPI id 0x%x\n", id);
	{
		PHYSICAL_ADDRESS pa;

		pa.QuadPart = 0x1ce;
		ports = VideoPortGetDeviceBase(e, pa, 2, TRUE);
	}
	REPORT(ports == (PVOID)0x1ce, "device_base_io_is_port", "%p\n", ports);
	VideoPortWritePortUshort((PUSHORT)0x1ce, 0);
	id = VideoPortReadPortUshort((PUSHORT)0x1cf);
	REPORT((id & 0xfff0) == 0xb0c0, "port_read", "DISPI id 0x%x\n", id);
	REPORT(VideoPortReadPortUchar((PUCHAR)0x20000) == 0xff, "port_out_of_range_reads_ones",
	       "value\n");
	if (ports)
		VideoPortFreeDeviceBase(e, ports);

	/* frame buffer: MapMemory, register forms on it, buffer forms */
	len = 4096;
	space = VIDEO_MEMORY_SPACE_MEMORY;
	st = VideoPortMapMemory(e, r[0].RangeStart, &len, &space, &fb);
	REPORT(st == NO_ERROR && fb, "map_memory", "status %lu\n", st);
	if (fb) {
		ULONG vals[3] = { 0x11111111, 0x22222222, 0x33333333 }, back[3];

		VideoPortWriteRegisterUlong((PULONG)fb, 0xdeadbeef);
		REPORT(VideoPortReadRegisterUlong((PULONG)fb) == 0xdeadbeef, "register_ulong_vram",
		       "readback\n");
		VideoPortWriteRegisterBufferUlong((PULONG)fb + 4, vals, 3);
		REPORT(VideoPortReadRegisterUlong((PULONG)fb + 4) == 0x33333333 &&
		       VideoPortReadRegisterUlong((PULONG)fb + 5) != 0x22222222,
		       "register_buffer_same_register", "buffer form did not repeat one register\n");
		VideoPortReadRegisterBufferUlong((PULONG)fb, back, 3);
		REPORT(back[0] == 0xdeadbeef && back[2] == 0xdeadbeef, "register_read_buffer",
		       "0x%lx 0x%lx\n", back[0], back[2]);
		VideoPortZeroDeviceMemory(fb, 64);
		REPORT(VideoPortReadRegisterUlong((PULONG)fb) == 0, "zero_device_memory", "value\n");
		st = VideoPortUnmapMemory(e, fb, NULL);
		REPORT(st == NO_ERROR, "unmap_memory", "status %lu\n", st);
		st = VideoPortUnmapMemory(e, fb, NULL);
		REPORT(st != NO_ERROR, "unmap_memory_twice", "second unmap succeeded\n");
	}
	len = 4096;
	space = VIDEO_MEMORY_SPACE_MEMORY | VIDEO_MEMORY_SPACE_P6CACHE;
	fb2 = NULL;
	st = VideoPortMapMemory(e, r[0].RangeStart, &len, &space, &fb2);
	REPORT(st == NO_ERROR && fb2, "map_memory_write_combining", "status %lu\n", st);
	/* left mapped on purpose: the adapter's teardown must release it */

	/* PCI configuration space */
	len = VideoPortGetBusData(e, PCIConfiguration, slot, &cfg, 0, 4);
	REPORT(len == 4 && cfg == 0x11111234, "get_bus_data", "%lu bytes, 0x%08lx\n", len, cfg);
	len = VideoPortGetBusData(e, PCIConfiguration, slot, cfgb, 4096, 4);
	REPORT(len == 0, "get_bus_data_beyond", "%lu bytes\n", len);
	len = VideoPortGetBusData(e, PCIConfiguration, 31, &cfg, 0, 4);
	REPORT(len == 2 && (cfg & 0xffff) == 0xffff, "get_bus_data_empty_slot",
	       "%lu bytes, 0x%lx\n", len, cfg);
	len = VideoPortGetBusData(e, PCIConfiguration, slot, cfgb, 0x3c, 1);
	i = len == 1 ? VideoPortSetBusData(e, PCIConfiguration, slot, cfgb, 0x3c, 1) : 0;
	REPORT(i == 1, "set_bus_data", "%lu bytes\n", i);

	romp = VideoPortGetRomImage(e, NULL, 0, 2);
	if (romp) {
		rom[0] = romp[0];
		rom[1] = romp[1];
	}
	REPORT(rom[0] == 0x55 && rom[1] == 0xaa, "rom_image", "%02x %02x\n", rom[0], rom[1]);
	REPORT(VideoPortGetRomImage(e, NULL, 0, 0) == NULL, "rom_image_free", "not NULL\n");
}

static void CheckRegistry(PCONF_EXT e)
{
	ULONG v = 0x12345678;
	VP_STATUS st;

	st = VideoPortSetRegistryParameters(e, L"ConformanceValue", &v, sizeof(v));
	REPORT(st == NO_ERROR, "set_registry", "status %lu\n", st);
	st = VideoPortGetRegistryParameters(e, L"ConformanceValue", FALSE, RegCallback, e);
	REPORT(st == NO_ERROR && e->RegCalls == 1 && e->RegLen == 4 && e->RegValue == v,
	       "get_registry", "status %lu calls %ld len %ld value 0x%lx\n", st, e->RegCalls,
	       e->RegLen, e->RegValue);
	REPORT(e->RegIrql == PASSIVE_LEVEL, "get_registry_callback_irql", "%ld\n", e->RegIrql);
	st = VideoPortGetRegistryParameters(e, L"NoSuchValue", FALSE, RegCallback, e);
	REPORT(st != NO_ERROR && e->RegCalls == 1, "get_registry_missing", "status %lu\n", st);
}

static void CheckEvents(PCONF_EXT e)
{
	PEVENT ev = NULL, nev = NULL;
	LONGLONG t0, freq, ms;
	LARGE_INTEGER t, now;
	VP_STATUS st;
	LONG prev;
	UCHAR old;

	REPORT(VideoPortCreateEvent(e, SYNCHRONIZATION_EVENT, NULL, &ev) == NO_ERROR && ev,
	       "event_create", "status\n");
	REPORT(VideoPortCreateEvent(e, NOTIFICATION_EVENT | INITIAL_EVENT_SIGNALED, NULL, &nev) ==
	       NO_ERROR && nev, "event_create_notification", "status\n");
	if (!ev || !nev)
		return;
	t.QuadPart = -100000;	/* 10 ms */
	st = VideoPortWaitForSingleObject(e, ev, &t);
	REPORT(st == WAIT_TIMEOUT, "wait_timeout", "status %lu\n", st);
	prev = VideoPortSetEvent(e, ev);
	REPORT(prev == 0 && VideoPortReadStateEvent(e, ev) == 1, "event_set", "prev %ld\n", prev);
	st = VideoPortWaitForSingleObject(e, ev, &t);
	REPORT(st == NO_ERROR && VideoPortReadStateEvent(e, ev) == 0,
	       "wait_synchronization_resets", "status %lu\n", st);
	st = VideoPortWaitForSingleObject(e, nev, &t);
	REPORT(st == NO_ERROR && VideoPortReadStateEvent(e, nev) == 1,
	       "wait_notification_stays", "status %lu\n", st);
	VideoPortClearEvent(e, nev);
	REPORT(VideoPortReadStateEvent(e, nev) == 0, "event_clear", "still set\n");
	t.QuadPart = 0;
	st = VideoPortWaitForSingleObject(e, nev, &t);
	REPORT(st == WAIT_TIMEOUT, "wait_zero_timeout_polls", "status %lu\n", st);
	/* positive timeouts are absolute system times (100 ns since 1601) */
	t0 = VideoPortQueryPerformanceCounter(e, &freq);
	VideoPortQuerySystemTime(&now);
	t.QuadPart = now.QuadPart - 10000000;	/* a second ago */
	st = VideoPortWaitForSingleObject(e, ev, &t);
	REPORT(st == WAIT_TIMEOUT, "wait_absolute_past_polls", "status %lu\n", st);
	t.QuadPart = now.QuadPart + 300000;	/* 30 ms after now */
	st = VideoPortWaitForSingleObject(e, ev, &t);
	ms = (VideoPortQueryPerformanceCounter(e, NULL) - t0) * 1000 / freq;
	REPORT(st == WAIT_TIMEOUT && ms >= 29 && ms < 5000, "wait_absolute_future_waits",
	       "status %lu after %ld ms\n", st, (LONG)ms);
	VideoPortAcquireSpinLock(e, e->Lock, &old);
	t.QuadPart = -10000;
	st = VideoPortWaitForSingleObject(e, ev, &t);
	VideoPortReleaseSpinLock(e, e->Lock, old);
	REPORT(st != NO_ERROR && st != WAIT_TIMEOUT, "wait_refused_at_dispatch", "status %lu\n", st);
	REPORT(VideoPortDeleteEvent(e, nev) == NO_ERROR, "event_delete", "status\n");
	e->DpcEvent = ev;
}

static void CheckDpcTimerSync(PCONF_EXT e)
{
	LARGE_INTEGER t;
	BOOLEAN q1, q2, r;
	VP_STATUS st;
	UCHAR old;

	/* one DPC object: a second queue while it is pending returns FALSE */
	VideoPortAcquireSpinLock(e, e->Lock, &old);	/* keeps the DPC from running here */
	q1 = VideoPortQueueDpc(e, ProbeDpc, (PVOID)7);
	q2 = VideoPortQueueDpc(e, ProbeDpc, (PVOID)8);
	VideoPortReleaseSpinLock(e, e->Lock, old);
	REPORT(q1 && !q2, "queue_dpc_once", "%d %d\n", q1, q2);
	t.QuadPart = -20000000;	/* 2 s */
	st = VideoPortWaitForSingleObject(e, e->DpcEvent, &t);
	REPORT(st == NO_ERROR && e->DpcRan == 7, "dpc_runs", "status %lu context %ld\n", st,
	       e->DpcRan);
	REPORT(e->DpcIrql == DISPATCH_LEVEL, "dpc_irql", "%ld\n", e->DpcIrql);

	VideoPortCreateEvent(e, SYNCHRONIZATION_EVENT, NULL, &e->TimerEvent);
	VideoPortStartTimer(e);
	t.QuadPart = -30000000;	/* 3 s */
	st = e->TimerEvent ? VideoPortWaitForSingleObject(e, e->TimerEvent, &t) : ERROR_INVALID_PARAMETER;
	VideoPortStopTimer(e);
	REPORT(st == NO_ERROR, "timer_fires", "status %lu\n", st);
	REPORT(e->TimerIrql == DISPATCH_LEVEL, "timer_irql", "%ld\n", e->TimerIrql);
	t.QuadPart = -25000000;	/* 2.5 s: stopped means no tick */
	st = VideoPortWaitForSingleObject(e, e->TimerEvent, &t);
	REPORT(st == WAIT_TIMEOUT, "timer_stops", "status %lu\n", st);

	e->SyncIrql = 0xee;
	r = VideoPortSynchronizeExecution(e, VpHighPriority, SyncHigh, e);
	REPORT(r && e->SyncIrql > DISPATCH_LEVEL && !e->SyncIf, "sync_high_dirql",
	       "ret %d IRQL %u interrupts %s\n", r, e->SyncIrql, e->SyncIf ? "on" : "off");
	r = VideoPortSynchronizeExecution(e, VpMediumPriority, SyncIrqlOnly, e);
	REPORT(r && e->SyncIrql == DISPATCH_LEVEL, "sync_medium_dispatch", "IRQL %u\n", e->SyncIrql);
	r = VideoPortSynchronizeExecution(e, VpLowPriority, SyncIrqlOnly, e);
	REPORT(r && e->SyncIrql == PASSIVE_LEVEL, "sync_low_passive", "IRQL %u\n", e->SyncIrql);
	REPORT(VideoPortGetCurrentIrql() == PASSIVE_LEVEL && InterruptsOn(), "sync_restores_irql",
	       "IRQL %u\n", VideoPortGetCurrentIrql());
	REPORT(VideoPortEnableInterrupt(e) == ERROR_INVALID_FUNCTION,
	       "enable_interrupt_without_interrupt", "status\n");
}

static PULONG EduReg(PCONF_EXT e, ULONG off)
{
	return (PULONG)((PUCHAR)e->Mmio + off);
}

/* At DIRQL: claim, acknowledge, hand the rest to a DPC. */
static BOOLEAN NTAPI HwInterrupt(PVOID HwDeviceExtension)
{
	PCONF_EXT e = HwDeviceExtension;
	ULONG status;

	if (!e->IsEdu || !e->Mmio)
		return FALSE;
	status = VideoPortReadRegisterUlong(EduReg(e, EDU_IRQ_STATUS));
	if (!status)
		return FALSE;	/* shared line: not ours */
	VideoPortWriteRegisterUlong(EduReg(e, EDU_IRQ_ACK), status);
	e->IsrIrql = VideoPortGetCurrentIrql();
	e->IsrIf = InterruptsOn();
	e->IsrCount++;
	VideoPortQueueDpc(e, (PMINIPORT_DPC_ROUTINE)ProbeDpc, (PVOID)(ULONG_PTR)status);
	return TRUE;
}

static BOOLEAN NTAPI SyncReadIsrCount(PVOID Context)
{
	PCONF_EXT e = Context;

	e->SyncIrql = VideoPortGetCurrentIrql();
	e->SyncIf = InterruptsOn();
	return e->IsrCount > 0;
}

static VP_STATUS EduFindAdapter(PCONF_EXT e, PVIDEO_PORT_CONFIG_INFO ci)
{
	VIDEO_ACCESS_RANGE r[4];
	ULONG slot, id;
	VP_STATUS st;

	e->IsEdu = TRUE;
	st = VideoPortGetAccessRanges(e, 0, NULL, 4, r, NULL, NULL, &slot);
	REPORT(st == NO_ERROR && !r[0].RangeInIoSpace && r[0].RangeLength >= 4096,
	       "edu_access_ranges", "status %lu\n", st);
	if (st != NO_ERROR)
		return st;
	REPORT(VideoPortVerifyAccessRanges(e, 1, r) == NO_ERROR, "edu_verify_access_ranges",
	       "status\n");
	e->Mmio = VideoPortGetDeviceBase(e, r[0].RangeStart, 4096, FALSE);
	id = e->Mmio ? VideoPortReadRegisterUlong(EduReg(e, EDU_ID)) : 0;
	REPORT((id & 0xffff) == 0x00ed, "edu_identified", "id 0x%08lx\n", id);
	REPORT(ci->BusInterruptLevel != 0 && ci->BusInterruptVector != 0, "edu_config_interrupt",
	       "level %lu vector %lu\n", ci->BusInterruptLevel, ci->BusInterruptVector);
	REPORT(VideoPortCreateSpinLock(e, &e->Lock) == NO_ERROR, "edu_spinlock", "status\n");
	return e->Mmio ? NO_ERROR : ERROR_DEV_NOT_EXIST;
}

static void EduInitialize(PCONF_EXT e)
{
	LARGE_INTEGER t;
	VP_STATUS st;
	LONG before;
	BOOLEAN r;

	VideoPortCreateEvent(e, SYNCHRONIZATION_EVENT, NULL, &e->IrqEvent);
	e->DpcEvent = e->IrqEvent;	/* ProbeDpc signals it */
	if (!e->IrqEvent)
		return;
	VideoPortWriteRegisterUlong(EduReg(e, EDU_IRQ_RAISE), 5);
	t.QuadPart = -20000000;	/* 2 s */
	st = VideoPortWaitForSingleObject(e, e->IrqEvent, &t);
	REPORT(st == NO_ERROR && e->IsrCount == 1, "interrupt_delivered", "status %lu, %ld ISR calls\n",
	       st, e->IsrCount);
	REPORT(e->IsrIrql > DISPATCH_LEVEL && !e->IsrIf, "interrupt_irql_dirql",
	       "IRQL %ld, interrupts %s\n", e->IsrIrql, e->IsrIf ? "on" : "off");
	REPORT(e->DpcRan == 5 && e->DpcIrql == DISPATCH_LEVEL, "interrupt_dpc_from_isr",
	       "context %ld IRQL %ld\n", e->DpcRan, e->DpcIrql);

	e->SyncIrql = 0;
	r = VideoPortSynchronizeExecution(e, VpHighPriority, SyncReadIsrCount, e);
	REPORT(r && e->SyncIrql > DISPATCH_LEVEL && !e->SyncIf, "sync_high_with_interrupt",
	       "ret %d IRQL %u\n", r, e->SyncIrql);

	st = VideoPortDisableInterrupt(e);
	REPORT(st == NO_ERROR && VideoPortDisableInterrupt(e) == NO_ERROR, "disable_interrupt",
	       "status %lu\n", st);
	before = e->IsrCount;
	VideoPortWriteRegisterUlong(EduReg(e, EDU_IRQ_RAISE), 2);
	t.QuadPart = -3000000;	/* 300 ms */
	st = VideoPortWaitForSingleObject(e, e->IrqEvent, &t);
	REPORT(st == WAIT_TIMEOUT && e->IsrCount == before, "disabled_interrupt_not_delivered",
	       "status %lu, ISR calls %ld -> %ld\n", st, before, e->IsrCount);
	st = VideoPortEnableInterrupt(e);
	REPORT(st == NO_ERROR && VideoPortEnableInterrupt(e) == NO_ERROR, "enable_interrupt",
	       "status %lu\n", st);
	t.QuadPart = -20000000;
	st = VideoPortWaitForSingleObject(e, e->IrqEvent, &t);
	REPORT(st == NO_ERROR && e->IsrCount == before + 1 && e->DpcRan == 2,
	       "enabled_interrupt_delivers_pending", "status %lu, ISR calls %ld, context %ld\n", st,
	       e->IsrCount, e->DpcRan);
	VideoPortDebugPrint(Error, "CONFORMANCE DONE edu failures=%lu\n", Failures);
}

static VP_STATUS NTAPI HwFindAdapter(PVOID HwDeviceExtension, PVOID HwContext,
				     PWSTR ArgumentString, PVIDEO_PORT_CONFIG_INFO ConfigInfo,
				     PUCHAR Again)
{
	PCONF_EXT e = HwDeviceExtension;
	VIDEO_ACCESS_RANGE r[4];
	USHORT edu = 0x11e8;

	e->HwContext = HwContext;
	if (VideoPortGetAccessRanges(e, 0, NULL, 4, r, NULL, &edu, NULL) == NO_ERROR)
		return EduFindAdapter(e, ConfigInfo);
	REPORT(VideoPortGetCurrentIrql() == PASSIVE_LEVEL, "find_adapter_irql", "%u\n",
	       VideoPortGetCurrentIrql());
	CheckConfig(e, ConfigInfo);
	CheckSpinLocks(e);
	CheckKeSpinLocks();
	CheckMemory(e);
	CheckResources(e);
	CheckPrint();
	/* no interrupt wanted: clear the vector (the documented way) */
	ConfigInfo->BusInterruptLevel = 0;
	ConfigInfo->BusInterruptVector = 0;
	*Again = FALSE;
	return e->Lock ? NO_ERROR : ERROR_DEV_NOT_EXIST;
}

static BOOLEAN NTAPI HwInitialize(PVOID HwDeviceExtension)
{
	PCONF_EXT e = HwDeviceExtension;

	if (e->IsEdu) {
		EduInitialize(e);
		return TRUE;
	}
	REPORT(VideoPortGetCurrentIrql() == PASSIVE_LEVEL, "initialize_irql", "%u\n",
	       VideoPortGetCurrentIrql());
	CheckRegistry(e);
	CheckEvents(e);
	CheckDpcTimerSync(e);
	VideoPortCreateEvent(e, NOTIFICATION_EVENT, NULL, &e->DpcDone);
	VideoPortCreateEvent(e, NOTIFICATION_EVENT, NULL, &e->SleepEvent);
	VideoPortDebugPrint(Error, "CONFORMANCE DONE init failures=%lu\n", Failures);
	return TRUE;
}

/*
 * The SSE workload and the callee-saved XMM check are x86_64's: Windows x86
 * kernel code may not touch the FPU without KeSaveFloatingPointState, so the
 * PE32 build answers their IOCTLs ERROR_INVALID_FUNCTION.
 */
#ifdef __x86_64__
/* xmm0-15 all used; the compiler saves xmm6-15 around it, as the ABI asks. */
static void SseWork(const float *in, float *out)
{
	static const float two[4] __attribute__((aligned(16))) = { 2, 2, 2, 2 };
	static const float one[4] __attribute__((aligned(16))) = { 1, 1, 1, 1 };

	__asm__ __volatile__(
		"movaps (%2), %%xmm14\n\t"
		"movaps (%3), %%xmm15\n\t"
		"movups 0(%0), %%xmm0\n\t"
		"movups 16(%0), %%xmm1\n\t"
		"movups 32(%0), %%xmm2\n\t"
		"movups 48(%0), %%xmm3\n\t"
		"movaps %%xmm0, %%xmm4\n\t"
		"movaps %%xmm1, %%xmm5\n\t"
		"movaps %%xmm2, %%xmm6\n\t"
		"movaps %%xmm3, %%xmm7\n\t"
		"mulps %%xmm14, %%xmm4\n\t"
		"mulps %%xmm14, %%xmm5\n\t"
		"mulps %%xmm14, %%xmm6\n\t"
		"mulps %%xmm14, %%xmm7\n\t"
		"movaps %%xmm4, %%xmm8\n\t"
		"movaps %%xmm5, %%xmm9\n\t"
		"movaps %%xmm6, %%xmm10\n\t"
		"movaps %%xmm7, %%xmm11\n\t"
		"addps %%xmm15, %%xmm8\n\t"
		"addps %%xmm15, %%xmm9\n\t"
		"addps %%xmm15, %%xmm10\n\t"
		"addps %%xmm15, %%xmm11\n\t"
		"xorps %%xmm12, %%xmm12\n\t"
		"xorps %%xmm13, %%xmm13\n\t"
		"movups %%xmm8, 0(%1)\n\t"
		"movups %%xmm9, 16(%1)\n\t"
		"movups %%xmm10, 32(%1)\n\t"
		"movups %%xmm11, 48(%1)\n\t"
		"xorps %%xmm0, %%xmm0\n\t"
		"xorps %%xmm1, %%xmm1\n\t"
		"xorps %%xmm2, %%xmm2\n\t"
		"xorps %%xmm3, %%xmm3\n\t"
		"xorps %%xmm4, %%xmm4\n\t"
		"xorps %%xmm5, %%xmm5\n\t"
		:
		: "r"(in), "r"(out), "r"(two), "r"(one)
		: "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
		  "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
}

/*
 * xmm6-15 are callee-saved: the Video Port must hand them back unchanged
 * from an export that sleeps, even when other tasks use the FPU meanwhile.
 * The two asm blocks do not declare the registers as clobbered, so the
 * compiler keeps its own values out of them across the call, exactly as it
 * relies on the ABI around any call.
 */
static ULONG SseSleep(PCONF_EXT e, ULONG n)
{
	ULONG i, j, bad = 0;
	ULONG pat[40] __attribute__((aligned(16)));
	ULONG got[40] __attribute__((aligned(16)));
	LARGE_INTEGER t;

	for (i = 0; i < n; i++) {
		for (j = 0; j < 40; j++)
			pat[j] = 0x5a000000u + i * 64 + j;
		__asm__ __volatile__(
			"movdqa 0(%0), %%xmm6\n\tmovdqa 16(%0), %%xmm7\n\t"
			"movdqa 32(%0), %%xmm8\n\tmovdqa 48(%0), %%xmm9\n\t"
			"movdqa 64(%0), %%xmm10\n\tmovdqa 80(%0), %%xmm11\n\t"
			"movdqa 96(%0), %%xmm12\n\tmovdqa 112(%0), %%xmm13\n\t"
			"movdqa 128(%0), %%xmm14\n\tmovdqa 144(%0), %%xmm15\n\t"
			: : "r"(pat) : "memory");
		t.QuadPart = -10000;	/* 1 ms: sleeps, other tasks run */
		VideoPortWaitForSingleObject(e, e->SleepEvent, &t);
		__asm__ __volatile__(
			"movdqa %%xmm6, 0(%0)\n\tmovdqa %%xmm7, 16(%0)\n\t"
			"movdqa %%xmm8, 32(%0)\n\tmovdqa %%xmm9, 48(%0)\n\t"
			"movdqa %%xmm10, 64(%0)\n\tmovdqa %%xmm11, 80(%0)\n\t"
			"movdqa %%xmm12, 96(%0)\n\tmovdqa %%xmm13, 112(%0)\n\t"
			"movdqa %%xmm14, 128(%0)\n\tmovdqa %%xmm15, 144(%0)\n\t"
			: : "r"(got) : "memory");
		for (j = 0; j < 40; j++) {
			if (got[j] != pat[j]) {
				bad++;
				break;
			}
		}
	}
	REPORT(!bad && e->SleepEvent, "sse_callee_saved_across_sleeping_export",
	       "%lu of %lu rounds lost xmm6-15\n", bad, n);
	return bad;
}

#endif /* __x86_64__ */

static void CounterStop(PCONF_EXT e, PVIDEO_REQUEST_PACKET rp)
{
	LARGE_INTEGER t;
	LONG total;
	PULONG out;

	e->Stop = 1;
	t.QuadPart = -50000000;	/* 5 s */
	if (e->Running)
		VideoPortWaitForSingleObject(e, e->DpcDone, &t);
	VideoPortStopTimer(e);
	total = e->StartIoCount + e->DpcCount + e->TimerCount + e->SyncCount;
	REPORT(!e->Running, "smp_dpc_stopped", "DPC chain still running\n");
	REPORT(e->StartIoCount > 0 && e->DpcCount > 0 && e->TimerCount > 0 && e->SyncCount > 0,
	       "smp_all_sources", "startio %ld dpc %ld timer %ld sync %ld\n", e->StartIoCount,
	       e->DpcCount, e->TimerCount, e->SyncCount);
	REPORT(e->Counter == total, "smp_counter_no_lost_update",
	       "counter %ld, updates %ld (startio %ld dpc %ld timer %ld sync %ld)\n", e->Counter,
	       total, e->StartIoCount, e->DpcCount, e->TimerCount, e->SyncCount);
	REPORT(!e->DpcBadIrql && !e->TimerBadIrql && !e->SyncBadIrql, "smp_irql",
	       "bad IRQL seen: dpc %ld timer %ld sync %ld\n", e->DpcBadIrql, e->TimerBadIrql,
	       e->SyncBadIrql);
	REPORT(e->StartIoIrql == PASSIVE_LEVEL, "start_io_irql", "%u\n", e->StartIoIrql);
	VideoPortDebugPrint(Error, "CONFORMANCE DONE smp failures=%lu counter=%ld\n", Failures,
			    e->Counter);
	if (rp->OutputBufferLength >= 5 * sizeof(ULONG)) {
		out = rp->OutputBuffer;
		out[0] = e->Counter;
		out[1] = e->StartIoCount;
		out[2] = e->DpcCount;
		out[3] = e->TimerCount;
		out[4] = e->SyncCount;
		rp->StatusBlock->Information = 5 * sizeof(ULONG);
	}
}

typedef VOID (NTAPI *BENCH_ACQUIRE)(PVOID, PVOID, PUCHAR);
typedef VOID (NTAPI *BENCH_RELEASE)(PVOID, PVOID, UCHAR);
typedef VOID (NTAPI *BENCH_DPC)(PVOID, PVOID);
typedef VOID (NTAPI *BENCH_KE_DPC)(KSPIN_LOCK *);
#ifdef _WIN64
typedef UCHAR (NTAPI *BENCH_KE_ACQUIRE)(KSPIN_LOCK *);
typedef VOID (NTAPI *BENCH_KE_RELEASE)(KSPIN_LOCK *, UCHAR);
#else
typedef UCHAR (__attribute__((fastcall)) *BENCH_KE_ACQUIRE)(KSPIN_LOCK *);
typedef VOID (__attribute__((fastcall)) *BENCH_KE_RELEASE)(KSPIN_LOCK *, UCHAR);
#endif

/* One loop per kind for every pair measured, so that only the functions differ. */
static __attribute__((noinline)) VOID BenchLoop(PVOID e, PVOID Lock, BENCH_ACQUIRE Acquire,
						BENCH_RELEASE Release, ULONG n)
{
	UCHAR old;
	ULONG i;

	for (i = 0; i < n; i++) {
		Acquire(e, Lock, &old);
		Release(e, Lock, old);
	}
}

static __attribute__((noinline)) VOID BenchLoopDpc(PVOID e, PVOID Lock, BENCH_DPC Acquire,
						   BENCH_DPC Release, ULONG n)
{
	ULONG i;

	for (i = 0; i < n; i++) {
		Acquire(e, Lock);
		Release(e, Lock);
	}
}

static __attribute__((noinline)) VOID BenchLoopKeDpc(KSPIN_LOCK *Lock, BENCH_KE_DPC Acquire,
						     BENCH_KE_DPC Release, ULONG n)
{
	ULONG i;

	for (i = 0; i < n; i++) {
		Acquire(Lock);
		Release(Lock);
	}
}

static __attribute__((noinline)) VOID BenchLoopKe(KSPIN_LOCK *Lock, BENCH_KE_ACQUIRE Acquire,
						  BENCH_KE_RELEASE Release, ULONG n)
{
	ULONG i;

	for (i = 0; i < n; i++)
		Release(Lock, Acquire(Lock));
}

static VOID Bench(PCONF_EXT e, PVIDEO_REQUEST_PACKET rp)
{
	CONF_BENCH_INPUT in = { 0 };
	BOOLEAN own;
	PVOID lock;
	UCHAR old;

	if (rp->InputBufferLength < sizeof(ULONG)) {
		rp->StatusBlock->Status = ERROR_INSUFFICIENT_BUFFER;
		return;
	}
	VideoPortMoveMemory(&in, rp->InputBuffer,
			    rp->InputBufferLength < sizeof(in) ? rp->InputBufferLength : sizeof(in));
	own = !in.Acquire || !in.Release;
	lock = (PVOID)(ULONG_PTR)in.Lock;
	switch (in.Kind) {
	case CONF_BENCH_VP:
		if (own)
			BenchLoop(e, e->Lock, (BENCH_ACQUIRE)VideoPortAcquireSpinLock,
				  (BENCH_RELEASE)VideoPortReleaseSpinLock, in.Pairs);
		else
			BenchLoop(e, lock, (BENCH_ACQUIRE)(ULONG_PTR)in.Acquire,
				  (BENCH_RELEASE)(ULONG_PTR)in.Release, in.Pairs);
		break;
	case CONF_BENCH_VP_DPC:
		old = KeAcquireLock(&e->KeOuterLock);
		if (own)
			BenchLoopDpc(e, e->Lock, (BENCH_DPC)VideoPortAcquireSpinLockAtDpcLevel,
				     (BENCH_DPC)VideoPortReleaseSpinLockFromDpcLevel, in.Pairs);
		else
			BenchLoopDpc(e, lock, (BENCH_DPC)(ULONG_PTR)in.Acquire,
				     (BENCH_DPC)(ULONG_PTR)in.Release, in.Pairs);
		KeReleaseLock(&e->KeOuterLock, old);
		break;
	case CONF_BENCH_KE_DPC:
		old = KeAcquireLock(&e->KeOuterLock);
		if (own)
			BenchLoopKeDpc(&e->KeLock, KeAcquireSpinLockAtDpcLevel,
				       KeReleaseSpinLockFromDpcLevel, in.Pairs);
		else
			BenchLoopKeDpc(lock, (BENCH_KE_DPC)(ULONG_PTR)in.Acquire,
				       (BENCH_KE_DPC)(ULONG_PTR)in.Release, in.Pairs);
		KeReleaseLock(&e->KeOuterLock, old);
		break;
	case CONF_BENCH_KE:
#ifdef _WIN64
		if (own)
			BenchLoopKe(&e->KeLock, KeAcquireSpinLockRaiseToDpc, KeReleaseSpinLock,
				    in.Pairs);
#else
		if (own)
			BenchLoopKe(&e->KeLock, KfAcquireSpinLock, KfReleaseSpinLock, in.Pairs);
#endif
		else
			BenchLoopKe(lock, (BENCH_KE_ACQUIRE)(ULONG_PTR)in.Acquire,
				    (BENCH_KE_RELEASE)(ULONG_PTR)in.Release, in.Pairs);
		break;
	default:
		rp->StatusBlock->Status = ERROR_INVALID_PARAMETER;
		break;
	}
}

static BOOLEAN NTAPI HwStartIO(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET rp)
{
	PCONF_EXT e = HwDeviceExtension;
	ULONG n, i;
	UCHAR old;

	rp->StatusBlock->Status = NO_ERROR;
	rp->StatusBlock->Information = 0;
	switch (rp->IoControlCode) {
	case IOCTL_CONF_COUNTER_START:
		e->Counter = 0;
		e->Stop = 0;
		e->Running = 1;
		VideoPortClearEvent(e, e->DpcDone);
		VideoPortStartTimer(e);
		if (!VideoPortQueueDpc(e, CounterDpc, NULL))
			e->Running = 0;
		break;
	case IOCTL_CONF_COUNTER_RUN:
		if (rp->InputBufferLength < sizeof(ULONG)) {
			rp->StatusBlock->Status = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		e->StartIoIrql = VideoPortGetCurrentIrql();
		n = *(PULONG)rp->InputBuffer;
		for (i = 0; i < n; i++) {
			VideoPortAcquireSpinLock(e, e->Lock, &old);
			SlowIncrement(&e->Counter);
			e->StartIoCount++;
			VideoPortReleaseSpinLock(e, e->Lock, old);
			if (i % SYNC_EVERY == 0)
				VideoPortSynchronizeExecution(e, VpMediumPriority, SyncIncrement, e);
		}
		break;
	case IOCTL_CONF_COUNTER_STOP:
		CounterStop(e, rp);
		break;
#ifdef __x86_64__
	case IOCTL_CONF_SSE:
		if (rp->InputBufferLength < 64 || rp->OutputBufferLength < 64) {
			rp->StatusBlock->Status = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		SseWork(rp->InputBuffer, rp->OutputBuffer);
		rp->StatusBlock->Information = 64;
		break;
	case IOCTL_CONF_SSE_SLEEP:
		if (rp->InputBufferLength < sizeof(ULONG) || rp->OutputBufferLength < sizeof(ULONG)) {
			rp->StatusBlock->Status = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		n = *(PULONG)rp->InputBuffer;
		*(PULONG)rp->OutputBuffer = SseSleep(e, n);
		rp->StatusBlock->Information = sizeof(ULONG);
		break;
#endif
	case IOCTL_CONF_BENCH:
		Bench(e, rp);
		break;
	default:
		rp->StatusBlock->Status = ERROR_INVALID_FUNCTION;
		break;
	}
	return TRUE;
}

ULONG NTAPI DriverEntry(PVOID Context1, PVOID Context2)
{
	VIDEO_HW_INITIALIZATION_DATA hw;
	ULONG st;

	EntryRegistryPath = Context2;
	VideoPortZeroMemory(&hw, sizeof(hw));
	hw.HwFindAdapter = HwFindAdapter;
	hw.HwInitialize = HwInitialize;
	hw.HwStartIO = HwStartIO;
	hw.HwTimer = HwTimer;
	hw.HwInterrupt = HwInterrupt;
	hw.HwDeviceExtensionSize = sizeof(CONF_EXT);

	/* an unknown structure size is refused */
	hw.HwInitDataSize = 50;
	hw.AdapterInterfaceType = PCIBus;
	st = VideoPortInitialize(Context1, Context2, &hw, &HwContextToken);
	REPORT(st == 0xC0000059 /* STATUS_REVISION_MISMATCH */, "initialize_bad_size",
	       "status 0x%lx\n", st);
	/* NT4 size for a legacy bus, then the XP size for PCI: both accepted */
	hw.HwInitDataSize = SIZE_OF_NT4_VIDEO_HW_INITIALIZATION_DATA;
	hw.AdapterInterfaceType = Isa;
	st = VideoPortInitialize(Context1, Context2, &hw, &HwContextToken);
	REPORT(st == 0, "initialize_nt4_size", "status 0x%lx\n", st);
	hw.HwInitDataSize = sizeof(hw);
	hw.AdapterInterfaceType = PCIBus;
	st = VideoPortInitialize(Context1, Context2, &hw, &HwContextToken);
	REPORT(st == 0, "initialize_xp_size", "status 0x%lx\n", st);
	return st;
}
