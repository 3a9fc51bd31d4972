/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pe_os_user.h - knobs of the userspace OS shim, for tools and tests.
 */
#ifndef VPWRAP_PE_OS_USER_H
#define VPWRAP_PE_OS_USER_H

/* Drop pe_os_warn() output (the fuzzer, tools with --quiet). */
extern int pe_os_user_quiet;

/*
 * Fault injection: when >= 0, the allocation after this many more
 * succeeds fails (then it is set back to -1).
 */
extern int pe_os_user_fail_alloc_after;

/* Allocations (image and bookkeeping) not yet freed: leak checks. */
extern long pe_os_user_live_allocs;

#endif /* VPWRAP_PE_OS_USER_H */
