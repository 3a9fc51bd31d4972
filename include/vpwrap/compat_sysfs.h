/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysfs differences between the kernels vpwrap supports.
 */
#ifndef VPWRAP_COMPAT_SYSFS_H
#define VPWRAP_COMPAT_SYSFS_H

#include <linux/sysfs.h>
#include <linux/version.h>

/*
 * Binary attributes became const: the read callback's attribute and the
 * group's bin_attrs array (6.16, after a transition through read_new and
 * bin_attrs_new).  Declare both as "vpw_bin_attr_const struct bin_attribute".
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
#define vpw_bin_attr_const	const
#else
#define vpw_bin_attr_const
#endif

#endif /* VPWRAP_COMPAT_SYSFS_H */
