/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x64 structured exception handling (seh64.c): exceptions the miniport
 * raises, and CPU exceptions in its code that fault containment
 * (contain.c) offers to the image's handlers before it stops the driver.
 */
#ifndef VPWRAP_VIDEOPORT_SEH_H
#define VPWRAP_VIDEOPORT_SEH_H

#include <linux/ptrace.h>
#include "videoport/nt_exception.h"
#include "videoport/nt_unwind.h"
#include "videoport/vp.h"

/* A CPU exception in miniport code, as contain.c found it. */
struct vp_seh_fault {
	struct nt_regs regs;		/* the faulting context */
	u64 rflags;
	struct nt_exception_record rec;
	const char *what;		/* "page fault", ... */
	char where[160];		/* "driver.sys+0xRVA (address 0x...)" */
};

/*
 * Called from the die notifier for a fault of @c's driver at @regs, with
 * @f filled: if a frame between the fault and the bridge has a language
 * handler, or @always, @regs is pointed at the dispatcher, which runs after
 * the exception returns, in the faulting code's context, and contains the
 * fault if no handler takes it; true then.  False: no handler could take
 * it (and @always is false).
 */
bool vp_seh_take_fault(struct vp_ctx *c, struct pt_regs *regs, const struct vp_seh_fault *f,
		       bool always);

/*
 * contain.c: leaves @c's driver at the context @f (no handler took the
 * exception): stops the driver and resumes the bridge with a failure, or
 * says why it cannot and parks the thread / panics.
 */
void __noreturn vp_contain_unhandled(struct vp_ctx *c, struct vp_seh_fault *f);

#endif /* VPWRAP_VIDEOPORT_SEH_H */
