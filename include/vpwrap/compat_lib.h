/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-library differences between the kernels vpwrap supports: where the
 * helpers are declared.
 */
#ifndef VPWRAP_COMPAT_LIB_H
#define VPWRAP_COMPAT_LIB_H

#include <linux/kernel.h>
#include <linux/version.h>

/* hex2bin() and friends moved from <linux/kernel.h> to <linux/hex.h> (7.3 has it, 6.12 not). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0)
#include <linux/hex.h>
#endif

#endif /* VPWRAP_COMPAT_LIB_H */
