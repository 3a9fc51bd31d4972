// SPDX-License-Identifier: GPL-2.0
/*
 * vpseh32.sys: structured exception handling in an x86 miniport built the
 * way MSVC builds them (clang's i686-pc-windows-msvc target: __try blocks
 * registered at fs:[0] with ntoskrnl's _except_handler3, filters and
 * __finally blocks as funclets), for exceptions it raises with
 * ExRaiseStatus and RtlRaiseException.  DriverEntry prints "SEH32 PASS
 * <name>" or "SEH32 FAIL <name>: ..." per check through VideoPortDebugPrint.
 * Its HwFindAdapter raises an exception nothing handles: vpwrap must stop
 * the driver and fail the call, and the kernel must go on.
 * MSVC's own unwind helpers, which clang's code does not call, are
 * called here by hand the way MSVC's code calls them: _local_unwind2 for
 * a return out of a __try, _global_unwind2 for the frames above a record,
 * _abnormal_termination inside the __finally blocks they run.
 * It also divides 64-bit numbers, which MSVC-target code does through
 * ntoskrnl's _aulldiv/_allrem, and is built with /GS stack cookies
 * (-fstack-protector-strong): the cookie and its check are here, as
 * BufferOverflowK.lib gives them to an MSVC build, and the load config
 * names the cookie, which the loader must replace with a random one.
 */
#include "msvc32.h"

#define EXCEPTION_EXECUTE_HANDLER	1
#define EXCEPTION_CONTINUE_SEARCH	0
#define EXCEPTION_CONTINUE_EXECUTION	(-1)

typedef struct _EXCEPTION_RECORD {
	ULONG ExceptionCode;
	ULONG ExceptionFlags;
	struct _EXCEPTION_RECORD *ExceptionRecord;
	PVOID ExceptionAddress;
	ULONG NumberParameters;
	ULONG ExceptionInformation[15];
} EXCEPTION_RECORD;

typedef struct {
	EXCEPTION_RECORD *ExceptionRecord;
	PVOID ContextRecord;
} EXCEPTION_POINTERS;

DECLSPEC_IMPORT void __stdcall ExRaiseStatus(LONG);
DECLSPEC_IMPORT void __stdcall KeBugCheckEx(ULONG, ULONG, ULONG, ULONG, ULONG);

/* /GS: the cookie, its check, and the load config that names the cookie */
#define GS_DEFAULT_COOKIE	0xBB40E64E
ULONG __security_cookie = GS_DEFAULT_COOKIE;

void __fastcall __security_check_cookie(ULONG cookie)
{
	if (cookie != __security_cookie)
		KeBugCheckEx(0xF7, cookie, __security_cookie, ~__security_cookie, 0);
}

struct load_config32 {			/* IMAGE_LOAD_CONFIG_DIRECTORY32, to SEHandlerCount */
	ULONG Size, TimeDateStamp;
	unsigned short MajorVersion, MinorVersion;
	ULONG GlobalFlagsClear, GlobalFlagsSet, CriticalSectionDefaultTimeout;
	ULONG DeCommitFreeBlockThreshold, DeCommitTotalFreeThreshold, LockPrefixTable;
	ULONG MaximumAllocationSize, VirtualMemoryThreshold, ProcessHeapFlags;
	ULONG ProcessAffinityMask;
	unsigned short CSDVersion, DependentLoadFlags;
	ULONG EditList, SecurityCookie, SEHandlerTable, SEHandlerCount;
};
const struct load_config32 _load_config_used = {
	.Size = sizeof(struct load_config32),
	.SecurityCookie = (ULONG)&__security_cookie,
};
DECLSPEC_IMPORT void __stdcall RtlRaiseException(EXCEPTION_RECORD *);

static int failures;

static void check(int ok, const char *name, ULONG got)
{
	if (ok) {
		say("SEH32 PASS %s\n", name);
	} else {
		say("SEH32 FAIL %s: got 0x%08lx\n", name, got);
		failures++;
	}
}

static ULONG fs0(void)
{
	ULONG v;

	__asm__ volatile("movl %%fs:0, %0" : "=r"(v));
	return v;
}

