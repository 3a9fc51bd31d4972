// SPDX-License-Identifier: GPL-2.0
/*
 * KeBugCheckEx: on Windows the machine stops.  Here the driver stops: the
 * call never returns into the driver, the device is unbound, the rest of
 * the kernel goes on.  (Step 5. of the story of a bridge call that
 * bridge.c's opening comment tells; the details follow.)
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
 * Fault containment (contain.c) leaves a faulting driver the same way.
 *
 * When that is not possible (a spin lock held, unwind data missing or
 * corrupt), nothing safe remains: a thread that may sleep parks forever
 * (the module stays pinned, since its code is on that stack); an atomic
 * context panics, which is what the driver asked for.
 */
#include <linux/uaccess.h>
#include "pe-loader/pe_loader.h"
#include "videoport/ibt.h"
#include "videoport/vp.h"
#include "videoport/stop.h"
#include "videoport/export.h"
#include "videoport/nt_unwind.h"

#define VP_UNWIND_FRAMES	256

/* bugcheck64.S */
void KeBugCheckEx(void);

static const struct vp_export __vp_row_KeBugCheckEx
__used __section("vp_exports") __aligned(8) = {
	.name = "KeBugCheckEx", .addr = (void *)KeBugCheckEx,
	.dll = VP_DLL_NTOSKRNL, .status = VP_IMPLEMENTED,
	/* it reads its caller's registers: no stub in between */
	.direct = true,
};

/*
 * The return address inside vp_call_ms: the "leave" after its call.  The
 * start is hidden from the optimiser, which would otherwise fold start + 128
 * into a relocation past the end of vp_call_ms: objtool takes that for an
 * address-taken function without ENDBR.
 */
bool vp_is_bridge_return(u64 rip)
{
	u64 start = (u64)vp_call_ms;
	u8 insn;

	OPTIMIZER_HIDE_VAR(start);
	return rip > start && rip < start + 128 &&
	       !get_kernel_nofault(insn, (const u8 *)rip) && insn == 0xc9;
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
			    u64 p4)
{
	struct vp_ctx *c = vp_ctx_this();
	struct vp_driver *drv = c->depth ? c->drv : NULL;
	const char *name = drv ? drv->name : "?";
	char where[80] = "an unknown address";

	/* Reached without an IBT stub: Linux code from here on. */
	vp_ibt_enter_linux(true);
	if (drv) {
		vp_stop_calls(drv, "called KeBugCheckEx");
		pe_symbolize(drv->img, (void *)regs->rip, where, sizeof(where));
	}
	pr_err("vpwrap: %s: KeBugCheckEx(0x%08llx, 0x%llx, 0x%llx, 0x%llx, 0x%llx) called from %s: the driver is stopped\n",
	       name, code & 0xffffffff, p1, p2, p3, p4, where);
	if (drv && vp_may_abandon(c, !irqs_disabled()) && vp_unwind_to_bridge(drv, regs)) {
		vp_unbind_later(c->adapter);
		pr_err("vpwrap: %s: the call into the driver failed%s\n", name,
		       c->adapter ? "; unbinding its device" : "");
		regs->r[0] = VP_BUGCHECK_STATUS;
		/* back into miniport code (or the bridge, which restores) */
		vp_ibt_leave_linux();
		vp_bugcheck_resume(regs);
		BUG();
	}
	vp_bugcheck_stuck(name, code, "a lock held or no unwind data");
}
