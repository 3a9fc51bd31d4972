// SPDX-License-Identifier: GPL-2.0
/*
 * Structured exception handling in a miniport built as MSVC builds them
 * (clang --target=x86_64-pc-windows-msvc or i686-pc-windows-msvc,
 * lld-link), so its scope tables (x64) or exception registrations and
 * scope tables (x86), filters and __finally blocks are the real MSVC
 * shape.  For
 * tests/suites/66-vm-contain.sh.  DriverEntry runs the cases and reports
 * each as "SEH <case>: ok" or "SEH <case>: FAIL ...", then
 * "SEH done: <n> failed", and fails with STATUS_NOT_SUPPORTED: it is a
 * test, not a driver.  Chosen at build time:
 *
 *   (default)              every case below, each handled
 *   -DSEH_UNHANDLED_FAULT  a page fault in __try whose filter declines:
 *                          contained as if there were no handler
 *   -DSEH_UNHANDLED_RAISE  ExRaiseStatus outside any __try: the driver is
 *                          stopped (KMODE_EXCEPTION_NOT_HANDLED)
 *
 * The faulting accesses sit in functions of their own, called inside the
 * __try, so the compiler cannot move them out of it.
 */
typedef unsigned char UCHAR;
typedef unsigned short USHORT;
typedef unsigned int ULONG;
typedef long LONG;
typedef unsigned long long ULONG64;
#ifdef _M_IX86
typedef unsigned int ULONG_PTR;
#else
typedef unsigned long long ULONG_PTR;
#endif
typedef LONG NTSTATUS;

typedef struct _EXCEPTION_RECORD {
	ULONG ExceptionCode;
	ULONG ExceptionFlags;
	struct _EXCEPTION_RECORD *ExceptionRecord;
	void *ExceptionAddress;
	ULONG NumberParameters;
	ULONG_PTR ExceptionInformation[15];
} EXCEPTION_RECORD;

#ifdef _M_IX86
/* the x86 CONTEXT up to Esp (filters only read and change those) */
typedef struct _CONTEXT {
	ULONG ContextFlags;
	ULONG Dr[6];
	UCHAR FloatSave[112];
	ULONG SegGs, SegFs, SegEs, SegDs;
	ULONG Edi, Esi, Ebx, Edx, Ecx, Eax;
	ULONG Ebp, Eip, SegCs, EFlags, Esp;
} CONTEXT;
#define CONTEXT_PC(c)	((c)->Eip)
#define CONTEXT_CX(c)	((c)->Ecx)
#else
/* the x64 CONTEXT up to Rip (filters only read and change those) */
typedef struct _CONTEXT {
	ULONG64 Home[6];
	ULONG ContextFlags, MxCsr;
	USHORT Seg[6];
	ULONG EFlags;
	ULONG64 Dr[6];
	ULONG64 Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi;
	ULONG64 R8, R9, R10, R11, R12, R13, R14, R15, Rip;
} CONTEXT;
#define CONTEXT_PC(c)	((c)->Rip)
#define CONTEXT_CX(c)	((c)->Rcx)
#endif

typedef struct _EXCEPTION_POINTERS {
	EXCEPTION_RECORD *ExceptionRecord;
	CONTEXT *ContextRecord;
} EXCEPTION_POINTERS;

#define STATUS_ACCESS_VIOLATION		0xC0000005
#define STATUS_ILLEGAL_INSTRUCTION	0xC000001D
#define STATUS_INTEGER_DIVIDE_BY_ZERO	0xC0000094
#define STATUS_NOT_SUPPORTED		0xC00000BB
#define MY_STATUS			0xE0000001

/* (__stdcall means something on x86 only) */
__declspec(dllimport) void VideoPortDebugPrint(ULONG level, const char *fmt, ...);
__declspec(dllimport) void __stdcall ExRaiseStatus(NTSTATUS status);
__declspec(dllimport) void __stdcall RtlRaiseException(EXCEPTION_RECORD *rec);

#define say(...) VideoPortDebugPrint(0, __VA_ARGS__)

