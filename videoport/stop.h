/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stopping a driver that cannot go on: it called KeBugCheckEx
 * (nt_bugcheck.c on x64, bugcheck32.c on x86) or its code raised a CPU
 * exception (contain.c).  Both take the same steps: refuse every later
 * call into the driver, leave the bridge call that led into it with a
 * failure when the driver holds nothing we took for it, and unbind its
 * device later (stop.c).  vp_bugcheck_stuck() is inline so that objtool
 * sees it never returns.
 */
#ifndef VPWRAP_VIDEOPORT_STOP_H
#define VPWRAP_VIDEOPORT_STOP_H

#include <linux/module.h>
#include <linux/sched.h>
#include "videoport/vp.h"

/* From now on the bridge refuses every call into @drv, naming @why. */
static inline void vp_stop_calls(struct vp_driver *drv, const char *why)
{
	drv->stop_why = why;
	smp_wmb();	/* the reason before the flag the bridge tests */
	WRITE_ONCE(drv->stopped, true);
}

/* Unbinds @a's PCI device from a work item (any context; NULL: nothing). */
void vp_unbind_later(struct vp_adapter *a);

/*
 * The miniport holds nothing we took for it: the emulated IRQL is the one
 * its context level began at, and interrupts are on where they were on at
 * the bridge entry (@irqs_on: the state of the code being left).
 */
bool vp_may_abandon(const struct vp_ctx *c, bool irqs_on);

#ifdef CONFIG_X86_64
struct nt_regs;

/*
 * Unwinds @regs (a context in @drv's code) frame by frame with the image's
 * unwind data up to the return into the innermost bridge frame
 * (vp_call_ms); false if the unwind data or the stack do not lead there.
 */
bool vp_unwind_to_bridge(const struct vp_driver *drv, struct nt_regs *regs);

/* @rip is the return address into the bridge (vp_call_ms) */
bool vp_is_bridge_return(u64 rip);

/*
 * Stops the driver running at @regs as KeBugCheckEx(@code, @p1..@p4) does:
 * the bridge call that led into it fails (nt_bugcheck.c).
 */
void __noreturn vp_bugcheck(struct nt_regs *regs, u64 code, u64 p1, u64 p2, u64 p3,
			    u64 p4);

/*
 * bugcheck64.S: loads @regs' nonvolatile registers, rax and rsp and
 * returns to regs->rip.  Never returns; not declared __noreturn so that the
 * BUG() after its call stays: objtool cannot see into the assembly and
 * wants a dead end there.
 */
void vp_bugcheck_resume(const struct nt_regs *regs);

#else
/*
 * bugcheck32.c: what KeBugCheckEx does on x86, for a stop that @from (an
 * address in the driver's code) asked for or caused: the driver stops and,
 * when it holds nothing, the bridge call into it fails.  @why is the
 * reason the bridge gives for refusing later calls, @from_what says what
 * @from is ("called from").
 */
void __noreturn vp_bugcheck32(const char *why, const char *from_what, u32 code,
			      win_ulong_ptr p1, win_ulong_ptr p2, win_ulong_ptr p3,
			      win_ulong_ptr p4, const void *from);
#endif

/* contain.c: the die notifier, registered while a driver is started */
int vp_contain_get(void);
void vp_contain_put(void);

/*
 * Nothing safe remains: a thread that may sleep parks forever (the module
 * stays pinned, since its code is on that stack); an atomic context
 * panics, which is what the driver asked for.
 */
static __always_inline void __noreturn vp_bugcheck_stuck(const char *name, u64 code, const char *why)
{
	struct vp_sleep s;

	if (vp_sleep_begin(&s)) {
		pr_err("vpwrap: %s: cannot leave the driver (%s): parking this thread for good; vpwrap stays loaded\n",
		       name, why);
		__module_get(THIS_MODULE);
		vp_unbind_later(s.ctx.adapter);
		for (;;) {
			set_current_state(TASK_IDLE);
			schedule();
		}
	}
	panic("vpwrap: %s: KeBugCheckEx 0x%08llx at IRQL %u with no way back into the kernel\n",
	      name, code & 0xffffffff, vp_irql());
}

#endif /* VPWRAP_VIDEOPORT_STOP_H */
