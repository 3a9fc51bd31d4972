/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-library differences between the kernels vpwrap supports: where the
 * helpers are declared.
 */
#ifndef VPWRAP_COMPAT_LIB_H
#define VPWRAP_COMPAT_LIB_H

/* hex2bin() and friends left <linux/kernel.h> for <linux/hex.h> in 7.x. */
#if __has_include(<linux/hex.h>)
#include <linux/hex.h>
#else
#include <linux/kernel.h>
#endif

#endif /* VPWRAP_COMPAT_LIB_H */
