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

#include <linux/types.h>

struct pci_dev;
struct pe_image;
struct pe_export_dll;
struct vpw_driver;
struct vp_driver;

/* videoprt.sys, ntoskrnl.exe, hal.dll: static tables, valid for the module's life. */
const struct pe_export_dll *vp_export_dlls(unsigned int *count);

/*
 * Runs DriverEntry through the bridge (which calls VideoPortInitialize).
 * Returns NULL and sets *status (an NTSTATUS) on failure; the failure is
 * logged.  @owner is the wrapper's handle for registry access.
 */
struct vp_driver *vp_driver_create(struct pe_image *img, struct vpw_driver *owner,
				   int *status);

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
