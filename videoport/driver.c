// SPDX-License-Identifier: GPL-2.0
/*
 * A loaded miniport: DriverEntry, VideoPortInitialize, and binding to PCI
 * devices (HwFindAdapter + HwInitialize): driver.h, for the wrapper.
 */
#include <linux/pci.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "pe-loader/pe_loader.h"
#include "videoport/driver.h"
#include "videoport/registry_store.h"
#include "videoport/vp.h"
#include "videoport/adapter.h"
#include "videoport/stop.h"
#include "videoport/export.h"

static LIST_HEAD(vp_adapters);
static DEFINE_SPINLOCK(vp_adapters_lock);

void vp_adapter_link(struct vp_adapter *a)
{
	spin_lock(&vp_adapters_lock);
	list_add_rcu(&a->node, &vp_adapters);
	spin_unlock(&vp_adapters_lock);
}

void vp_adapter_unlink(struct vp_adapter *a)
{
	spin_lock(&vp_adapters_lock);
	list_del_rcu(&a->node);
	spin_unlock(&vp_adapters_lock);
	synchronize_rcu();
}

/*
 * Any context: the exports find their adapter by the extension pointer.
 * RCU covers the walk only (an adapter unlinked meanwhile is not freed
 * under it: vp_adapter_unlink() waits).  The adapter returned stays valid
 * for another reason: the caller is miniport code running for it, and
 * vp_adapter_destroy() frees an adapter only after every path into its
 * miniport code has ended (client detached, interrupt, DPC and timer torn
 * down) and it is unlinked.  A miniport passing another adapter's stale
 * extension is outside that rule, as on Windows.
 */
struct vp_adapter *vp_adapter_from_ext(const void *ext)
{
	struct vp_adapter *a, *found = NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(a, &vp_adapters, node) {
		if (a->ext == ext) {
			found = a;
			break;
		}
	}
	rcu_read_unlock();
	if (!found)
		vp_warn_once(vp_current_driver(), VP_ONCE_BAD_EXT,
			     "unknown HwDeviceExtension %p passed to the Video Port\n", ext);
	return found;
}

/*
 * VideoPortInitialize: called from DriverEntry, once per bus type the
 * miniport supports.  We keep the PCI (or, for legacy NT4 miniports, the
 * first) registration; HwFindAdapter runs later, when the wrapper binds a
 * device.
 */
VP_EXPORT(VIDEOPRT, u32, VideoPortInitialize, void *arg1, void *arg2,
	  const struct win_hw_init_data *hw, void *context)
{
	struct vp_driver *drv = vp_current_driver();
	u32 size;

	if (!drv || arg1 != drv->driver_object || !hw)
		return STATUS_INVALID_PARAMETER;
	size = hw->size;
	if (size != VP_HW_INIT_SIZE_NT4 && size != VP_HW_INIT_SIZE_W2K &&
	    size != VP_HW_INIT_SIZE_XP && size < VP_HW_INIT_SIZE_XP) {
		vp_err(drv, "VideoPortInitialize: HwInitDataSize %u is none of NT4 (%u), W2K (%u), XP (%u)\n",
		       size, VP_HW_INIT_SIZE_NT4, VP_HW_INIT_SIZE_W2K, VP_HW_INIT_SIZE_XP);
		return STATUS_REVISION_MISMATCH;
	}
	if (!hw->find_adapter || !hw->start_io) {
		vp_err(drv, "VideoPortInitialize: no HwFindAdapter or HwStartIO\n");
		return STATUS_INVALID_PARAMETER;
	}
	if (drv->initialized && (drv->hw.interface_type == WIN_BUS_PCI ||
				 hw->interface_type != WIN_BUS_PCI))
		return STATUS_SUCCESS;	/* keep the PCI registration */
	memset(&drv->hw, 0, sizeof(drv->hw));
	memcpy(&drv->hw, hw, min_t(u32, size, sizeof(drv->hw)));
	drv->hw.size = size;
	drv->hw_context = context;
	drv->initialized = true;
	vp_info(drv, "VideoPortInitialize: %s HW_INITIALIZATION_DATA, bus %u, extension %u bytes\n",
		size == VP_HW_INIT_SIZE_NT4 ? "NT4" : size == VP_HW_INIT_SIZE_W2K ? "W2K" : "XP",
		hw->interface_type, hw->device_extension_size);
	return STATUS_SUCCESS;
}

