/* SPDX-License-Identifier: GPL-2.0 */
/* debugfs <pci>/bench: the spin-lock benchmark (lockbench.c). */
#ifndef VPWRAP_VIDEOPORT_LOCKBENCH_H
#define VPWRAP_VIDEOPORT_LOCKBENCH_H

#include <linux/fs.h>

extern const struct file_operations vp_lockbench_fops;

#endif /* VPWRAP_VIDEOPORT_LOCKBENCH_H */
