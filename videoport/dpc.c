// SPDX-License-Identifier: GPL-2.0
/*
 * VideoPortQueueDpc: one DPC object per adapter, as in Windows; queuing it
 * while it is still queued returns FALSE and does not queue the new routine.
 * It runs in a tasklet (softirq), i.e. at DISPATCH_LEVEL.
 */
#include <linux/interrupt.h>
#include "videoport/vp.h"
#include "videoport/export.h"

static void vp_dpc_fn(struct tasklet_struct *t)
{
	struct vp_adapter *a = from_tasklet(a, t, dpc);
	void *fn, *ctx;

	spin_lock_irq(&a->dpc_lock);
	fn = a->dpc_fn;
	ctx = a->dpc_ctx;
	a->dpc_queued = false;
	spin_unlock_irq(&a->dpc_lock);
	if (fn)
		VP_CALL(a->drv, a, fn, a->ext, ctx);
}

void vp_dpc_init(struct vp_adapter *a)
{
	tasklet_setup(&a->dpc, vp_dpc_fn);
}

/*
 * First step of the teardown: from now on neither a DPC can be queued nor
 * the timer started (a DPC or HwTimer may do either, so stopping the timer
 * first could see it re-armed), then the queued DPC, if any, runs out.
 */
void vp_dpc_teardown(struct vp_adapter *a)
{
	spin_lock_irq(&a->dpc_lock);
	a->quiesced = true;
	spin_unlock_irq(&a->dpc_lock);
	tasklet_kill(&a->dpc);
}

VP_EXPORT(VIDEOPRT, u8, VideoPortQueueDpc, void *ext, void *routine, void *context)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	unsigned long flags;
	bool queued = false;

	if (!a || !routine)
		return 0;
	/* scheduled under the lock, so the teardown's tasklet_kill() sees it */
	spin_lock_irqsave(&a->dpc_lock, flags);
	if (!a->dpc_queued && !a->quiesced) {
		a->dpc_queued = true;
		a->dpc_fn = routine;
		a->dpc_ctx = context;
		queued = true;
		tasklet_schedule(&a->dpc);
	}
	spin_unlock_irqrestore(&a->dpc_lock, flags);
	return queued;
}