static void vp_set_regpath(struct vp_driver *drv)
{
	static const char prefix[] = "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\";
	char path[ARRAY_SIZE(drv->regpath_buf)];
	size_t i, n;

	n = snprintf(path, sizeof(path), "%s%s", prefix, drv->name);
	n = min(n, sizeof(path) - 1);
	/* the service name has no ".sys" */
	if (n > 4 && !strcasecmp(path + n - 4, ".sys"))
		n -= 4;
	for (i = 0; i < n; i++)
		drv->regpath_buf[i] = path[i];
	drv->regpath_buf[n] = 0;
	drv->regpath.length = n * 2;
	drv->regpath.maximum_length = (n + 1) * 2;
	drv->regpath.buffer = drv->regpath_buf;
}

int vp_driver_init(struct vp_driver *drv, const char *name)
{
	unsigned int i;

	for (i = 0; i < VP_LOCK_CLASSES; i++)
		lockdep_register_key(&drv->lock_keys[i]);
	drv->name = name;
	INIT_LIST_HEAD(&drv->adapters);
	INIT_LIST_HEAD(&drv->pool);
	raw_spin_lock_init(&drv->pool_lock);
	/* generous: a conformance run prints ~100 lines at once */
	ratelimit_state_init(&drv->print_rs, 5 * HZ, 200);
	ratelimit_set_flags(&drv->print_rs, RATELIMIT_MSG_ON_RELEASE);
	drv->registry = vpw_registry_create();
	return drv->registry ? 0 : -ENOMEM;
}

void vp_driver_release(struct vp_driver *drv)
{
	unsigned int i;

	vpw_registry_destroy(drv->registry);
	drv->registry = NULL;
	for (i = 0; i < VP_LOCK_CLASSES; i++)
		lockdep_unregister_key(&drv->lock_keys[i]);
}

u32 vp_driver_start(struct vp_driver *drv, struct pe_image *img)
{
	void *entry;
	u32 st;

	/* The bridge runs the kernel's own architecture only. */
	if (pe_image_machine(img) != WIN_ABI(PE_MACHINE_AMD64, PE_MACHINE_I386)) {
		vp_err(drv, "%s\n",
		       WIN_ABI("a 32-bit (i386) miniport cannot run on this 64-bit kernel; it was parsed and linked only",
			       "a 64-bit (AMD64) miniport cannot run on this 32-bit kernel; it was parsed and linked only"));
		return STATUS_INVALID_IMAGE_FORMAT;
	}
	entry = pe_entry_point(img);
	if (!entry) {
		vp_err(drv, "image has no entry point (DriverEntry)\n");
		return STATUS_INVALID_IMAGE_FORMAT;
	}
	drv->img = img;
	vp_set_regpath(drv);
	if (vp_contain_get())
		return STATUS_INSUFFICIENT_RESOURCES;

	st = (u32)VP_CALL(drv, NULL, entry, drv->driver_object, &drv->regpath);
	if (st != STATUS_SUCCESS || !drv->initialized) {
		vp_err(drv, "DriverEntry failed: status 0x%08x%s\n", st,
		       drv->initialized ? "" : " (VideoPortInitialize was not called successfully)");
		vp_pool_free_all(drv);
		vp_contain_put();
		return st ?: STATUS_UNSUCCESSFUL;
	}
	drv->started = true;
	vp_debugfs_get();
	return STATUS_SUCCESS;
}

bool vp_driver_claims(struct vp_driver *drv, u16 vendor, u16 device)
{
	/* The wrapper matches IDs; we only say whether the miniport can bind at all. */
	return drv && drv->initialized;
}

/* A Video Port status as an errno (adapter.h's table). */
int vp_status_to_errno(u32 st)
{
	switch (st) {
	case NO_ERROR:
		return 0;
	case ERROR_INVALID_PARAMETER:
	case STATUS_INVALID_PARAMETER:
		return -EINVAL;
	case ERROR_NOT_ENOUGH_MEMORY:
	case STATUS_INSUFFICIENT_RESOURCES:
		return -ENOMEM;
	case ERROR_INVALID_FUNCTION:
	case STATUS_NOT_IMPLEMENTED:
		return -EOPNOTSUPP;
	case ERROR_DEV_NOT_EXIST:
		return -ENODEV;
	default:
		return -EIO;
	}
}

static void vp_adapter_free(struct vp_adapter *a)
{
	kfree(a->ext);
	kfree(a);
}

