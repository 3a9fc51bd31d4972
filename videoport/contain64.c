// SPDX-License-Identifier: GPL-2.0
/*
 * Fault containment on x86_64 (the shared part is contain.c).
 *
 * The image's own exception handlers see the fault first: if a frame
 * between the fault and the bridge has one (its unwind data says so), the
 * exception returns into the SEH dispatcher (seh64.c), which runs the
 * driver's filters and __except / __finally blocks in the faulting code's
 * context; only if none takes the exception does it come back here
 * (vp_contain_unhandled()).
 *
 * Leaving the driver is what KeBugCheckEx does (nt_bugcheck.c): its frames
 * are unwound with the image's unwind data up to the innermost bridge
 * frame, whose nonvolatile registers and stack pointer the exception
 * returns to.
 *
 * A fault in the interrupt routine (hardirq) is left the same way, to the
 * bridge call in vp_isr() (interrupt.c), which finds the driver stopped,
 * disables the line (the device was never acknowledged) and reports the
 * interrupt handled; the unbind frees it.
 *
 * Not contained, with a message before the kernel's oops: a fault while
 * the driver holds a VideoPort spin lock or runs with interrupts off below
 * DIRQL (no record of what to release), and code whose frames cannot be
 * unwound.
 */
#include <asm/pgtable.h>
#include <asm/trapnr.h>
#include "videoport/vp.h"
#include "videoport/contain.h"
#include "videoport/ibt.h"
#include "videoport/nt_unwind.h"
#include "videoport/seh.h"
#include "videoport/stop.h"

/*
 * Where Linux code lives: the kernel image and the module area (modules,
 * BPF programs).  An instruction pointer there is never a miniport's wild
 * jump; conservative, as data in those areas counts too.
 */
bool vp_linux_code(unsigned long ip)
{
	return ip >= __START_KERNEL_map && ip < MODULES_END;
}

static void vp_regs_to_nt(const struct pt_regs *regs, struct nt_regs *nr)
{
	nr->r[0] = regs->ax;
	nr->r[1] = regs->cx;
	nr->r[2] = regs->dx;
	nr->r[3] = regs->bx;
	nr->r[NT_RSP] = regs->sp;
	nr->r[5] = regs->bp;
	nr->r[6] = regs->si;
	nr->r[7] = regs->di;
	nr->r[8] = regs->r8;
	nr->r[9] = regs->r9;
	nr->r[10] = regs->r10;
	nr->r[11] = regs->r11;
	nr->r[12] = regs->r12;
	nr->r[13] = regs->r13;
	nr->r[14] = regs->r14;
	nr->r[15] = regs->r15;
	nr->rip = regs->ip;
}

/* Resumes the bridge: the context the unwind reached, returning @status. */
static void vp_regs_resume(struct pt_regs *regs, const struct nt_regs *nr, u64 status)
{
	regs->ip = nr->rip;
	regs->sp = nr->r[NT_RSP];
	regs->bx = nr->r[3];
	regs->bp = nr->r[5];
	regs->si = nr->r[6];
	regs->di = nr->r[7];
	regs->r12 = nr->r[12];
	regs->r13 = nr->r[13];
	regs->r14 = nr->r[14];
	regs->r15 = nr->r[15];
	regs->ax = status;
	/* DF, AC, TF and the arithmetic flags as after a call: clear */
	regs->flags = (regs->flags & X86_EFLAGS_IF) | X86_EFLAGS_FIXED;
}

/*
 * Leaves @drv at @nr (its context at the fault) for the innermost bridge
 * call; NULL, or why that is not possible.
 */
static const char *vp_leave(struct vp_ctx *c, struct nt_regs *nr, bool irqs_on)
{
	if (!vp_may_abandon(c, irqs_on))
		return "while it holds a spin lock or runs with interrupts off";
	if (!vp_unwind_to_bridge(c->drv, nr))
		return "its frames cannot be unwound (unwind data missing or damaged)";
	return NULL;
}

void __noreturn vp_contain_unhandled(struct vp_ctx *c, struct vp_seh_fault *f)
{
	const char *why = vp_leave(c, &f->regs, f->rflags & X86_EFLAGS_IF);

	if (why) {
		pr_emerg("vpwrap: %s: %s at %s %s: cannot be contained\n",
			 c->drv->name, f->what, f->where, why);
		vp_stop_calls(c->drv, "faulted");
		vp_bugcheck_stuck(c->drv->name, f->rec.code, why);
	}
	vp_contained(c, f->what, f->where);
	f->regs.r[0] = VP_BUGCHECK_STATUS;
	/* back into the bridge, which restores the rest */
	vp_ibt_leave_linux();
	vp_bugcheck_resume(&f->regs);
	BUG();
}

/*
 * @f at @regs: the image's exception handlers see it first (seh64.c), else
 * the driver is left for its innermost bridge call.
 */
bool vp_contain_arch(struct pt_regs *regs, const struct vp_fault *f)
{
	struct vp_ctx *c = f->c;
	bool bp = f->trapnr == X86_TRAP_BP;
	struct vp_seh_fault sf = { .what = f->what, .rflags = regs->flags };
	const char *why;

	strscpy(sf.where, f->where, sizeof(sf.where));
	vp_regs_to_nt(regs, &sf.regs);
	sf.regs.rip = f->ip;
	if (f->ret) {
		/* as if the call itself had faulted */
		sf.regs.rip = f->ret;
		sf.regs.r[NT_RSP] += 8;
	}
	/*
	 * int3 is handled in an NMI-like context, where nothing of the
	 * recovery may run, so it always takes the way through vp_seh_fault(),
	 * after the exception returned.  A fault in the interrupt routine
	 * takes the same ways as any other: the bridge frame it unwinds to is
	 * the one vp_isr() opened, which then keeps the line quiet.
	 */
	if (nt_exception_from_trap(&sf.rec, f->trapnr, f->ip, f->err, f->cr2) &&
	    vp_seh_take_fault(c, regs, &sf, bp)) {
		vp_contained_oops(f);
		pr_err("vpwrap: %s: %s at %s: exception 0x%08x offered to the driver's exception handlers\n",
		       c->drv->name, f->what, f->where, sf.rec.code);
		return true;
	}
	why = vp_leave(c, &sf.regs, regs->flags & X86_EFLAGS_IF);
	if (why) {
		pr_emerg("vpwrap: %s: %s at %s %s: cannot be contained; the kernel's oops report follows\n",
			 c->drv->name, f->what, f->where, why);
		return false;
	}
	vp_contained_oops(f);
	vp_contained(c, f->what, f->where);
	vp_regs_resume(regs, &sf.regs, VP_BUGCHECK_STATUS);
	return true;
}