/* what ran, in order: one letter per step */
static char trace[16];
static int ntrace;

static void step(char c)
{
	if (ntrace < (int)sizeof(trace) - 1)
		trace[ntrace++] = c;
}

static int trace_is(const char *want)
{
	int i;

	for (i = 0; want[i]; i++)
		if (i >= ntrace || trace[i] != want[i])
			return 0;
	return i == ntrace;
}

static void trace_reset(void)
{
	ntrace = 0;
}

static volatile ULONG raise_what = 0xC0000001;

/* A callee with a __finally of its own, raising through it. */
static __declspec(noinline) void callee_raises(void)
{
	__try {
		step('r');
		ExRaiseStatus(raise_what);
		step('X');		/* never: noncontinuable */
	} __finally {
		step(_abnormal_termination() ? 'f' : 'F');
	}
}

static int filter_params(EXCEPTION_POINTERS *p, ULONG *param, ULONG *n)
{
	*param = p->ExceptionRecord->ExceptionInformation[0];
	*n = p->ExceptionRecord->NumberParameters;
	return EXCEPTION_EXECUTE_HANDLER;
}

static void seh_checks(void)
{
	ULONG code = 0, param = 0, n = 0;
	volatile int inner_body = 0;
	EXCEPTION_RECORD rec = { 0 };

	/* 1. ExRaiseStatus caught by __except, the code seen by the filter */
	__try {
		ExRaiseStatus(0xC0000001);
	} __except (code = _exception_code(), EXCEPTION_EXECUTE_HANDLER) {
		step('e');
	}
	check(code == 0xC0000001, "__except catches ExRaiseStatus(0xC0000001) with its code", code);

	/* 2. the callee's __finally runs (abnormally) before the caller's __except */
	trace_reset();
	__try {
		callee_raises();
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		step('e');
	}
	check(trace_is("rfe"), "a raise through a callee: its __finally (abnormal) runs, then the __except",
	      ntrace);

	/* 3. a filter that searches on: the outer __except takes it */
	trace_reset();
	__try {
		__try {
			ExRaiseStatus(0xC0000002);
		} __except (step('i'), EXCEPTION_CONTINUE_SEARCH) {
			inner_body = 1;
		}
	} __except (step('o'), EXCEPTION_EXECUTE_HANDLER) {
		step('e');
	}
	check(trace_is("ioe") && !inner_body,
	      "an inner filter that continues the search: the outer __except takes it", ntrace);

	/* 4. __finally inside the same function, on the way to its __except */
	trace_reset();
	__try {
		__try {
			ExRaiseStatus(0xC0000003);
		} __finally {
			step(_abnormal_termination() ? 'f' : 'F');
		}
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		step('e');
	}
	check(trace_is("fe"), "a nested __finally in the same frame runs before the __except", ntrace);

	/* 5. RtlRaiseException: its record's parameters reach the filter */
	rec.ExceptionCode = 0xE0001234;
	rec.ExceptionFlags = 1;		/* EXCEPTION_NONCONTINUABLE */
	rec.NumberParameters = 1;
	rec.ExceptionInformation[0] = 0x1234;
	code = 0;
	__try {
		RtlRaiseException(&rec);
	} __except (code = _exception_code(),
		    filter_params((EXCEPTION_POINTERS *)_exception_info(), &param, &n)) {
		step('e');
	}
	check(code == 0xE0001234 && param == 0x1234 && n == 1,
	      "RtlRaiseException: code and parameters reach the filter", param);

	/* 6. a continuable exception that the filter continues: the raise returns */
	trace_reset();
	rec.ExceptionFlags = 0;
	__try {
		RtlRaiseException(&rec);
		step('c');
	} __except (step('x'), EXCEPTION_CONTINUE_EXECUTION) {
		step('X');
	}
	check(trace_is("xc"), "a continuable exception continued by its filter: the raise returns",
	      ntrace);

	/* 7. no exception: __finally runs normally */
	trace_reset();
	__try {
		step('b');
	} __finally {
		step(_abnormal_termination() ? 'f' : 'F');
	}
	check(trace_is("bF"), "without an exception __finally runs as a normal exit", ntrace);
}