int vp_driver_probe(struct vp_driver *drv, struct pci_dev *pdev)
{
	struct vp_adapter *a;
	u32 ext_size = drv->hw.device_extension_size;
	u8 again = 0;
	u32 st;
	int ret;

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	/* At least 16 bytes, so that no two adapters share an extension address. */
	a->ext = kzalloc(max_t(u32, ext_size, 16), GFP_KERNEL);
	if (!a->ext) {
		kfree(a);
		return -ENOMEM;
	}
	a->drv = drv;
	a->pdev = pdev;
	snprintf(a->name, sizeof(a->name), "%s", pci_name(pdev));
	mutex_init(&a->io_lock);
	raw_spin_lock_init(&a->map_lock);
	raw_spin_lock_init(&a->irq_lock);
	raw_spin_lock_init(&a->dpc_lock);
	INIT_LIST_HEAD(&a->maps);
	INIT_LIST_HEAD(&a->claims);
	vp_timer_init(a);
	vp_dpc_init(a);

	ret = pci_enable_device(pdev);
	if (ret)
		goto err_free;
	pci_set_master(pdev);
	ret = vp_config_fill(a);
	if (ret)
		goto err_disable;
	vp_adapter_link(a);

	st = (u32)VP_CALL(drv, a, drv->hw.find_adapter, a->ext, drv->hw_context, NULL,
			     &a->cfg, &again);
	if (st != NO_ERROR) {
		vp_err(drv, "%s: HwFindAdapter failed: status %u\n", a->name, st);
		ret = vp_status_to_errno(st) ?: -ENODEV;
		if (ret == -EIO)
			ret = -ENODEV;
		goto err_unlink;
	}
	ret = vp_interrupt_setup(a);
	if (ret)
		goto err_unlink;
	if (drv->hw.initialize &&
	    !(u8)VP_CALL(drv, a, drv->hw.initialize, a->ext)) {
		vp_err(drv, "%s: HwInitialize failed\n", a->name);
		ret = -EIO;
		goto err_irq;
	}
	list_add_tail(&a->node_drv, &drv->adapters);
	pci_set_drvdata(pdev, a);
	vp_adapter_enum_children(a);
	vp_debugfs_adapter_add(a);
	vp_info(drv, "%s: adapter initialized\n", a->name);
	return 0;

err_irq:
	vp_interrupt_teardown(a);
err_unlink:
	vp_dpc_teardown(a);
	vp_timer_teardown(a);
	vp_adapter_unlink(a);
	vp_resources_release(a);
err_disable:
	pci_disable_device(pdev);
err_free:
	vp_adapter_free(a);
	return ret;
}

static void vp_adapter_destroy(struct vp_adapter *a)
{
	/*
	 * Hand the adapter back to VGA, as Windows' display driver does with
	 * IOCTL_VIDEO_RESET_DEVICE when it lets go of the adapter (a BIOS
	 * miniport sets text mode through Int10 here).  A miniport that
	 * refuses leaves the adapter as it is.
	 */
	vp_adapter_reset(a);
	vp_debugfs_adapter_remove(a);
	vp_interrupt_teardown(a);
	vp_dpc_teardown(a);
	vp_timer_teardown(a);
	vp_adapter_unlink(a);
	vp_resources_release(a);
	list_del(&a->node_drv);
	pci_set_drvdata(a->pdev, NULL);
	pci_disable_device(a->pdev);
	vp_adapter_free(a);
}

struct vp_adapter *vp_driver_adapter(struct pci_dev *pdev)
{
	return pci_get_drvdata(pdev);
}

void vp_driver_remove(struct vp_driver *drv, struct pci_dev *pdev)
{
	struct vp_adapter *a;

	list_for_each_entry(a, &drv->adapters, node_drv) {
		if (a->pdev == pdev) {
			vp_adapter_destroy(a);
			return;
		}
	}
}

void vp_driver_stop(struct vp_driver *drv)
{
	struct vp_adapter *a, *tmp;

	if (!drv->started)
		return;
	list_for_each_entry_safe(a, tmp, &drv->adapters, node_drv)
		vp_adapter_destroy(a);
	vp_pool_free_all(drv);
	vp_debugfs_put();
	vp_contain_put();
	/* Says how many VideoPortDebugPrint lines the rate limit dropped. */
	ratelimit_state_exit(&drv->print_rs);
	drv->started = false;
}
