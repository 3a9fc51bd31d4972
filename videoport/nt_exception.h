/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Windows structured exceptions, the part every architecture shares: the
 * exception record, its flags, what a handler answers, and the raise
 * entry points' common first step.  Dispatching is per architecture (x86:
 * seh_x86.c walks the fs:[0] chain of registration records).
 */
#ifndef VPWRAP_VIDEOPORT_NT_EXCEPTION_H
#define VPWRAP_VIDEOPORT_NT_EXCEPTION_H

#include <linux/string.h>
#include "videoport/wintypes.h"

#define WIN_EXCEPTION_MAXIMUM_PARAMETERS	15

/* ExceptionFlags */
#define WIN_EXCEPTION_NONCONTINUABLE	0x01
#define WIN_EXCEPTION_UNWINDING		0x02
#define WIN_EXCEPTION_EXIT_UNWIND	0x04
#define WIN_EXCEPTION_UNWIND		(WIN_EXCEPTION_UNWINDING | WIN_EXCEPTION_EXIT_UNWIND)

/* EXCEPTION_DISPOSITION, what a frame's handler answers */
#define WIN_EXCEPTION_CONTINUE_EXECUTION	0
#define WIN_EXCEPTION_CONTINUE_SEARCH		1

/* what a __except filter answers */
#define WIN_FILTER_EXECUTE_HANDLER	1
#define WIN_FILTER_CONTINUE_SEARCH	0
#define WIN_FILTER_CONTINUE_EXECUTION	(-1)

#define WIN_STATUS_NONCONTINUABLE_EXCEPTION	0xC0000025u

/* EXCEPTION_RECORD */
struct win_exception_record {
	u32 code;
	u32 flags;
	struct win_exception_record *record;
	void *address;
	u32 nparams;
	win_ulong_ptr info[WIN_EXCEPTION_MAXIMUM_PARAMETERS];
};
static_assert(sizeof(struct win_exception_record) == WIN_ABI(152, 80));

/* EXCEPTION_POINTERS, what GetExceptionInformation() returns */
struct win_exception_pointers {
	struct win_exception_record *record;
	void *context;
};

/*
 * The record ExRaiseStatus(@status) raises from @address: noncontinuable,
 * no parameters.
 */
static inline void nt_exception_status(struct win_exception_record *r, u32 status,
				       void *address)
{
	memset(r, 0, sizeof(*r));
	r->code = status;
	r->flags = WIN_EXCEPTION_NONCONTINUABLE;
	r->address = address;
}

#endif /* VPWRAP_VIDEOPORT_NT_EXCEPTION_H */
