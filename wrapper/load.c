// SPDX-License-Identifier: GPL-2.0
/*
 * The load sequence for one miniport, and its exact undo:
 *
 *   settings file (optional) -> pci_ids=, reg= overrides -> registry
 *   -> read image -> signature check -> pe_load() against videoport's export tables
 *   -> DriverEntry (vp_driver_start) -> sysfs -> pci_register_driver
 *
 * Every failure is logged once as "vpwrap: <image>: <reason>" and undoes the
 * steps before it, so insmod fails leaving the kernel as it was.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/slab.h>
#include "pe-loader/pe_loader.h"
#include "videoport/driver.h"
#include "videoport/refused.h"
#include "wrapper/execmem.h"
#include "videoport/registry_store.h"
#include "wrapper/settings.h"
#include "wrapper/signature.h"
#include "wrapper/wrapper.h"

#define VPW_ERR_MAX	1024

struct vpw_paths {
	char image[PATH_MAX];
	char conf[PATH_MAX];
};

static int vpw_load_settings(struct vpw_driver *drv, const char *conf,
			     const char *pci_ids, char **reg, unsigned int nreg)
{
	struct vpw_blob b;
	unsigned int i;
	int ret;

	ret = vpw_blob_read(conf, &b);
	if (ret == -ENOENT) {
		/* No settings file: no IDs, no registry defaults. */
		ret = vpw_settings_parse(conf, "", 0, &drv->settings);
	} else if (ret) {
		pr_err("%s: cannot read settings %s (%d)\n", drv->name, conf, ret);
		return ret;
	} else {
		ret = vpw_settings_parse(conf, b.data, b.len, &drv->settings);
		vpw_blob_release(&b);
	}
	if (ret)
		goto bad;
	if (pci_ids) {
		ret = vpw_settings_set_ids(drv->settings, pci_ids);
		if (ret)
			goto bad;
	}
	ret = vpw_settings_seed(drv->settings, drv->vp.registry);
	for (i = 0; i < nreg && !ret; i++)
		ret = vpw_settings_reg_override(drv->vp.registry, reg[i]);
	if (ret)
		goto bad;
	return 0;
bad:
	pr_err("%s: settings refused\n", drv->name);
	return ret;
}

static int vpw_load_image(struct vpw_driver *drv, const char *path)
{
	struct pe_load_params p = { .name = drv->name };
	struct vpw_blob b;
	int ret;

	ret = vpw_image_read(path, &b);
	if (ret) {
		pr_err("%s: cannot read %s: %s (%d)\n", drv->name, path,
		       ret == -ENOENT ? "no such file" :
		       ret == -EINVAL ? "empty or not a regular file" :
		       ret == -EFBIG ? "file too large" : "read error", ret);
		/* An empty file is a malformed image, not a missing one. */
		return ret == -EINVAL ? -ENOEXEC : ret;
	}
	p.len = b.len;
	ret = vpw_sig_check(drv->name, b.data, &p.len);
	if (ret) {
		vpw_blob_release(&b);
		return ret;
	}
	p.data = b.data;
	p.dlls = vp_export_dlls(&p.ndlls);
	p.unresolved_note = vp_refused_reason;
	p.errlen = VPW_ERR_MAX;
	p.err = kzalloc(p.errlen, GFP_KERNEL);
	if (!p.err) {
		vpw_blob_release(&b);
		return -ENOMEM;
	}
	ret = pe_load(&p, &drv->image);
	vpw_blob_release(&b);
	if (ret)
		pr_err("%s\n", p.err[0] ? p.err : "image refused");
	kfree(p.err);
	return ret;
}

/*
 * From here on Windows code runs in the kernel: taint it as the kernel does
 * for any module without a GPL-compatible licence (and for ndiswrapper), so
 * that oops reports and /proc/sys/kernel/tainted say so.  add_taint(), not
 * add_taint_module(): vpwrap itself stays GPL and keeps its GPL symbols.
 */
static void vpw_taint(const char *name)
{
	pr_notice("%s: Windows miniport code runs in the kernel: tainting kernel (proprietary)\n",
		  name);
	add_taint(TAINT_PROPRIETARY_MODULE, LOCKDEP_STILL_OK);
}

struct vpw_driver *vpw_load(const char *spec, const char *pci_ids,
			    char **reg, unsigned int nreg, struct kobject *parent,
			    int *err)
{
	char name[VPW_NAME_MAX];
	struct vpw_driver *drv = NULL;
	struct vpw_paths *paths;
	u32 status;
	int ret;

	paths = kmalloc(sizeof(*paths), GFP_KERNEL);
	if (!paths) {
		ret = -ENOMEM;
		goto out;
	}
	ret = vpw_image_names(spec, paths->image, name, paths->conf, PATH_MAX);
	if (ret) {
		pr_err("%s: bad miniport= (an absolute path, or a name under vpwrap/)\n",
		       spec);
		goto out;
	}
	ret = -ENOMEM;
	drv = vpw_driver_alloc(name);
	if (!drv)
		goto out;
	ret = vpw_load_settings(drv, paths->conf, pci_ids, reg, nreg);
	if (ret)
		goto fail;
	ret = vpw_load_image(drv, paths->image);
	if (ret)
		goto fail;
	vpw_taint(name);
	status = vp_driver_start(&drv->vp, drv->image);
	if (status) {
		pr_err("%s: DriverEntry failed with status %#010x\n", name, status);
		ret = -ENODEV;
		goto fail;
	}
	if (vpw_check_wx)
		vpw_execmem_check_wx();
	ret = vpw_driver_publish(drv, parent);
	if (ret)
		goto fail;
	ret = vpw_pci_register(drv);
	if (ret) {
		pr_err("%s: cannot register PCI driver (%d)\n", name, ret);
		goto fail;
	}
	pr_info("%s: loaded, %u PCI ID(s)%s\n", name, drv->settings->nids,
		drv->settings->nids ? "" : ", offered display-class devices");
	goto out;
fail:
	vpw_unload(drv);
	drv = NULL;
out:
	kfree(paths);
	*err = ret;
	return drv;
}

void vpw_unload(struct vpw_driver *drv)
{
	if (!drv)
		return;
	vpw_driver_unpublish(drv);	/* its files print the image */
	vpw_pci_unregister(drv);	/* removes every bound adapter */
	vp_driver_stop(&drv->vp);
	if (drv->image)
		pe_unload(drv->image);
	vpw_driver_free(drv);
}
