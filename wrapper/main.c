// SPDX-License-Identifier: GPL-2.0
/*
 * vpwrap: host Windows video miniport drivers in the Linux kernel.
 *
 * This file is the composition root: module parameters, init and exit.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/capability.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/moduleparam.h>
#include "drm-glue/drm_glue.h"
#include "vpwrap/version.h"
#include "videoport/driver.h"
#include "wrapper/execmem.h"
#include "wrapper/signature.h"
#include "wrapper/wrapper.h"

static char *miniport;
static int vpw_miniport_set(const char *val, const struct kernel_param *kp);
static const struct kernel_param_ops vpw_miniport_ops = {
	.set = vpw_miniport_set,
	.get = param_get_charp,
	.free = param_free_charp,
};
module_param_cb(miniport, &vpw_miniport_ops, &miniport, 0644);
MODULE_PARM_DESC(miniport,
		 "Miniport image: absolute path, or a name looked up under vpwrap/ in the firmware directories (.sys appended if no extension). Default: the installed driver (/lib/firmware/vpwrap/*.conf) whose PCI IDs are present. Writable by root while no miniport is loaded: loads one");

static char *pci_ids;
module_param(pci_ids, charp, 0444);
MODULE_PARM_DESC(pci_ids,
		 "PCI IDs to bind, vvvv:dddd[,vvvv:dddd...]; replaces the settings file's");

#define VPW_REG_PARAMS	16
static char *reg[VPW_REG_PARAMS];
static unsigned int nreg;
module_param_array(reg, charp, &nreg, 0444);
MODULE_PARM_DESC(reg,
		 "Registry overrides Name:type:value[,...]; type dword|qword|sz|expand_sz|multi_sz ('|' between strings)|binary (hex digits)");

static bool verify;
module_param(verify, bool, 0444);
MODULE_PARM_DESC(verify, "Check the miniport's calls against the documented IRQL rules");

bool vpw_check_wx;
module_param_named(check_wx, vpw_check_wx, bool, 0444);
MODULE_PARM_DESC(check_wx, "Run the kernel's W+X page checker once the miniport is loaded (testing)");

static struct kobject *vpw_miniports_kobj;
static struct vpw_driver *vpw_drv;
/* Set once init is done, cleared by exit; both under kernel_param_lock(). */
static bool vpw_live;

/*
 * Before init: just the parameter.  While vpwrap runs with no miniport
 * ("idle"): load one, with exactly the checks of a load at insmod time
 * (signature, lockdown).  The caller holds kernel_param_lock(THIS_MODULE).
 */
static int vpw_miniport_set(const char *val, const struct kernel_param *kp)
{
	struct vpw_driver *drv;
	char *spec;
	int ret;

	if (!vpw_live)
		return param_set_charp(val, kp);
	if (!capable(CAP_SYS_MODULE))
		return -EPERM;
	if (vpw_drv) {
		pr_err("miniport %s is loaded; unload vpwrap to load another\n",
		       vpw_drv->name);
		return -EBUSY;
	}
	spec = kstrdup(val, GFP_KERNEL);
	if (!spec)
		return -ENOMEM;
	drv = vpw_load(strim(spec), pci_ids, reg, nreg, vpw_miniports_kobj, &ret);
	if (drv) {
		vpw_drv = drv;
		ret = param_set_charp(strim(spec), kp);
	}
	kfree(spec);
	return ret;
}

static int __init vpwrap_init(void)
{
	char name[VPW_NAME_MAX];
	const char *spec = miniport;
	int ret;

	if (verify)
		vp_verify_enable();
	ret = vpw_execmem_init();
	if (ret)
		return ret;
	ret = vpw_sig_init();
	if (ret)
		goto err_execmem;
	vpw_miniports_kobj = kobject_create_and_add("miniports",
						    &THIS_MODULE->mkobj.kobj);
	if (!vpw_miniports_kobj) {
		ret = -ENOMEM;
		goto err_sig;
	}
	ret = vpdrm_init();
	if (ret)
		goto err_kobj;

	if (!spec && !vpw_autoselect(name, sizeof(name))) {
		pr_info("no miniport= given; %s matches the hardware present\n", name);
		spec = name;
	}
	if (spec) {
		vpw_drv = vpw_load(spec, pci_ids, reg, nreg, vpw_miniports_kobj,
				   &ret);
		if (!vpw_drv) {
			vp_export_dlls_exit();
			goto err_kobj;
		}
	} else {
		pr_info("no miniport= given and no installed driver matches; idle\n");
	}
	kernel_param_lock(THIS_MODULE);
	vpw_live = true;
	kernel_param_unlock(THIS_MODULE);
	/* The banner, without the "vpwrap: " prefix: "vpwrap 0.1 loaded". */
	printk(KERN_INFO "vpwrap %s loaded%s%s\n", VPWRAP_VERSION,
		spec ? ", miniport " : "", spec ? spec : "");
	return 0;

err_kobj:
	kobject_put(vpw_miniports_kobj);
err_sig:
	vpw_sig_exit();
err_execmem:
	vpw_execmem_exit();
	return ret;
}

static void __exit vpwrap_exit(void)
{
	/* No load through the parameter from here on */
	kernel_param_lock(THIS_MODULE);
	vpw_live = false;
	kernel_param_unlock(THIS_MODULE);
	vpw_unload(vpw_drv);
	kobject_put(vpw_miniports_kobj);
	vp_export_dlls_exit();
	vpw_sig_exit();
	vpw_execmem_exit();
	printk(KERN_INFO "vpwrap unloaded\n");
}

module_init(vpwrap_init);
module_exit(vpwrap_exit);

MODULE_DESCRIPTION("Windows video miniport wrapper (Video Port emulation + DRM/KMS)");
MODULE_AUTHOR("vpwrap developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(VPWRAP_VERSION);
