// SPDX-License-Identifier: GPL-2.0
/*
 * vpwrap: host Windows video miniport drivers in the Linux kernel.
 *
 * This file is the composition root: module parameters, init and exit.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "wrapper/execmem.h"

#include "vpwrap/version.h"

static char *miniport;
module_param(miniport, charp, 0444);
MODULE_PARM_DESC(miniport,
		 "Miniport image: absolute path, or a name looked up under vpwrap/ by the firmware loader");

static int __init vpwrap_init(void)
{
	int ret = vpw_execmem_init();

	if (ret)
		return ret;
	pr_info("vpwrap %s loaded%s%s\n", VPWRAP_VERSION,
		miniport ? ", miniport " : "", miniport ? miniport : "");
	return 0;
}

static void __exit vpwrap_exit(void)
{
	pr_info("vpwrap unloaded\n");
}

module_init(vpwrap_init);
module_exit(vpwrap_exit);

MODULE_DESCRIPTION("Windows video miniport wrapper (Video Port emulation + DRM/KMS)");
MODULE_AUTHOR("vpwrap developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(VPWRAP_VERSION);
