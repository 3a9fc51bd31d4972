// SPDX-License-Identifier: GPL-2.0
/*
 * KeBugCheckEx: on Windows the machine stops.  Here the driver stops: the
 * call never returns into the driver, the device is unbound, the rest of
 * the kernel goes on.
 *
 * The least bad way out of a function that must not return is to finish
 * the bridge call that led into the driver, as if the miniport function
 * the bridge called had returned a failure.  The caller's frames are
 * unwound with the image's own x64 unwind data (nt_unwind.c) up to the
 * innermost bridge frame (vp_call_ms in call64.S), whose nonvolatile
 * registers that restores; then vp_bugcheck_resume() returns into the
 * bridge with VP_BUGCHECK_STATUS.  That value is non-zero with a zero low
 * byte, so it reads as a failure wherever the bridge's caller looks:
 * NTSTATUS (DriverEntry), VP_STATUS (HwFindAdapter) or BOOLEAN (HwStartIO,
 * HwInitialize, HwInterrupt).  No Linux lock is held across the dropped
 * frames except those a miniport takes through our exports, so this is
 * only done when the driver holds none (the emulated IRQL is the one its
 * context started at).  If that bridge call was a nested one (a routine of
 * the driver run by one of our exports, e.g. VideoPortSynchronizeExecution),
 * the driver's outer code goes on; from now on the bridge refuses every
 * call into the driver (drv->stopped), so nothing of it is entered again.
 *
 * When that is not possible (a spin lock held, unwind data missing or
 * corrupt), nothing safe remains: a thread that may sleep parks forever
 * (the module stays pinned, since its code is on that stack); an atomic
 * context panics, which is what the driver asked for.
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include "pe-loader/pe_loader.h"
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/nt_unwind.h"
#include "videoport/stop.h"

#define VP_UNWIND_FRAMES	256

/* bugcheck64.S */
void KeBugCheckEx(void);
/* does not return; not declared __noreturn, which objtool cannot know of */
void vp_bugcheck_resume(const struct nt_regs *regs);
/* call64.S */
u64 vp_call_ms(const void *fn, const u64 *args);

static const struct vp_export __vp_row_KeBugCheckEx
__used __section("vp_exports") __aligned(8) = {
	.name = "KeBugCheckEx", .addr = (void *)KeBugCheckEx,
	.dll = VP_DLL_NTOSKRNL, .status = VP_IMPLEMENTED,
};

struct vp_unbind {
	struct work_struct work;
	struct pci_dev *pdev;
};

static void vp_unbind_fn(struct work_struct *w)
{
	struct vp_unbind *u = container_of(w, struct vp_unbind, work);

	/* a no-op if the bugcheck made the probe fail */
	device_release_driver(&u->pdev->dev);
	pci_dev_put(u->pdev);
	kfree(u);
	module_put(THIS_MODULE);
}

void vp_schedule_unbind(struct vp_adapter *a)
{
	struct vp_unbind *u;

	if (!a || !try_module_get(THIS_MODULE))
		return;
	u = kzalloc(sizeof(*u), GFP_ATOMIC);
	if (!u) {
		module_put(THIS_MODULE);
		return;
	}
	INIT_WORK(&u->work, vp_unbind_fn);
	u->pdev = pci_dev_get(a->pdev);
	schedule_work(&u->work);
}

/* The return address inside vp_call_ms: the "leave" after its call. */
static bool vp_is_bridge_return(u64 rip)
{
	u64 start = (u64)vp_call_ms;
	u8 insn;

	return rip > start && rip < start + 128 &&
	       !get_kernel_nofault(insn, (const u8 *)rip) && insn == 0xc9;
}

bool vp_unwind_safe(const struct vp_ctx *c, bool irqs_on)
{
	switch (vp_level()) {
	case 0:
		return c->irql == PASSIVE_LEVEL && irqs_on;
	case 1:
		return c->irql == DISPATCH_LEVEL && irqs_on;
	default:
		return c->irql == VP_DIRQL;
	}
}

bool vp_unwind_to_bridge(const struct vp_driver *drv, struct nt_regs *regs)
{
	u64 rsp0 = regs->r[NT_RSP];
	unsigned int n;

	for (n = 0; n < VP_UNWIND_FRAMES; n++) {
		if (vp_is_bridge_return(regs->rip))
			return regs->r[NT_RSP] > rsp0 && regs->r[NT_RSP] - rsp0 < THREAD_SIZE;
		if (!nt_unwind_frame(drv->img, regs))
			return false;
	}
	return false;
}

void __noreturn vp_bugcheck(struct nt_regs *regs, u64 code, u64 p1, u64 p2, u64 p3,
			    u64 p4);
void __noreturn vp_bugcheck(struct nt_regs *regs, u64 code, u64 p1, u64 p2, u64 p3,
			    u64 p4)
{
	struct vp_ctx *c = vp_ctx_this();
	struct vp_driver *drv = c->depth ? c->drv : NULL;
	const char *name = drv ? drv->name : "?";
	char where[80] = "an unknown address";
	struct vp_sleep s;

	if (drv) {
		vp_driver_stop(drv, "called KeBugCheckEx");
		pe_symbolize(drv->img, (void *)regs->rip, where, sizeof(where));
	}
	pr_err("vpwrap: %s: KeBugCheckEx(0x%08llx, 0x%llx, 0x%llx, 0x%llx, 0x%llx) called from %s: the driver is stopped\n",
	       name, code & 0xffffffff, p1, p2, p3, p4, where);
	if (drv && vp_unwind_safe(c, !irqs_disabled()) && vp_unwind_to_bridge(drv, regs)) {
		vp_schedule_unbind(c->adapter);
		pr_err("vpwrap: %s: the call into the driver failed%s\n", name,
		       c->adapter ? "; unbinding its device" : "");
		regs->r[0] = VP_BUGCHECK_STATUS;
		vp_bugcheck_resume(regs);
		BUG();
	}
	if (vp_sleep_begin(&s)) {
		pr_err("vpwrap: %s: cannot leave the driver (a lock held or no unwind data): parking this thread for good; vpwrap stays loaded\n",
		       name);
		__module_get(THIS_MODULE);
		vp_schedule_unbind(s.ctx.adapter);
		for (;;) {
			set_current_state(TASK_IDLE);
			schedule();
		}
	}
	panic("vpwrap: %s: KeBugCheckEx 0x%08llx at IRQL %u with no way back into the kernel\n",
	      name, code & 0xffffffff, vp_irql());
}
