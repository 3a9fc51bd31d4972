// SPDX-License-Identifier: GPL-2.0
/* HwVidTimer, once a second at DISPATCH_LEVEL (a kernel timer: softirq). */
#include <linux/jiffies.h>
#include <linux/timer.h>
#include "vpwrap/compat_time.h"
#include "videoport/vp.h"
#include "videoport/export.h"

static void vp_timer_fn(struct timer_list *t)
{
	struct vp_adapter *a = timer_container_of(a, t, timer);

	if (!READ_ONCE(a->timer_on))
		return;
	VP_CALL(a->drv, a, a->drv->hw.timer, a->ext);
	if (READ_ONCE(a->timer_on))
		mod_timer(&a->timer, jiffies + HZ);
}

void vp_timer_init(struct vp_adapter *a)
{
	timer_setup(&a->timer, vp_timer_fn, 0);
}

/* After vp_dpc_teardown(): nothing can start the timer any more. */
void vp_timer_teardown(struct vp_adapter *a)
{
	/* timer_on stops re-arming also where shutdown is a plain delete */
	WRITE_ONCE(a->timer_on, false);
	timer_shutdown_sync(&a->timer);
}

VP_EXPORT(VIDEOPRT, void, VideoPortStartTimer, void *ext)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	unsigned long flags;

	if (!a || !a->drv->hw.timer)
		return;
	raw_spin_lock_irqsave(&a->dpc_lock, flags);
	if (!a->quiesced) {
		WRITE_ONCE(a->timer_on, true);
		mod_timer(&a->timer, jiffies + HZ);
	}
	raw_spin_unlock_irqrestore(&a->dpc_lock, flags);
}

/*
 * May be called from HwVidTimer itself, so it cannot wait for a running
 * callback; the callback does not re-arm once timer_on is clear.
 */
VP_EXPORT(VIDEOPRT, void, VideoPortStopTimer, void *ext)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);

	if (!a)
		return;
	WRITE_ONCE(a->timer_on, false);
	timer_delete(&a->timer);
}
