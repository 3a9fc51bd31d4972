// SPDX-License-Identifier: GPL-2.0
/*
 * What KeBugCheckEx (nt_bugcheck.c on x64, bugcheck32.c on x86) and fault
 * containment (contain.c) do once they have stopped a driver: unbind its
 * device later, and decide whether the bridge call that led into the
 * driver may be abandoned.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include "videoport/vp.h"
#include "videoport/stop.h"

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

void vp_unbind_later(struct vp_adapter *a)
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

/*
 * The miniport holds nothing we took for it: the IRQL its context began at
 * (a spin lock or SynchronizeExecution raises it, and turns interrupts off
 * below DIRQL).
 */
bool vp_may_abandon(const struct vp_ctx *c, bool irqs_on)
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
