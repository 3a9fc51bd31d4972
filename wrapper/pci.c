// SPDX-License-Identifier: GPL-2.0
/*
 * Binding the miniport to PCI devices.  The ID table is built at load time
 * from the settings file (or pci_ids=, which replaces it).  A driver with no
 * IDs is offered every display-class device and keeps those that videoport
 * says its miniport claims (vp_driver_claims()).
 *
 * Probe removes conflicting firmware framebuffers (drm-glue), saves the VGA
 * text console, starts the adapter in videoport (HwFindAdapter +
 * HwInitialize), then gives it a DRM device (drm-glue); remove takes them
 * down in reverse.  Shutdown (reboot, kexec, power off) takes the display
 * down and hands the adapter back in VGA text mode.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/pci.h>
#include <linux/slab.h>
#include "vpwrap/compat_sysfs.h"
#include "drm-glue/drm_glue.h"
#include "videoport/adapter.h"
#include "videoport/driver.h"
#include "wrapper/registry_text.h"
#include "wrapper/settings.h"
#include "wrapper/wrapper.h"

/* driver_data of the catch-all display-class entry */
#define VPW_MATCH_CLASS	1

static struct vpw_driver *vpw_pci_owner(struct pci_dev *pdev)
{
	return container_of(to_pci_driver(pdev->dev.driver), struct vpw_driver,
			    pdrv);
}

/*
 * <device>/vpwrap/: which miniport serves the device, and its registry
 * (the driver's, as in /sys/module/vpwrap/miniports/<image>/), for
 * "vpwrap status" (tools/settings-format.md).
 */
static ssize_t miniport_show(struct device *dev, struct device_attribute *a,
			     char *buf)
{
	return sysfs_emit(buf, "%s\n", vpw_pci_owner(to_pci_dev(dev))->name);
}

static ssize_t registry_read(struct file *file, struct kobject *kobj,
			     vpw_bin_attr_const struct bin_attribute *attr,
			     char *buf, loff_t off, size_t count)
{
	struct pci_dev *pdev = to_pci_dev(kobj_to_dev(kobj));

	return vpw_registry_read(vpw_pci_owner(pdev)->vp.registry, buf, off, count);
}

/*
 * The mode drm-glue set.  World-readable, so it is served from drm-glue's
 * state: reading it must not make the miniport run (docs/trust-model.md).
 */
static ssize_t mode_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct vp_adapter *a = vp_driver_adapter(to_pci_dev(dev));
	struct vp_mode m;

	if (!a || vpdrm_current_mode(a, &m))
		return sysfs_emit(buf, "none\n");
	if (m.refresh)
		return sysfs_emit(buf, "%ux%u %ubpp %uHz\n", m.width, m.height,
				  m.bpp, m.refresh);
	return sysfs_emit(buf, "%ux%u %ubpp\n", m.width, m.height, m.bpp);
}

/* What the adapter's video BIOS reported (Int10 users only). */
static ssize_t video_bios_show(struct device *dev, struct device_attribute *attr,
			       char *buf)
{
	struct vp_adapter *a = vp_driver_adapter(to_pci_dev(dev));

	return a ? vp_adapter_video_bios(a, buf) : sysfs_emit(buf, "none\n");
}

static DEVICE_ATTR_RO(miniport);
static DEVICE_ATTR_RO(mode);
static DEVICE_ATTR_RO(video_bios);
static BIN_ATTR(registry, 0400, registry_read, NULL, 0);

static struct attribute *vpw_pci_attrs[] = {
	&dev_attr_miniport.attr,
	&dev_attr_mode.attr,
	&dev_attr_video_bios.attr,
	NULL
};

static vpw_bin_attr_const struct bin_attribute *vpw_pci_bin_attrs[] = {
	&bin_attr_registry,
	NULL
};

static const struct attribute_group vpw_pci_group = {
	.name = "vpwrap",
	.attrs = vpw_pci_attrs,
	.bin_attrs = vpw_pci_bin_attrs,
};

static int vpw_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct vpw_driver *drv = vpw_pci_owner(pdev);
	struct vp_adapter *a;
	int ret;

	if (id->driver_data == VPW_MATCH_CLASS &&
	    !vp_driver_claims(&drv->vp, pdev->vendor, pdev->device))
		return -ENODEV;
	/* Before HwFindAdapter touches the hardware, as in any DRM driver. */
	ret = vpdrm_remove_conflicting(pdev);
	if (ret) {
		pci_err(pdev, "%s: firmware framebuffer not removed (%d)\n",
			drv->name, ret);
		return ret;
	}
	vpw_vga_text_save(pdev);
	ret = vp_driver_probe(&drv->vp, pdev);
	if (ret) {
		pci_err(pdev, "%s: adapter not started (%d)\n", drv->name, ret);
		vpw_vga_text_restore(pdev);
		return ret;
	}
	a = vp_driver_adapter(pdev);
	/* Without a DRM device the adapter stays bound, its sysfs files work. */
	if (vpdrm_attach(a))
		pci_warn(pdev, "%s: display client did not attach\n", drv->name);
	pci_info(pdev, "%s: adapter started\n", drv->name);
	ret = device_add_group(&pdev->dev, &vpw_pci_group);
	if (ret) {
		pci_err(pdev, "%s: no vpwrap/ attributes in sysfs (%d)\n", drv->name, ret);
		vpdrm_detach(a);
		vp_driver_remove(&drv->vp, pdev);
		vpw_vga_text_restore(pdev);
	}
	return ret;
}

