/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface between the wrapper (image loading, PCI binding) and
 * videoport (the Windows side).  The wrapper links the image against the
 * tables from vp_export_dlls(), then drives one vp_driver per loaded image.
 *
 * All functions must be called in process context; they may sleep.
 */
#ifndef VPWRAP_VIDEOPORT_DRIVER_H
#define VPWRAP_VIDEOPORT_DRIVER_H

#include <linux/atomic.h>
#include <linux/types.h>

struct pci_dev;
struct pe_image;
struct pe_export_dll;
struct vp_driver;
struct vpw_registry;

/*
 * The per-driver services the Windows side keeps for the caller: the
 * registry store (registry_store.h) that VideoPortGet/SetRegistryParameters
 * use, and the accounting of what the miniport holds, for sysfs.  The caller
 * creates the store before DriverEntry and keeps the whole structure until
 * after vp_driver_destroy(): its readers may outlive the vp_driver.
 */
struct vp_driver_services {
	struct vpw_registry *registry;
	atomic64_t pool_bytes;		/* pool allocated and not freed */
	atomic_t mappings;		/* VideoPortGetDeviceBase mappings held */
};

/*
 * verify=1: check the miniport's calls against the documented IRQL rules
 * (verify.c).  Call once at module load, before any driver is created;
 * never undone.
 */
void vp_verify_enable(void);

/* videoprt.sys, ntoskrnl.exe, hal.dll: static tables, valid for the module's life. */
const struct pe_export_dll *vp_export_dlls(unsigned int *count);

/*
 * Runs DriverEntry through the bridge (which calls VideoPortInitialize).
 * Returns NULL and sets *status (an NTSTATUS) on failure; the failure is
 * logged.  @svc must stay valid until after vp_driver_destroy().
 */
struct vp_driver *vp_driver_create(struct pe_image *img,
				   struct vp_driver_services *svc, int *status);

/* True if the driver should be offered this PCI device (display class or listed IDs). */
bool vp_driver_claims(struct vp_driver *drv, u16 vendor, u16 device);

/*
 * HwFindAdapter + HwInitialize, then attach the adapter client (drm-glue).
 * Returns 0 or a negative errno; on failure everything is undone.
 */
int vp_driver_probe(struct vp_driver *drv, struct pci_dev *pdev);
void vp_driver_remove(struct vp_driver *drv, struct pci_dev *pdev);
/*
 * The adapter videoport runs on @pdev (NULL if none), for users of the
 * adapter interface other than drm-glue (the wrapper's sysfs files).
 */
struct vp_adapter *vp_driver_adapter(struct pci_dev *pdev);

/* Frees everything the driver allocated (pool, mappings, timers). */
void vp_driver_destroy(struct vp_driver *drv);

#endif /* VPWRAP_VIDEOPORT_DRIVER_H */
