// SPDX-License-Identifier: GPL-2.0
/*
 * vpwrap: host Windows video miniport drivers in the Linux kernel.
 *
 * This file is the composition root: module parameters, init and exit.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "vpwrap/version.h"
#include "videoport/driver.h"
#include "wrapper/execmem.h"
#include "wrapper/wrapper.h"

static char *miniport;
module_param(miniport, charp, 0444);
MODULE_PARM_DESC(miniport,
		 "Miniport image: absolute path, or a name looked up under vpwrap/ by the firmware loader (.sys appended if no extension). Default: the installed driver (/lib/firmware/vpwrap/*.conf) whose PCI IDs are present");

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
	vpw_miniports_kobj = kobject_create_and_add("miniports",
						    &THIS_MODULE->mkobj.kobj);
	if (!vpw_miniports_kobj)
		return -ENOMEM;

	if (!spec && !vpw_autoselect(name, sizeof(name))) {
		pr_info("no miniport= given; %s matches the hardware present\n", name);
		spec = name;
	}
	if (spec) {
		vpw_drv = vpw_load(spec, pci_ids, reg, nreg, vpw_miniports_kobj,
				   &ret);
		if (!vpw_drv) {
			kobject_put(vpw_miniports_kobj);
			return ret;
		}
	} else {
		pr_info("no miniport= given and no installed driver matches; idle\n");
	}
	/* The banner, without the "vpwrap: " prefix: "vpwrap 0.1 loaded". */
	printk(KERN_INFO "vpwrap %s loaded%s%s\n", VPWRAP_VERSION,
		spec ? ", miniport " : "", spec ? spec : "");
	return 0;
}

static void __exit vpwrap_exit(void)
{
	vpw_unload(vpw_drv);
	kobject_put(vpw_miniports_kobj);
	printk(KERN_INFO "vpwrap unloaded\n");
}

module_init(vpwrap_init);
module_exit(vpwrap_exit);

MODULE_DESCRIPTION("Windows video miniport wrapper (Video Port emulation + DRM/KMS)");
MODULE_AUTHOR("vpwrap developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(VPWRAP_VERSION);