static ULONG Failed, Seq;
static volatile ULONG_PTR BadAddress = 0x10;
#ifndef _M_IX86
static volatile ULONG_PTR NonCanonical = 0x8000000000000000ull;
#endif
static volatile ULONG Zero;
static volatile ULONG Good = 0x5ec0;

static void Check(const char *name, int ok, ULONG a, ULONG b)
{
	if (ok) {
		say("SEH %s: ok\n", name);
	} else {
		say("SEH %s: FAIL (0x%x 0x%x)\n", name, a, b);
		Failed++;
	}
}

static __declspec(noinline) ULONG ReadAt(ULONG_PTR addr)
{
	return *(volatile ULONG *)addr;
}

/* #GP: a non-canonical address (x64), a selector past the GDT's end (x86) */
static __declspec(noinline) ULONG GpRead(void)
{
#ifdef _M_IX86
	__asm__ volatile("movw %w0, %%es" : : "r"(0xfff8));
	return 0;
#else
	return ReadAt(NonCanonical);
#endif
}

static __declspec(noinline) void Ud(void)
{
	__asm__ volatile("ud2");
}

static __declspec(noinline) ULONG Div0(void)
{
	ULONG q, r;

	__asm__ volatile("divl %4" : "=a"(q), "=d"(r) : "a"(1), "d"(0), "r"(Zero));
	return q + r;
}

/* a load through rcx/ecx, which a filter may point elsewhere and go on */
static __declspec(noinline) ULONG LoadVia(volatile ULONG *p)
{
	ULONG v;

#ifdef _M_IX86
	__asm__ volatile("movl (%%ecx), %0" : "=r"(v) : "c"(p) : "memory");
#else
	__asm__ volatile("movl (%%rcx), %0" : "=r"(v) : "c"(p) : "memory");
#endif
	return v;
}

/* filters: note that they ran, answer @answer */
static ULONG FilterRuns;
static LONG Note(LONG answer)
{
	FilterRuns++;
	return answer;
}

static LONG CheckInfo(EXCEPTION_POINTERS *ep, ULONG code, ULONG_PTR info1, ULONG *seen)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;

	*seen = r->ExceptionCode;
	if (r->ExceptionCode != code)
		return 0;
	if (code == STATUS_ACCESS_VIOLATION &&
	    (r->NumberParameters != 2 || r->ExceptionInformation[0] != 0 ||
	     r->ExceptionInformation[1] != info1))
		return 0;
	/* the context is the faulting instruction's */
	if (CONTEXT_PC(ep->ContextRecord) != (ULONG_PTR)r->ExceptionAddress)
		return 0;
	return 1;
}

static LONG FixRcx(EXCEPTION_POINTERS *ep)
{
	if (ep->ExceptionRecord->ExceptionCode != STATUS_ACCESS_VIOLATION)
		return 0;
	CONTEXT_CX(ep->ContextRecord) = (ULONG_PTR)&Good;
	return -1;	/* EXCEPTION_CONTINUE_EXECUTION: retry the load */
}

static ULONG FinSeq, FinAbnormal;

static __declspec(noinline) void FaultWithFinally(void)
{
	__try {
		ReadAt(BadAddress);
		say("SEH finally-deep: survived the fault\n");
	} __finally {
		FinSeq = ++Seq;
		FinAbnormal = _abnormal_termination();
	}
}

