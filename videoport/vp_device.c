// SPDX-License-Identifier: GPL-2.0
/*
 * Questions about the PCI device and its neighbours, and the device lock:
 * VideoPortCheckForDeviceExistence (and its XP misspelling), GetVgaStatus,
 * ScanRom, Acquire/ReleaseDeviceLock.
 */
#include <linux/io.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/vgaarb.h>
#include "videoport/vp.h"
#include "videoport/export.h"

/* VideoPortCheckForDeviceExistence Flags */
#define CDE_USE_SUBSYSTEM_IDS	0x01
#define CDE_USE_REVISION	0x02

static u8 vp_device_exists(u16 vendor, u16 device, u8 rev, u16 sub_vendor,
			   u16 sub_system, u32 flags)
{
	struct pci_dev *pdev = NULL;
	struct vp_sleep s;
	u8 found = 0;

	/* PASSIVE_LEVEL only: the PCI device list is walked under a mutex */
	if (!vp_sleep_begin(&s))
		return 0;
	while (!found && (pdev = pci_get_device(vendor, device, pdev)) != NULL) {
		if ((flags & CDE_USE_REVISION) && pdev->revision != rev)
			continue;
		if ((flags & CDE_USE_SUBSYSTEM_IDS) &&
		    (pdev->subsystem_vendor != sub_vendor ||
		     pdev->subsystem_device != sub_system))
			continue;
		found = 1;
	}
	pci_dev_put(pdev);
	vp_sleep_end(&s);
	return found;
}

VP_EXPORT(VIDEOPRT, u8, VideoPortCheckForDeviceExistence, void *ext, u16 vendor,
	  u16 device, u8 rev, u16 sub_vendor, u16 sub_system, u32 flags)
{
	return vp_device_exists(vendor, device, rev, sub_vendor, sub_system, flags);
}

/* The same function under the name XP also exports. */
VP_EXPORT(VIDEOPRT, u8, VideoPortCheckForDeviceExistance, void *ext, u16 vendor,
	  u16 device, u8 rev, u16 sub_vendor, u16 sub_system, u32 flags)
{
	return vp_device_exists(vendor, device, rev, sub_vendor, sub_system, flags);
}

/*
 * *status = 1 if this adapter decodes the legacy VGA resources: the VGA
 * arbiter's default device is the one the firmware booted on.
 */
VP_EXPORT(VIDEOPRT, u32, VideoPortGetVgaStatus, void *ext, u32 *status)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);

	if (!a || !status)
		return ERROR_INVALID_PARAMETER;
	*status = vga_default_device() == a->pdev;
	return NO_ERROR;
}

/*
 * Looks for the NUL-terminated @str in @len bytes of ROM that the miniport
 * mapped with VideoPortGetDeviceBase (device memory: MMIO reads only).
 */
VP_EXPORT(VIDEOPRT, u8, VideoPortScanRom, void *ext, u8 *rom, u32 len, const u8 *str)
{
	void __iomem *p = (void __iomem *)rom;
	size_t n;
	u32 i, j;

	if (!rom || !str)
		return 0;
	n = strnlen(str, 256);
	if (!n || n > len)
		return 0;
	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n && readb(p + i + j) == str[j]; j++)
			;
		if (j == n)
			return 1;
	}
	return 0;
}

/*
 * The device lock serializes with the IOCTL path: it is the lock held
 * while HwStartIO runs, so a miniport must not take it from HwStartIO
 * (Windows would deadlock just the same).  PASSIVE_LEVEL only.
 */
VP_EXPORT(VIDEOPRT, void, VideoPortAcquireDeviceLock, void *ext)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_sleep s;

	if (!a)
		return;
	if (!vp_sleep_begin(&s)) {
		vp_warn(a->drv, "VideoPortAcquireDeviceLock above PASSIVE_LEVEL: the lock is a mutex; call ignored\n");
		return;
	}
	mutex_lock(&a->io_lock);
	vp_sleep_end(&s);
}

VP_EXPORT(VIDEOPRT, void, VideoPortReleaseDeviceLock, void *ext)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);

	if (a && mutex_is_locked(&a->io_lock))
		mutex_unlock(&a->io_lock);
}