static void vpw_pci_remove(struct pci_dev *pdev)
{
	struct vpw_driver *drv = vpw_pci_owner(pdev);

	/* "mode" reaches the adapter: gone (readers drained) before it is. */
	device_remove_group(&pdev->dev, &vpw_pci_group);
	vpdrm_detach(vp_driver_adapter(pdev));
	vp_driver_remove(&drv->vp, pdev);
	vpw_vga_text_restore(pdev);
}

/*
 * Reboot, kexec or power off: no display client reaches the adapter any
 * more (the DRM device goes, as at unbind), the monitors are on again, the
 * miniport hears of the shutdown and leaves its modes (RESET_DEVICE), and
 * the VGA text console comes back for the BIOS or the next kernel.
 */
static void vpw_pci_shutdown(struct pci_dev *pdev)
{
	struct vp_adapter *a = vp_driver_adapter(pdev);
	unsigned int i;

	if (!a)
		return;
	vpdrm_detach(a);
	for (i = 0; i < vp_adapter_num_monitors(a); i++)
		vp_adapter_set_monitor_power(a, i, VP_POWER_ON);
	vp_adapter_set_power(a, VP_POWER_SHUTDOWN);
	vp_adapter_reset(a);
	vpw_vga_text_restore(pdev);
}

/*
 * System sleep, as Windows orders it: the display goes off (DRM state saved,
 * monitors to DPMS off), then the adapter to D3 through the miniport's
 * power path; on the way back the adapter returns to D0 first (the miniport
 * programs its mode again), then the saved display state is committed.
 * The PCI core saves and restores the config space around these.  A
 * miniport that refuses a power request is logged; sleep goes on, since the
 * mode set after resume restores the picture either way.
 */
static int vpw_pci_sleep(struct device *dev, enum vp_power_state state)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	struct vp_adapter *a = vp_driver_adapter(pdev);
	int ret;

	if (!a)
		return 0;
	ret = vpdrm_suspend(a);
	if (ret) {
		pci_err(pdev, "%s: display state not saved (%d)\n",
			vpw_pci_owner(pdev)->name, ret);
		return ret;
	}
	ret = vp_adapter_set_power(a, state);
	if (ret && ret != -EOPNOTSUPP)
		pci_warn(pdev, "%s: miniport refused power state %d (%d)\n",
			 vpw_pci_owner(pdev)->name, state, ret);
	return 0;
}

static int vpw_pci_suspend(struct device *dev)
{
	return vpw_pci_sleep(dev, VP_POWER_OFF);
}

static int vpw_pci_poweroff(struct device *dev)
{
	return vpw_pci_sleep(dev, VP_POWER_HIBERNATE);
}

static int vpw_pci_resume(struct device *dev)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	struct vp_adapter *a = vp_driver_adapter(pdev);
	int ret;

	if (!a)
		return 0;
	ret = vp_adapter_set_power(a, VP_POWER_ON);
	if (ret && ret != -EOPNOTSUPP)
		pci_warn(pdev, "%s: miniport refused to power on (%d)\n",
			 vpw_pci_owner(pdev)->name, ret);
	ret = vpdrm_resume(a);
	if (ret)
		pci_err(pdev, "%s: display state not restored (%d)\n",
			vpw_pci_owner(pdev)->name, ret);
	return ret;
}

/* Hibernation image: only the display state; the adapter stays in D0. */
static int vpw_pci_freeze(struct device *dev)
{
	struct vp_adapter *a = vp_driver_adapter(to_pci_dev(dev));

	return a ? vpdrm_suspend(a) : 0;
}

static int vpw_pci_thaw(struct device *dev)
{
	struct vp_adapter *a = vp_driver_adapter(to_pci_dev(dev));

	return a ? vpdrm_resume(a) : 0;
}

static const struct dev_pm_ops vpw_pci_pm = {
	.suspend = vpw_pci_suspend,
	.resume = vpw_pci_resume,
	.freeze = vpw_pci_freeze,
	.thaw = vpw_pci_thaw,
	.poweroff = vpw_pci_poweroff,
	.restore = vpw_pci_resume,
};

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
	drv->pdrv.shutdown = vpw_pci_shutdown;
	drv->pdrv.driver.pm = pm_sleep_ptr(&vpw_pci_pm);
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
