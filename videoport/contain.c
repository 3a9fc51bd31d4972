// SPDX-License-Identifier: GPL-2.0
/*
 * Fault containment: a CPU exception raised by miniport code fails the
 * driver, not the kernel.  This file is the part both architectures
 * share; what follows the decision "ours" is contain64.c's (x86_64) or
 * contain32.c's (i386).
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
 * or the instruction pointer is no Linux code and the return address on
 * top of the stack is in the image (a call to a wild address).  Faults in
 * Linux code or in our exports are not ours: they oops as before.
 *
 * The image's own exception handlers see the fault first, as on Windows
 * (x64: the frames' unwind data names them, seh64.c; x86: the fs:[0]
 * registration chain, seh_x86.c); only if none takes the exception is
 * the driver left.
 *
 * Recovery is what KeBugCheckEx does: the exception returns into the
 * innermost bridge frame as if the miniport function had returned
 * VP_BUGCHECK_STATUS (x64: the driver's frames unwound with the image's
 * unwind data; x86: the frame call32.S recorded), so the bridge's caller
 * finds its state (IRQL record, preemption and the FPU bracket, which the
 * bridge closes itself) exactly as at the bridge entry; the interrupt flag
 * is the faulting code's, which is only accepted when it is the one the
 * context level began with.  The driver is stopped (never entered again)
 * and its device unbound from a work item.
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
#include <asm/special_insns.h>
#include <asm/trapnr.h>
#include "pe-loader/pe_loader.h"
#include "videoport/vp.h"
#include "videoport/contain.h"
#include "videoport/stop.h"

static bool vp_in_image(const struct vp_driver *drv, unsigned long addr)
{
	unsigned long base = (unsigned long)pe_image_base(drv->img);

	return addr >= base && addr - base < pe_image_size(drv->img);
}

void vp_contained(struct vp_ctx *c, const char *what, const char *where)
{
	vp_stop_calls(c->drv, "faulted");
	pr_err("vpwrap: %s: %s at %s: contained; the call into the driver failed and the driver is stopped%s\n",
	       c->drv->name, what, where, c->adapter ? "; unbinding its device" : "");
	vp_unbind_later(c->adapter);
}

void vp_contained_oops(const struct vp_fault *f)
{
	if (f->trapnr == X86_TRAP_PF)
		pr_err("vpwrap: %s: the oops above is the driver's and is contained: no process is killed\n",
		       f->c->drv->name);
}

/*
 * Contains a fault at @regs if it is the current miniport's: CPU exception
 * @trapnr (@err its error code), named @what.
 */
static bool vp_contain(struct pt_regs *regs, unsigned int trapnr, unsigned long err,
		       const char *what)
{
	struct vp_ctx *c = vp_ctx_cur();
	struct vp_driver *drv = c && c->depth ? c->drv : NULL;
	bool bp = trapnr == X86_TRAP_BP;
	/* int3 is a trap: the instruction ends where regs->ip points */
	struct vp_fault f = {
		.c = c, .trapnr = trapnr, .err = err, .what = what, .ip = regs->ip - bp,
	};
	char where[80], detail[64] = "";
	unsigned long ret = 0;

	if (!drv)
		return false;
	if (trapnr == X86_TRAP_PF)
		f.cr2 = read_cr2();
	if (!vp_in_image(drv, f.ip)) {
		/* a call or jump to a wild address: only if it came from the image */
		if (bp || vp_linux_code(f.ip) ||
		    get_kernel_nofault(ret, (unsigned long *)kernel_stack_pointer(regs)) ||
		    !vp_in_image(drv, ret))
			return false;
		snprintf(detail, sizeof(detail), " (a jump to 0x%lx)", regs->ip);
		pe_symbolize(drv->img, (void *)ret, where, sizeof(where));
		f.ret = ret;
	} else {
		if (trapnr == X86_TRAP_PF)
			snprintf(detail, sizeof(detail), " (address 0x%lx)", f.cr2);
		pe_symbolize(drv->img, (void *)f.ip, where, sizeof(where));
	}
	snprintf(f.where, sizeof(f.where), "%s%s", where, detail);
	return vp_contain_arch(regs, &f);
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
