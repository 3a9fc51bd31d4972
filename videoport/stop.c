// SPDX-License-Identifier: GPL-2.0
/*
 * What KeBugCheckEx (nt_bugcheck.c on x64, bugcheck32.c on x86) does once
 * it has stopped a driver: unbind its device later, decide whether the
 * bridge call that led into the driver may be abandoned, and what remains
 * when it may not.
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

/* The miniport holds nothing we took for it: the IRQL its context began at. */
bool vp_may_abandon(const struct vp_ctx *c)
{
	switch (vp_level()) {
	case 0:
		return c->irql == PASSIVE_LEVEL && !irqs_disabled();
	case 1:
		return c->irql == DISPATCH_LEVEL && !irqs_disabled();
	default:
		return c->irql == VP_DIRQL;
	}
}
