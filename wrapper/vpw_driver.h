/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Services the wrapper offers videoport for one loaded miniport
 * (struct vpw_driver stays opaque outside wrapper/).
 */
#ifndef VPWRAP_WRAPPER_VPW_DRIVER_H
#define VPWRAP_WRAPPER_VPW_DRIVER_H

#include <linux/jump_label.h>
#include <linux/types.h>

struct vpw_driver;

/* The image's file name, e.g. "vpbochs.sys": for log prefixes. */
const char *vpw_driver_name(const struct vpw_driver *drv);

/*
 * Accounting, shown in /sys/module/vpwrap/drivers/<image>/ as pool_bytes
 * and mappings so that leaks are visible (issue 10).  Callable from any
 * context (atomics).  @delta is positive on allocation, negative on free.
 */
void vpw_account_pool(struct vpw_driver *drv, long delta);
void vpw_account_mapping(struct vpw_driver *drv, int delta);

/*
 * verify=1: videoport checks the documented IRQL rules and reports each
 * violation once (design.md §4).  Read-only after module load (0444).
 * vpwrap_verify_key is the same setting as a static key, for the fast
 * paths: enabled at module load before any miniport is, never disabled.
 */
extern bool vpwrap_verify;
DECLARE_STATIC_KEY_FALSE(vpwrap_verify_key);

#endif /* VPWRAP_WRAPPER_VPW_DRIVER_H */
