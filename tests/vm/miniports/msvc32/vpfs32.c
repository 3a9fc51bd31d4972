// SPDX-License-Identifier: GPL-2.0
/*
 * vpfs32.sys: an x86 miniport built the way MSVC builds them (clang's
 * i686-pc-windows-msvc target, lld-link, import libraries from .def files)
 * that checks the Windows view of FS vpwrap gives it.  Each check prints
 * "FS32 PASS <name>" or "FS32 FAIL <name>: ..." through VideoPortDebugPrint.
 *
 * DriverEntry, HwFindAdapter and a SynchronizeExecution routine read the
 * processor control region through FS: the exception chain is empty at
 * every entry from vpwrap, NT_TIB.Self, SelfPcr and Prcb point into one
 * readable region, and the stack bounds enclose the stack.  HwFindAdapter
 * links an exception registration into fs:[0], then waits 20 ms on an event
 * (a real sleep; with two CPUs it may wake on the other), spins in its own
 * code for 100 ms of timer interrupts, and calls a SynchronizeExecution
 * routine: after each, its registration must still head the chain and FS
 * must still be a region of this kind; KeTickCount, read as the data
 * import it is on x86, moves with the 100 ms.  It then unlinks the record
 * and reports the device as absent.
 */
#include "msvc32.h"

#define WAIT_TIMEOUT		258
#define VpMediumPriority	1

DECLSPEC_IMPORT VP_STATUS __stdcall VideoPortCreateEvent(PVOID, ULONG, PVOID, PVOID *);
DECLSPEC_IMPORT VP_STATUS __stdcall VideoPortDeleteEvent(PVOID, PVOID);
DECLSPEC_IMPORT VP_STATUS __stdcall VideoPortWaitForSingleObject(PVOID, PVOID, LONGLONG *);
DECLSPEC_IMPORT UCHAR __stdcall VideoPortSynchronizeExecution(PVOID, ULONG, PVOID, PVOID);
DECLSPEC_IMPORT LONGLONG __stdcall KeQueryPerformanceCounter(LONGLONG *);

typedef struct {			/* KSYSTEM_TIME */
	ULONG LowPart;
	LONG High1Time;
	LONG High2Time;
} KSYSTEM_TIME;
DECLSPEC_IMPORT extern volatile KSYSTEM_TIME KeTickCount;	/* a data import */

static ULONG fs_read(ULONG off)
{
	ULONG v;

	__asm__ volatile("movl %%fs:(%1), %0" : "=r"(v) : "r"(off));
	return v;
}

static UCHAR fs_read8(ULONG off)
{
	UCHAR v;

	__asm__ volatile("movb %%fs:(%1), %0" : "=q"(v) : "r"(off));
	return v;
}

static void fs_write(ULONG off, ULONG v)
{
	__asm__ volatile("movl %1, %%fs:(%0)" : : "r"(off), "r"(v) : "memory");
}

static int failures;

static void check(int ok, const char *where, const char *name, ULONG got)
{
	if (ok) {
		say("FS32 PASS %s: %s\n", where, name);
	} else {
		say("FS32 FAIL %s: %s: got 0x%08lx\n", where, name, got);
		failures++;
	}
}

/* The region behind FS is one of vpwrap's: Self, SelfPcr, Prcb agree. */
static int region_sane(void)
{
	ULONG self = fs_read(0x18);

	return self && fs_read(0x1c) == self && fs_read(0x20) == self + 0x120 &&
	       *(volatile ULONG *)(self + 0x18) == self &&
	       fs_read8(0x51) == *(volatile UCHAR *)(self + 0x130);
}

/* What every entry from vpwrap finds. */
static void check_entry(const char *where)
{
	ULONG here = (ULONG)&here;

	check(fs_read(0) == 0xffffffff, where, "fs:[0] is the end of an empty exception chain",
	      fs_read(0));
	check(region_sane(), where, "fs:[0x18] Self, SelfPcr, Prcb and the number agree",
	      fs_read(0x18));
	check(fs_read(8) < here && here < fs_read(4), where,
	      "the stack lies between fs:[8] StackLimit and fs:[4] StackBase", fs_read(4));
	say("FS32 INFO %s: self 0x%08lx cpu %u\n", where, fs_read(0x18), fs_read8(0x51));
}

struct registration {			/* EXCEPTION_REGISTRATION_RECORD */
	struct registration *next;
	PVOID handler;
};

static ULONG __cdecl never_called(PVOID rec, PVOID frame, PVOID ctx, PVOID dc)
{
	return 1;			/* ExceptionContinueSearch */
}

static UCHAR __stdcall sync_routine(PVOID ctx)
{
	check_entry("SynchronizeExecution routine");
	return 1;
}

static VP_STATUS __stdcall hw_find_adapter(PVOID ext, PVOID hw_context, PVOID args,
					   PVOID config, UCHAR *again)
{
	struct registration rec = { 0, (PVOID)never_called };
	LONGLONG freq, t0, timeout = -200000;	/* 20 ms, relative */
	ULONG spins = 0, bad = 0, ticks;
	PVOID event = 0;
	ULONG status;

	check_entry("HwFindAdapter");

	rec.next = (struct registration *)fs_read(0);
	fs_write(0, (ULONG)&rec);
	check(fs_read(0) == (ULONG)&rec, "HwFindAdapter", "a registration links into fs:[0]",
	      fs_read(0));

	if (VideoPortCreateEvent(ext, 0, 0, &event) == NO_ERROR) {
		status = VideoPortWaitForSingleObject(ext, event, &timeout);
		check(status == WAIT_TIMEOUT, "HwFindAdapter", "a 20 ms wait times out", status);
		VideoPortDeleteEvent(ext, event);
	} else {
		check(0, "HwFindAdapter", "VideoPortCreateEvent", 0);
	}
	check(fs_read(0) == (ULONG)&rec && region_sane(), "HwFindAdapter",
	      "after a sleep: the registration heads the chain of a sane region", fs_read(0));

	/* timer interrupts arrive while this loop, miniport code, runs */
	ticks = KeTickCount.LowPart;
	t0 = KeQueryPerformanceCounter(&freq);
	while (KeQueryPerformanceCounter(0) - t0 < freq / 10) {
		ULONG i;

		for (i = 0; i < 10000; i++) {
			if (fs_read(0) != (ULONG)&rec || !region_sane())
				bad++;
		}
		spins++;
	}
	check(!bad && spins, "HwFindAdapter",
	      "100 ms of miniport code under timer interrupts: FS unchanged", bad);
	/* 6.4 ticks of 15.625 ms; the count is brought up to date every tick */
	ticks = KeTickCount.LowPart - ticks;
	check(ticks >= 3 && ticks <= 12, "HwFindAdapter",
	      "KeTickCount (data import) advanced by 100 ms of 15.625 ms ticks", ticks);

	VideoPortSynchronizeExecution(ext, VpMediumPriority, (PVOID)sync_routine, 0);
	check(fs_read(0) == (ULONG)&rec && region_sane(), "HwFindAdapter",
	      "after a SynchronizeExecution routine: the registration heads the chain",
	      fs_read(0));

	fs_write(0, (ULONG)rec.next);
	say("FS32 DONE %d\n", failures);
	*again = 0;
	return ERROR_DEV_NOT_EXIST;
}

ULONG __stdcall DriverEntry(PVOID driver_object, PVOID registry_path)
{
	check_entry("DriverEntry");
	return register_miniport(driver_object, registry_path, hw_find_adapter);
}