/*
 * MSVC's unwind helpers from ntoskrnl, by their link names: clang treats
 * the C names as builtins of its own.
 */
void __cdecl imp_local_unwind2(void *record, int level) __asm__("__local_unwind2");
void __cdecl imp_global_unwind2(void *record) __asm__("__global_unwind2");
int __cdecl imp_abnormal_termination(void) __asm__("__abnormal_termination");

/* what MSVC emits for a return out of both __try blocks, then the fall-out */
static __declspec(noinline) void local_unwind_case(void)
{
	__try {
		__try {
			step('b');
			imp_local_unwind2((void *)fs0(), -1);
			step('a');
		} __finally {
			step(imp_abnormal_termination() ? 'i' : 'I');
		}
	} __finally {
		step(imp_abnormal_termination() ? 'o' : 'O');
	}
}

/* the frames above @target unwind: this one's __finally runs, its record leaves */
static __declspec(noinline) void global_unwind_inner(void *target)
{
	__try {
		step('g');
		imp_global_unwind2(target);
		step(fs0() == (ULONG)target ? 'c' : 'C');
	} __finally {
		step(imp_abnormal_termination() ? 'f' : 'F');
	}
}

/* not inlined: DriverEntry must keep no exception record of its own */
static __declspec(noinline) void unwind_checks(void)
{
	trace_reset();
	local_unwind_case();
	/* _local_unwind2 ran both, innermost first and abnormally; the code
	 * that fell out afterwards ran them again as clang does, normally */
	check(trace_is("bioaIO"),
	      "_local_unwind2 runs the __finally blocks innermost first; _abnormal_termination says so",
	      ntrace);
	trace_reset();
	__try {
		global_unwind_inner((void *)fs0());
	} __finally {
		step('z');
	}
	check(trace_is("gfcFz"),
	      "_global_unwind2 unwinds the frames above the record and unlinks them", ntrace);
}

static volatile ULONGLONG big = 0x123456789abcdef0ull;
static volatile LONGLONG neg = -1000000000007ll;

/* a buffer: -fstack-protector-strong gives this function a cookie check */
static __declspec(noinline) ULONG gs_buffer(ULONG n)
{
	volatile char buf[32];
	ULONG i, sum = 0;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(n + i);
	for (i = 0; i < sizeof(buf); i++)
		sum += buf[i];
	return sum;
}

static void gs_checks(void)
{
	check(__security_cookie != GS_DEFAULT_COOKIE && __security_cookie != 0,
	      "/GS: the loader replaced the default security cookie", __security_cookie);
	check(gs_buffer(1) == 32 + 31 * 32 / 2,
	      "/GS: a function with a checked stack cookie returns", gs_buffer(1));
}

static void arithmetic_checks(void)
{
	ULONGLONG q = big / 0x10001;		/* _aulldiv */
	LONGLONG r = neg % 1000003;		/* _allrem */

	check(q == 0x123456789abcdef0ull / 0x10001, "_aulldiv: 64-bit unsigned division",
	      (ULONG)q);
	check(r == -1000000000007ll % 1000003, "_allrem: 64-bit signed remainder", (ULONG)r);
}

/* Nothing handles this one: vpwrap stops the driver and the call fails. */
static VP_STATUS __stdcall hw_find_adapter(PVOID ext, PVOID hw_context, PVOID args,
				       PVOID config, UCHAR *again)
{
	say("SEH32 raising 0xC0000005 with no handler\n");
	__try {
		ExRaiseStatus(0xC0000005);
	} __except (EXCEPTION_CONTINUE_SEARCH) {
	}
	say("SEH32 FAIL an unhandled exception came back\n");
	return 0;
}

ULONG __stdcall DriverEntry(PVOID driver_object, PVOID registry_path)
{
	seh_checks();
	/* 8. seh_checks() unlinked its record: the chain is empty again */
	check(fs0() == 0xffffffff, "fs:[0] is the empty chain again after the handled exceptions",
	      fs0());
	unwind_checks();
	arithmetic_checks();
	gs_checks();
	say("SEH32 DONE %d\n", failures);
	return register_miniport(driver_object, registry_path, hw_find_adapter);
}
