/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Wrapper-internal declarations: the driver object and the helpers that
 * main.c composes.  Nothing outside wrapper/ includes this file.
 */
#ifndef VPWRAP_WRAPPER_WRAPPER_H
#define VPWRAP_WRAPPER_WRAPPER_H

#include <linux/atomic.h>
#include <linux/kobject.h>
#include <linux/pci.h>
#include "videoport/driver.h"

struct firmware;
struct pe_image;
struct vpw_settings;

#define VPW_NAME_MAX	64

/* check_wx=: run the kernel's W+X checker after a miniport is loaded */
extern bool vpw_check_wx;

/*
 * One loaded miniport image and everything hanging off it: the Windows
 * side's state (with the registry store and the accounting shown in sysfs)
 * is the embedded vp_driver, the rest is Linux glue.
 */
struct vpw_driver {
	struct vp_driver vp;
	char name[VPW_NAME_MAX];	/* "vpbochs.sys" */
	struct vpw_settings *settings;
	struct pe_image *image;
	struct pci_driver pdrv;
	struct pci_device_id *id_table;
	bool pci_registered;
	struct kobject kobj;		/* /sys/module/vpwrap/miniports/<name> */
	bool kobj_added;
};

/* A file read whole: from a path (vmalloc'ed) or from the firmware loader. */
struct vpw_blob {
	const void *data;
	size_t len;
	void *buf;			/* kernel_read_file buffer, or NULL */
	const struct firmware *fw;	/* firmware, or NULL */
};

/* image.c: reading images and settings files */
int vpw_image_read(const char *spec, struct vpw_blob *b);
int vpw_blob_read(const char *spec, struct vpw_blob *b);
void vpw_blob_release(struct vpw_blob *b);
int vpw_image_names(const char *spec, char *image, char *name, char *conf,
		    size_t size);

/* driver.c: the driver object, its registry, its sysfs directory */
struct vpw_driver *vpw_driver_alloc(const char *name);
int vpw_driver_publish(struct vpw_driver *drv, struct kobject *parent);
void vpw_driver_unpublish(struct vpw_driver *drv);
void vpw_driver_free(struct vpw_driver *drv);

/* pci.c: binding to PCI devices */
int vpw_pci_register(struct vpw_driver *drv);
void vpw_pci_unregister(struct vpw_driver *drv);

/*
 * vgatext.c: the boot display device's VGA text console, saved before the
 * miniport starts and restored when vpwrap lets go (remove, shutdown).
 */
struct pci_dev;
void vpw_vga_text_save(struct pci_dev *pdev);
void vpw_vga_text_restore(struct pci_dev *pdev);

/* autoselect.c: pick an installed driver for the hardware present */
int vpw_autoselect(char *name, size_t size);

/* load.c: the whole load sequence, and its undo */
struct vpw_driver *vpw_load(const char *spec, const char *pci_ids,
			    char **reg, unsigned int nreg, struct kobject *parent,
			    int *err);
void vpw_unload(struct vpw_driver *drv);

#endif /* VPWRAP_WRAPPER_WRAPPER_H */
