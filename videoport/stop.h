/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stopping a driver that cannot go on: it called KeBugCheckEx
 * (nt_bugcheck.c) or its code faulted (contain.c).  Both leave the
 * driver's frames the same way: unwind them with the image's unwind data
 * up to the innermost bridge frame and resume the bridge there with a
 * failure, then refuse every later call into the driver and unbind its
 * device from a work item.
 */
#ifndef VPWRAP_VIDEOPORT_STOP_H
#define VPWRAP_VIDEOPORT_STOP_H

#include <linux/compiler.h>
#include <linux/types.h>

struct vp_adapter;
struct vp_ctx;
struct vp_driver;
struct nt_regs;

/* From now on the bridge refuses every call into @drv, naming @why. */
static inline void vp_driver_stop(struct vp_driver *drv, const char *why)
{
	drv->stop_why = why;
	smp_wmb();	/* the reason before the flag the bridge tests */
	WRITE_ONCE(drv->stopped, true);
}

/*
 * The miniport holds nothing we took for it: the emulated IRQL is the one
 * its context level began at, and interrupts are on where they were on at
 * the bridge entry (@irqs_on: the state of the code being left).
 */
bool vp_unwind_safe(const struct vp_ctx *c, bool irqs_on);

/*
 * Unwinds @regs (a context in @drv's code) frame by frame up to the return
 * into the innermost bridge frame (vp_call_ms); false if the unwind data
 * or the stack do not lead there.
 */
bool vp_unwind_to_bridge(const struct vp_driver *drv, struct nt_regs *regs);

/* Unbinds @a's PCI device from a work item (any context; NULL: nothing). */
void vp_schedule_unbind(struct vp_adapter *a);

/* contain.c: the die notifier, while a driver is loaded */
int vp_contain_get(void);
void vp_contain_put(void);

#endif /* VPWRAP_VIDEOPORT_STOP_H */
