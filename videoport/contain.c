// SPDX-License-Identifier: GPL-2.0
/*
 * Fault containment: a CPU exception raised by miniport code fails the
 * driver, not the kernel.
 *
 * The hook is the kernel's die-notifier chain, the one kprobes and kgdb
 * use.  For a general protection fault (DIE_GPF), a breakpoint (DIE_INT3,
 * after kprobes and kgdb had their turn), an invalid opcode or a divide
 * error (DIE_TRAP) it runs before the kernel prints anything.  A
 * page fault in kernel mode has no such hook: the chain first sees it as
 * DIE_OOPS, from __die() in page_fault_oops(), after the "BUG: unable to
 * handle page fault" banner and the register dump; the fault is contained
 * there, and the line printed right after the dump says so.  The same
 * holds for a call or jump to an address outside any image (a NULL
 * function pointer): fetching the instruction is a page fault.
 *
 * A fault is ours when the CPU runs a miniport call (this CPU's innermost
 * bridge context) and the faulting instruction is in that driver's image,
 * or the instruction pointer is no kernel text and the return address on
 * top of the stack is in the image (a call to a wild address).  Faults in
 * Linux code or in our exports are not ours: they oops as before.
 *
 * The image's own exception handlers see the fault first, as on Windows:
 * if a frame between the fault and the bridge has one (its unwind data
 * says so), the exception returns into the SEH dispatcher (seh64.c),
 * which runs the driver's filters and __except / __finally blocks in the
 * faulting code's context; only if none takes the exception does it come
 * back here (vp_contain_unhandled()).
 *
 * Recovery is what KeBugCheckEx does (nt_bugcheck.c): the driver's frames
 * are unwound with the image's unwind data up to the innermost bridge
 * frame, and the exception returns there, as if the miniport function had
 * returned VP_BUGCHECK_STATUS: the nonvolatile registers and the stack
 * pointer are the bridge's, so its caller's state (IRQL record, preemption
 * and the FPU bracket, which the bridge closes itself) is exactly as at
 * the bridge entry; the interrupt flag is the faulting code's, which is
 * only accepted when it is the one the context level began with.  The
 * driver is stopped (never entered again) and its device unbound from a
 * work item.
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
#include <linux/kdebug.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/pgtable.h>
#include <asm/special_insns.h>
#include <asm/trapnr.h>
#include "pe-loader/pe_loader.h"
#include "videoport/vp.h"
#include "videoport/ibt.h"
#include "videoport/nt_unwind.h"
#include "videoport/seh.h"
#include "videoport/stop.h"

static bool vp_in_image(const struct vp_driver *drv, u64 addr)
{
	u64 base = (u64)pe_image_base(drv->img);

	return addr >= base && addr - base < pe_image_size(drv->img);
}

/*
 * Where Linux code lives: the kernel image and the module area (modules,
 * BPF programs).  An instruction pointer there is never a miniport's wild
 * jump; conservative, as data in those areas counts too.
 */
static bool vp_linux_code(unsigned long ip)
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

