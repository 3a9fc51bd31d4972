// SPDX-License-Identifier: GPL-2.0
/*
 * HwVidInterrupt from a shared Linux interrupt handler, at DIRQL, and
 * VideoPortSynchronizeExecution.  a->irq_lock plays the role of the Windows
 * interrupt spin lock: the handler holds it while the miniport's ISR runs,
 * VpHighPriority routines hold it with interrupts off, so the two never run
 * at the same time on any CPU.
 *
 * The handler is never threaded (IRQF_NO_THREAD): PREEMPT_RT would otherwise
 * run it in a task with interrupts on, where the miniport's ISR would not be
 * at DIRQL.  Everything it reaches takes raw spin locks only.
 */
#include <linux/interrupt.h>
#include <linux/pci.h>
#include "videoport/vp.h"
#include "videoport/export.h"

/*
 * A stopped driver (it faulted, possibly in this very call, or called
 * KeBugCheckEx) never acknowledges its device again: a level-triggered
 * line would stay asserted and the kernel would see an interrupt storm
 * nobody handles.  The line is masked and the interrupt counted as handled
 * until the unbind (a work item the stop already queued) frees it.
 */
static irqreturn_t vp_isr(int irq, void *data)
{
	struct vp_adapter *a = data;
	irqreturn_t ret = IRQ_NONE;

	raw_spin_lock(&a->irq_lock);
	if (a->irq_enabled) {
		if ((u8)VP_CALL(a->drv, a, a->drv->hw.interrupt, a->ext))
			ret = IRQ_HANDLED;
		if (READ_ONCE(a->drv->stopped)) {
			a->irq_enabled = false;
			disable_irq_nosync(irq);
			vp_err(a->drv, "%s: the driver is stopped: interrupt %d masked until its device is unbound\n",
			       a->name, irq);
			ret = IRQ_HANDLED;
		}
	}
	raw_spin_unlock(&a->irq_lock);
	return ret;
}

/*
 * After HwFindAdapter: the miniport has an HwInterrupt and left a vector in
 * its config info (clearing BusInterruptLevel/Vector is how a miniport says
 * it does not want its interrupt connected).
 */
int vp_interrupt_setup(struct vp_adapter *a)
{
	int ret;

	if (!a->drv->hw.interrupt || !a->pdev->irq ||
	    (!a->cfg.bus_interrupt_level && !a->cfg.bus_interrupt_vector))
		return 0;
	a->irq_enabled = true;
	ret = request_irq(a->pdev->irq, vp_isr, IRQF_SHARED | IRQF_NO_THREAD,
			  a->drv->name, a);
	if (ret) {
		vp_err(a->drv, "%s: cannot connect interrupt %u: %d\n", a->name,
		       a->pdev->irq, ret);
		a->irq_enabled = false;
		return ret;
	}
	a->irq_requested = true;
	return 0;
}

void vp_interrupt_teardown(struct vp_adapter *a)
{
	unsigned long flags;
	bool masked;

	if (!a->irq_requested)
		return;
	/* from here on no handler enters the miniport or masks the line */
	raw_spin_lock_irqsave(&a->irq_lock, flags);
	masked = !a->irq_enabled;
	a->irq_enabled = false;
	raw_spin_unlock_irqrestore(&a->irq_lock, flags);
	free_irq(a->pdev->irq, a);
	a->irq_requested = false;
	/*
	 * A shared line must not stay masked for the other devices on it.
	 * Unmasked only after our handler is gone: the device may still
	 * assert it (a driver that stopped in its interrupt routine never
	 * acknowledged it).  The last handler's free_irq() shuts the line
	 * down, which resets the mask count.
	 */
	if (masked && irq_has_action(a->pdev->irq))
		enable_irq(a->pdev->irq);
}

/*
 * Windows masks the line at the interrupt controller
 * (HalDisableSystemInterrupt), shared or not; so do we.  The flag, switched
 * under the interrupt lock, also keeps a handler already running on another
 * CPU from entering the miniport once Disable has returned.  Only state
 * changes touch the line, so a repeated call cannot unbalance it.
 */
static u32 vp_interrupt_switch(void *ext, bool on)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	unsigned long flags;
	bool change;

	if (!a || !a->irq_requested)
		return ERROR_INVALID_FUNCTION;
	raw_spin_lock_irqsave(&a->irq_lock, flags);
	change = a->irq_enabled != on;
	a->irq_enabled = on;
	if (change && on)
		enable_irq(a->pdev->irq);
	else if (change)
		disable_irq_nosync(a->pdev->irq);
	raw_spin_unlock_irqrestore(&a->irq_lock, flags);
	return NO_ERROR;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortEnableInterrupt, void *ext)
{
	return vp_interrupt_switch(ext, true);
}

VP_EXPORT(VIDEOPRT, u32, VideoPortDisableInterrupt, void *ext)
{
	return vp_interrupt_switch(ext, false);
}

/*
 * VpLowPriority runs the routine at the caller's IRQL, VpMediumPriority at
 * DISPATCH_LEVEL (bottom halves off), VpHighPriority at DIRQL holding the
 * interrupt lock.  Called from HwVidInterrupt itself (already at DIRQL,
 * lock held) the routine runs directly.
 */
VP_EXPORT(VIDEOPRT, u8, VideoPortSynchronizeExecution, void *ext, u32 priority,
	  void *routine, void *context)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_driver *drv = a ? a->drv : vp_current_driver();
	unsigned long flags;
	u8 old = vp_irql();
	u8 ret;

	if (!routine)
		return 0;
	if (in_hardirq() || priority == VP_LOW_PRIORITY || (priority != VP_MEDIUM_PRIORITY &&
							    priority != VP_HIGH_PRIORITY))
		return (u8)VP_CALL(drv, a, routine, context);
	if (priority == VP_MEDIUM_PRIORITY) {
		if (old >= DISPATCH_LEVEL)
			return (u8)VP_CALL(drv, a, routine, context);
		local_bh_disable();
		vp_irql_set(DISPATCH_LEVEL);
		ret = (u8)VP_CALL(drv, a, routine, context);
		vp_irql_set(old);
		local_bh_enable();
		return ret;
	}
	if (!a)
		return 0;
	raw_spin_lock_irqsave(&a->irq_lock, flags);
	vp_irql_set(VP_DIRQL);
	ret = (u8)VP_CALL(drv, a, routine, context);
	vp_irql_set(old);
	raw_spin_unlock_irqrestore(&a->irq_lock, flags);
	return ret;
}
