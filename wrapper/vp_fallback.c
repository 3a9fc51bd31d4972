// SPDX-License-Identifier: GPL-2.0
/*
 * TEMPORARY, built only while videoport/ is not part of the module: the
 * videoport/driver.h entry points reduced to what the wrapper's load path
 * needs to be tested.  DriverEntry is called directly with the Microsoft
 * calling convention; there are no exports, so any image that imports
 * anything is refused by the linker, and no device is ever claimed.
 * Delete this file once videoport/Kbuild.inc builds videoport/driver.c.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/slab.h>
#include <asm/fpu/api.h>
#include "pe-loader/pe_loader.h"
#include "videoport/driver.h"

struct vp_driver {
	struct pe_image *img;
};

typedef u32 __attribute__((ms_abi)) (*vp_entry_fn)(void *drvobj, void *regpath);

const struct pe_export_dll *vp_export_dlls(unsigned int *count)
{
	*count = 0;
	return NULL;
}

struct vp_driver *vp_driver_create(struct pe_image *img, struct vpw_driver *owner,
				   int *status)
{
	/* Zeroed stand-ins for DRIVER_OBJECT and UNICODE_STRING RegistryPath. */
	void *drvobj, *regpath;
	struct vp_driver *drv;
	vp_entry_fn entry = pe_entry_point(img);
	u32 st;

	*status = 0xC0000001;	/* STATUS_UNSUCCESSFUL */
	if (!entry)
		return NULL;
	drvobj = kzalloc(512, GFP_KERNEL);
	regpath = kzalloc(64, GFP_KERNEL);
	drv = kzalloc(sizeof(*drv), GFP_KERNEL);
	if (!drvobj || !regpath || !drv)
		goto fail;
	/* MSVC/mingw code may use XMM registers: save the user's FPU state. */
	kernel_fpu_begin();
	st = entry(drvobj, regpath);
	kernel_fpu_end();
	*status = st;
	if (st & 0x80000000)	/* NT_ERROR / NT_WARNING */
		goto fail;
	kfree(drvobj);
	kfree(regpath);
	drv->img = img;
	return drv;
fail:
	kfree(drvobj);
	kfree(regpath);
	kfree(drv);
	return NULL;
}

bool vp_driver_claims(struct vp_driver *drv, u16 vendor, u16 device)
{
	return false;
}

int vp_driver_probe(struct vp_driver *drv, struct pci_dev *pdev)
{
	return -ENODEV;
}

void vp_driver_remove(struct vp_driver *drv, struct pci_dev *pdev)
{
}

void vp_driver_destroy(struct vp_driver *drv)
{
	kfree(drv);
}
