/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Windows exceptions, the parts every architecture shares: the
 * EXCEPTION_RECORD a handler receives, its flags, the values filters and
 * language handlers return, the status codes of CPU exceptions, and the
 * record a CPU exception or a raise becomes (nt_exception.c).  How the
 * record is dispatched to the image's handlers is per architecture: scope
 * tables found through the x64 unwind data (seh64.c), the FS:[0] chain of
 * registration records on x86.
 */
#ifndef VPWRAP_VIDEOPORT_NT_EXCEPTION_H
#define VPWRAP_VIDEOPORT_NT_EXCEPTION_H

#include <linux/build_bug.h>
#include <linux/types.h>
#include "videoport/wintypes.h"

#define NT_EXCEPTION_MAXIMUM_PARAMETERS	15

/* EXCEPTION_RECORD: pointer-sized fields are the architecture's */
struct nt_exception_record {
	u32 code;
	u32 flags;
	struct nt_exception_record *record;	/* the exception this one is about */
	unsigned long address;			/* where it was raised */
	u32 nparams;
	unsigned long info[NT_EXCEPTION_MAXIMUM_PARAMETERS];
};
static_assert(sizeof(struct nt_exception_record) == WIN_ABI(152, 80));

/* ExceptionFlags */
#define NT_EXCEPTION_NONCONTINUABLE	0x01
#define NT_EXCEPTION_UNWINDING		0x02
#define NT_EXCEPTION_EXIT_UNWIND	0x04
#define NT_EXCEPTION_TARGET_UNWIND	0x20

/* EXCEPTION_DISPOSITION: what a language handler returns */
#define NT_EXCEPTION_CONTINUE_EXECUTION	0
#define NT_EXCEPTION_CONTINUE_SEARCH	1

/* What an __except filter returns */
#define NT_FILTER_EXECUTE_HANDLER	1
#define NT_FILTER_CONTINUE_SEARCH	0
#define NT_FILTER_CONTINUE_EXECUTION	(-1)

#define STATUS_BREAKPOINT		0x80000003
#define STATUS_ACCESS_VIOLATION		0xC0000005
#define STATUS_ILLEGAL_INSTRUCTION	0xC000001D
#define STATUS_NONCONTINUABLE_EXCEPTION	0xC0000025
#define STATUS_INTEGER_DIVIDE_BY_ZERO	0xC0000094

/* The bug check Windows raises for an exception no handler took */
#define NT_KMODE_EXCEPTION_NOT_HANDLED	0x1e

/*
 * The record of CPU exception @trapnr (X86_TRAP_*) at @ip: a page fault
 * (@error_code, @cr2) or a general-protection fault is an access
 * violation, with what the access was and its address as Windows gives
 * them (a general-protection fault: address ~0); invalid opcode, divide
 * error and breakpoint have their own codes.  False for other traps.
 */
bool nt_exception_from_trap(struct nt_exception_record *rec, unsigned int trapnr,
			    unsigned long ip, unsigned long error_code, unsigned long cr2);

/* A raised exception (ExRaiseStatus and friends): @code at @ip. */
void nt_exception_raised(struct nt_exception_record *rec, u32 code, u32 flags,
			 unsigned long ip);

#endif /* VPWRAP_VIDEOPORT_NT_EXCEPTION_H */
