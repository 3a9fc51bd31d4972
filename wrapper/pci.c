// SPDX-License-Identifier: GPL-2.0
/*
 * Binding the miniport to PCI devices.  The ID table is built at load time
 * from the settings file (or pci_ids=, which replaces it).  A driver with no
 * IDs is offered every display-class device and keeps those that videoport
 * says its miniport claims (vp_driver_claims()).
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/pci.h>
#include <linux/slab.h>
#include "videoport/driver.h"
#include "wrapper/settings.h"
#include "wrapper/wrapper.h"

/* driver_data of the catch-all display-class entry */
#define VPW_MATCH_CLASS	1

static struct vpw_driver *vpw_pci_owner(struct pci_dev *pdev)
{
	return container_of(to_pci_driver(pdev->dev.driver), struct vpw_driver,
			    pdrv);
}

static int vpw_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct vpw_driver *drv = vpw_pci_owner(pdev);
	int ret;

	if (id->driver_data == VPW_MATCH_CLASS &&
	    !vp_driver_claims(drv->vp, pdev->vendor, pdev->device))
		return -ENODEV;
	ret = vp_driver_probe(drv->vp, pdev);
	if (ret)
		pci_err(pdev, "%s: adapter not started (%d)\n", drv->name, ret);
	else
		pci_info(pdev, "%s: adapter started\n", drv->name);
	return ret;
}

static void vpw_pci_remove(struct pci_dev *pdev)
{
	struct vpw_driver *drv = vpw_pci_owner(pdev);

	vp_driver_remove(drv->vp, pdev);
}

static struct pci_device_id *vpw_pci_table(const struct vpw_settings *s)
{
	struct pci_device_id *t;
	unsigned int i;

	/* One extra entry for the class match or the terminator. */
	t = kcalloc(s->nids + 2, sizeof(*t), GFP_KERNEL);
	if (!t)
		return NULL;
	for (i = 0; i < s->nids; i++) {
		t[i].vendor = s->ids[i].vendor;
		t[i].device = s->ids[i].device;
		t[i].subvendor = s->ids[i].subvendor;
		t[i].subdevice = s->ids[i].subdevice;
	}
	if (!s->nids) {
		t[0].vendor = PCI_ANY_ID;
		t[0].device = PCI_ANY_ID;
		t[0].subvendor = PCI_ANY_ID;
		t[0].subdevice = PCI_ANY_ID;
		t[0].class = PCI_BASE_CLASS_DISPLAY << 16;
		t[0].class_mask = 0xff0000;
		t[0].driver_data = VPW_MATCH_CLASS;
	}
	return t;
}

int vpw_pci_register(struct vpw_driver *drv)
{
	int ret;

	drv->id_table = vpw_pci_table(drv->settings);
	if (!drv->id_table)
		return -ENOMEM;
	drv->pdrv.name = "vpwrap";
	drv->pdrv.id_table = drv->id_table;
	drv->pdrv.probe = vpw_pci_probe;
	drv->pdrv.remove = vpw_pci_remove;
	ret = pci_register_driver(&drv->pdrv);
	if (ret)
		return ret;
	drv->pci_registered = true;
	return 0;
}

void vpw_pci_unregister(struct vpw_driver *drv)
{
	if (drv->pci_registered)
		pci_unregister_driver(&drv->pdrv);
	drv->pci_registered = false;
}
