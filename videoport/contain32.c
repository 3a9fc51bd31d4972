// SPDX-License-Identifier: GPL-2.0
/*
 * Fault containment on i386 (the shared part is contain.c).
 *
 * Miniport code runs with FS = its processor control region (kpcr.h); the
 * i386 entry code saved that FS in the exception's frame and loaded
 * Linux's per-CPU selector, so the notifier runs as ordinary Linux code.
 * Wherever the exception returns to Linux code, the frame's FS becomes
 * Linux's too; only a return into the driver's code (a filter continued
 * the exception) loads the region again.
 *
 * The image's own exception handlers see the fault first, as on Windows:
 * if this bridge call's exception chain (fs:[0]) holds a registration,
 * the exception returns into vp_fault32() below the faulting frame, which
 * offers it to the chain (seh_x86.c, with the faulting registers as the
 * CONTEXT a filter reads and may change).  A filter's __except block goes
 * on in the faulting frame, a continued exception at the (possibly
 * changed) context.  A breakpoint takes the same way even with an empty
 * chain: int3 is handled in an NMI-like context, where nothing of the
 * recovery may run.
 *
 * Leaving the driver needs no unwind data: call32.S recorded where the
 * innermost bridge call keeps its saved registers, and the exception
 * returns there (vp_call_resume) as if the miniport function had returned
 * VP_BUGCHECK_STATUS, dropping the driver's frames, as KeBugCheckEx does
 * (bugcheck32.c).  A fault in the interrupt routine returns to the bridge
 * call in vp_isr() (interrupt.c), which finds the driver stopped, masks
 * the line and reports the interrupt handled.
 *
 * Not contained, with a message before the kernel's oops: a fault while
 * the driver holds a VideoPort spin lock or runs with interrupts off below
 * DIRQL.  A fault in a filter or __finally block the dispatcher runs is
 * not offered to the handlers again: it stops the driver.
 */
#include <linux/percpu.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/trapnr.h>
#include "videoport/vp.h"
#include "videoport/contain.h"
#include "videoport/kpcr.h"
#include "videoport/seh32.h"
#include "videoport/stop.h"

/* call32.S: where a bridge call returns with eax:edx as its result */
extern const u8 vp_call_resume[];

/* A fault handed from the notifier to vp_fault32() on the same CPU and level. */
struct vp_fault32 {
	struct nt_exception_record rec;
	struct vp_x86_context ctx;
	const char *what;
	char where[160];
	bool offer;		/* the chain has a registration to offer it to */
};

static DEFINE_PER_CPU(struct vp_fault32, vp_fault32_pending[3]);

/*
 * Linux's side of the address space: the kernel image, the direct map
 * and the vmalloc area with the modules.  A miniport's image lies there
 * too, but an instruction pointer there outside the image is never taken
 * for a wild jump: conservative.
 */
bool vp_linux_code(unsigned long ip)
{
	return ip >= PAGE_OFFSET;
}

/* The context a filter sees: the faulting registers (a wild call: the call's). */
static void vp_fault32_context(struct vp_x86_context *x, struct pt_regs *regs,
			       const struct vp_fault *f)
{
	memset(x, 0, sizeof(*x));
	x->context_flags = VP_X86_CONTEXT_CONTROL | VP_X86_CONTEXT_INTEGER |
			   VP_X86_CONTEXT_SEGMENTS;
	x->edi = regs->di;
	x->esi = regs->si;
	x->ebx = regs->bx;
	x->edx = regs->dx;
	x->ecx = regs->cx;
	x->eax = regs->ax;
	x->ebp = regs->bp;
	x->eip = f->ret ? f->ret : f->ip;
	x->esp = kernel_stack_pointer(regs) + (f->ret ? 4 : 0);
	x->eflags = regs->flags;
	x->seg_cs = regs->cs;
	x->seg_ss = __KERNEL_DS;
	x->seg_ds = regs->ds;
	x->seg_es = regs->es;
	x->seg_fs = regs->fs;
}

/* Back into the bridge, as vp_call_abandon() does, from the exception. */
static void vp_fault32_resume(struct pt_regs *regs, struct vp_frame *frame)
{
	frame->popped = -1;
	regs->sp = frame->esp;
	regs->bp = frame->esp + 12;
	regs->ax = VP_BUGCHECK_STATUS;
	regs->dx = 0;
	regs->ip = (unsigned long)vp_call_resume;
	regs->fs = __KERNEL_PERCPU;
	/* DF, AC, TF and the arithmetic flags as after a call: clear */
	regs->flags = (regs->flags & X86_EFLAGS_IF) | X86_EFLAGS_FIXED;
}