#if !defined(SEH_UNHANDLED_FAULT) && !defined(SEH_UNHANDLED_RAISE)
static void RunAll(void)
{
	ULONG code = 0, reached = 0, inner = 0, outer = 0, seen = 0, v = 0, exc = 0;
	EXCEPTION_RECORD rec = { 0 };

	/* EXCEPTION_EXECUTE_HANDLER for a raised status */
	FilterRuns = 0;
	__try {
		ExRaiseStatus(MY_STATUS);
		reached = 1;
	} __except (Note(1)) {
		code = _exception_code();
	}
	Check("raise-execute", code == MY_STATUS && !reached && FilterRuns == 1, code, reached);

	/* EXCEPTION_CONTINUE_SEARCH from the inner filter, the outer one takes it */
	FilterRuns = 0;
	__try {
		__try {
			ExRaiseStatus(MY_STATUS + 1);
			reached = 1;
		} __except (Note(0)) {
			inner = 1;
		}
	} __except (Note(_exception_code() == MY_STATUS + 1)) {
		outer = 1;
	}
	Check("nested-continue-search", outer && !inner && !reached && FilterRuns == 2,
	      FilterRuns, inner);

	/* EXCEPTION_CONTINUE_EXECUTION for a continuable exception */
	rec.ExceptionCode = MY_STATUS + 2;
	FilterRuns = 0;
	code = 0;
	__try {
		RtlRaiseException(&rec);
		reached = 2;
	} __except (Note(-1)) {
		code = 1;
	}
	Check("continue-execution", reached == 2 && !code && FilterRuns == 1, reached, code);

	/* __finally blocks run, in order, as the unwind leaves their scopes */
	Seq = FinSeq = FinAbnormal = exc = 0;
	__try {
		__try {
			ExRaiseStatus(MY_STATUS + 3);
		} __finally {
			FinSeq = ++Seq;
			FinAbnormal = _abnormal_termination();
		}
	} __except (1) {
		exc = ++Seq;
	}
	Check("finally-unwind", FinSeq == 1 && FinAbnormal && exc == 2, FinSeq, exc);

	/* a __finally left normally */
	FinAbnormal = 7;
	__try {
		reached = 3;
	} __finally {
		FinAbnormal = _abnormal_termination();
	}
	Check("finally-normal", FinAbnormal == 0, FinAbnormal, reached);

	/* CPU exceptions inside __try */
	code = 0;
	__try {
		v = ReadAt(BadAddress);
		reached = 4;
	} __except (CheckInfo(_exception_info(), STATUS_ACCESS_VIOLATION, 0x10, &seen)) {
		code = _exception_code();
	}
	Check("fault-pf", code == STATUS_ACCESS_VIOLATION && reached != 4, seen, v);

	code = 0;
	__try {
		v = GpRead();
		reached = 5;
	} __except (CheckInfo(_exception_info(), STATUS_ACCESS_VIOLATION, ~(ULONG_PTR)0, &seen)) {
		code = _exception_code();
	}
	Check("fault-gp", code == STATUS_ACCESS_VIOLATION && reached != 5, seen, v);

	code = 0;
	__try {
		Ud();
		reached = 6;
	} __except (CheckInfo(_exception_info(), STATUS_ILLEGAL_INSTRUCTION, 0, &seen)) {
		code = _exception_code();
	}
	Check("fault-ud", code == STATUS_ILLEGAL_INSTRUCTION && reached != 6, seen, code);

	code = 0;
	__try {
		v = Div0();
		reached = 7;
	} __except (CheckInfo(_exception_info(), STATUS_INTEGER_DIVIDE_BY_ZERO, 0, &seen)) {
		code = _exception_code();
	}
	Check("fault-de", code == STATUS_INTEGER_DIVIDE_BY_ZERO && reached != 7, seen, code);

	/* a filter that repairs the context and goes on */
	v = 0;
	__try {
		v = LoadVia((volatile ULONG *)BadAddress);
	} __except (FixRcx(_exception_info())) {
		v = 1;
	}
	Check("fault-continue-execution", v == 0x5ec0, v, 0);

	/* a fault two frames down: the callee's __finally, then our __except */
	Seq = FinSeq = FinAbnormal = exc = 0;
	__try {
		FaultWithFinally();
	} __except (1) {
		exc = ++Seq;
	}
	Check("finally-deep", FinSeq == 1 && FinAbnormal && exc == 2, FinSeq, exc);
}
#endif

NTSTATUS __stdcall DriverEntry(void *driver, void *path)
{
#if defined(SEH_UNHANDLED_FAULT)
	ULONG v = 0;

	FilterRuns = 0;
	__try {
		v = ReadAt(BadAddress);
	} __except (Note(0)) {
		v = 1;
	}
	say("SEH survived the fault (%u, %u filter runs)\n", v, FilterRuns);
#elif defined(SEH_UNHANDLED_RAISE)
	ExRaiseStatus(MY_STATUS + 9);
	say("SEH survived the raise\n");
#else
	RunAll();
	say("SEH done: %u failed\n", Failed);
#endif
	return STATUS_NOT_SUPPORTED;
}