static void vp_contained(struct vp_ctx *c, const char *what, const char *where)
{
	vp_stop_calls(c->drv, "faulted");
	pr_err("vpwrap: %s: %s at %s: contained; the call into the driver failed and the driver is stopped%s\n",
	       c->drv->name, what, where, c->adapter ? "; unbinding its device" : "");
	vp_unbind_later(c->adapter);
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
 * Contains a fault at @regs if it is the current miniport's: CPU exception
 * @trapnr (@err its error code), named @what.  The image's exception
 * handlers see it first (seh64.c).
 */
static bool vp_contain(struct pt_regs *regs, unsigned int trapnr, unsigned long err,
		       const char *what)
{
	struct vp_ctx *c = vp_ctx_cur();
	struct vp_driver *drv = c && c->depth ? c->drv : NULL;
	bool pf = trapnr == X86_TRAP_PF, bp = trapnr == X86_TRAP_BP;
	/* int3 is a trap: the instruction ends where regs->ip points */
	unsigned long ip = regs->ip - bp;
	struct vp_seh_fault f = { .what = what, .rflags = regs->flags };
	char where[80], detail[64] = "";
	unsigned long cr2 = pf ? read_cr2() : 0;
	const char *why;
	u64 ret = 0;

	if (!drv)
		return false;
	if (!vp_in_image(drv, ip)) {
		/* a call or jump to a wild address: only if it came from the image */
		if (bp || vp_linux_code(ip) ||
		    get_kernel_nofault(ret, (u64 *)regs->sp) || !vp_in_image(drv, ret))
			return false;
		snprintf(detail, sizeof(detail), " (a jump to 0x%lx)", regs->ip);
		pe_symbolize(drv->img, (void *)ret, where, sizeof(where));
	} else {
		if (pf)
			snprintf(detail, sizeof(detail), " (address 0x%lx)", cr2);
		pe_symbolize(drv->img, (void *)ip, where, sizeof(where));
	}
	snprintf(f.where, sizeof(f.where), "%s%s", where, detail);

	vp_regs_to_nt(regs, &f.regs);
	f.regs.rip = ip;
	if (ret) {
		/* as if the call itself had faulted */
		f.regs.rip = ret;
		f.regs.r[NT_RSP] += 8;
	}
	/*
	 * int3 is handled in an NMI-like context, where nothing of the
	 * recovery may run, so it always takes the way through vp_seh_fault(),
	 * after the exception returned.  A fault in the interrupt routine
	 * takes the same ways as any other: the bridge frame it unwinds to is
	 * the one vp_isr() opened, which then keeps the line quiet.
	 */
	if (nt_exception_from_trap(&f.rec, trapnr, ip, err, cr2) &&
	    vp_seh_take_fault(c, regs, &f, bp)) {
		if (pf)
			pr_err("vpwrap: %s: the oops above is the driver's and is contained: no process is killed\n",
			       drv->name);
		pr_err("vpwrap: %s: %s at %s: exception 0x%08x offered to the driver's exception handlers\n",
		       drv->name, what, f.where, f.rec.code);
		return true;
	}
	why = vp_leave(c, &f.regs, regs->flags & X86_EFLAGS_IF);
	if (why) {
		pr_emerg("vpwrap: %s: %s at %s %s: cannot be contained; the kernel's oops report follows\n",
			 drv->name, what, f.where, why);
		return false;
	}

	if (pf)
		pr_err("vpwrap: %s: the oops above is the driver's and is contained: no process is killed\n",
		       drv->name);
	vp_contained(c, what, f.where);
	vp_regs_resume(regs, &f.regs, VP_BUGCHECK_STATUS);
	return true;
}

static int vp_die(struct notifier_block *nb, unsigned long val, void *data)
{
	struct die_args *args = data;
	unsigned int trapnr = args->trapnr;
	const char *what;

	if (!args->regs || user_mode(args->regs))
		return NOTIFY_DONE;
	switch (val) {
	case DIE_GPF:
		what = "general-protection fault";
		trapnr = X86_TRAP_GP;
		break;
	case DIE_INT3:
		what = "breakpoint (int3)";
		trapnr = X86_TRAP_BP;
		break;
	case DIE_TRAP:
		if (args->trapnr == X86_TRAP_DE)
			what = "divide error";
		else if (args->trapnr == X86_TRAP_UD)
			what = "invalid opcode";
		else
			return NOTIFY_DONE;
		break;
	case DIE_OOPS:
		/* page_fault_oops() is the only __die("Oops") of a kernel fault */
		if (strcmp(args->str, "Oops"))
			return NOTIFY_DONE;
		what = "page fault";
		trapnr = X86_TRAP_PF;
		break;
	default:
		return NOTIFY_DONE;
	}
	return vp_contain(args->regs, trapnr, args->err, what) ? NOTIFY_STOP : NOTIFY_DONE;
}

static struct notifier_block vp_die_nb = {
	.notifier_call = vp_die,
};

static DEFINE_MUTEX(vp_contain_lock);
static unsigned int vp_contain_users;

int vp_contain_get(void)
{
	int ret = 0;

	mutex_lock(&vp_contain_lock);
	if (!vp_contain_users)
		ret = register_die_notifier(&vp_die_nb);
	if (!ret)
		vp_contain_users++;
	mutex_unlock(&vp_contain_lock);
	return ret;
}

void vp_contain_put(void)
{
	mutex_lock(&vp_contain_lock);
	if (!--vp_contain_users)
		unregister_die_notifier(&vp_die_nb);
	mutex_unlock(&vp_contain_lock);
}