/* Leaves @c's driver for its innermost bridge call, from vp_fault32(). */
static void __noreturn vp_fault32_leave(struct vp_ctx *c, const struct vp_fault32 *f)
{
	static const char why[] = "while it holds a spin lock or runs with interrupts off";

	if (!vp_may_abandon(c, f->ctx.eflags & X86_EFLAGS_IF)) {
		pr_emerg("vpwrap: %s: %s at %s %s: cannot be contained\n",
			 c->drv->name, f->what, f->where, why);
		vp_stop_calls(c->drv, "faulted");
		vp_bugcheck_stuck(c->drv->name, f->rec.code, why);
	}
	vp_contained(c, f->what, f->where);
	vp_call_abandon(c->frame);
}

/*
 * Entered from the exception's return (vp_contain_arch()), never called:
 * on the faulting stack, below the faulting frame, with Linux's FS and
 * preemption off as in the miniport call.
 */
static void __noreturn vp_fault32(void)
{
	struct vp_ctx *c = vp_ctx_cur();
	struct vp_fault32 f = *this_cpu_ptr(&vp_fault32_pending[vp_ctx_level_of(c)]);
	u32 flags = f.ctx.eflags, esp = f.ctx.esp;
	const char *why;

	if (!f.offer)
		vp_fault32_leave(c, &f);
	why = vp_seh32_dispatch(&f.rec, &f.ctx);
	if (!why && f.ctx.esp < esp)
		why = "a filter moved the stack pointer below the fault";
	if (!why) {
		/* a filter continued it: the context it left, flags checked */
		f.ctx.eflags = (f.ctx.eflags & (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF |
						X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_DF |
						X86_EFLAGS_OF)) |
			       (flags & X86_EFLAGS_IF) | X86_EFLAGS_FIXED;
		vp_seh32_continue(&f.ctx);
	}
	pr_err("vpwrap: %s: %s at %s: no exception handler of the driver took it (%s)\n",
	       c->drv->name, f.what, f.where, why);
	vp_fault32_leave(c, &f);
}

bool vp_contain_arch(struct pt_regs *regs, const struct vp_fault *f)
{
	struct vp_ctx *c = f->c;
	struct vp_fault32 *p = this_cpu_ptr(&vp_fault32_pending[vp_ctx_level_of(c)]);
	bool offer = vp_kpcr_chain() != VP_SEH_CHAIN_END && !c->frame->seh_busy;
	unsigned long sp;

	if (!offer && f->trapnr != X86_TRAP_BP) {
		if (!vp_may_abandon(c, regs->flags & X86_EFLAGS_IF)) {
			pr_emerg("vpwrap: %s: %s at %s while it holds a spin lock or runs with interrupts off: cannot be contained; the kernel's oops report follows\n",
				 c->drv->name, f->what, f->where);
			return false;
		}
		vp_contained_oops(f);
		vp_contained(c, f->what, f->where);
		vp_fault32_resume(regs, c->frame);
		return true;
	}
	if (!nt_exception_from_trap(&p->rec, f->trapnr, f->ip, f->err, f->cr2))
		return false;
	vp_fault32_context(&p->ctx, regs, f);
	p->what = f->what;
	strscpy(p->where, f->where, sizeof(p->where));
	p->offer = offer;
	vp_contained_oops(f);
	if (offer)
		pr_err("vpwrap: %s: %s at %s: exception 0x%08x offered to the driver's exception handlers\n",
		       c->drv->name, f->what, f->where, p->rec.code);
	/*
	 * Return from the exception into vp_fault32() as if called, below the
	 * faulting frame (room for vp_seh32_continue()'s staging slots).
	 */
	sp = p->ctx.esp;
	regs->sp = ((sp - 64) & ~15ul) - 4;
	regs->ip = (unsigned long)vp_fault32;
	regs->fs = __KERNEL_PERCPU;
	regs->flags = (regs->flags & X86_EFLAGS_IF) | X86_EFLAGS_FIXED;
	return true;
}
