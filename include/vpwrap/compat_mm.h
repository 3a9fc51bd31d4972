/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory-management differences between the kernels vpwrap supports
 * (Debian 12's 6.1 and the 6.12 LTS).  Every layer may include this file;
 * the other compat_*.h files hold the other concerns.
 */
#ifndef VPWRAP_COMPAT_MM_H
#define VPWRAP_COMPAT_MM_H

#include <linux/version.h>

/*
 * The kernel's page-granular allocator with a pgprot and vm_flags.  6.10
 * (memory allocation profiling) renamed the function and made the old name
 * a macro, so kallsyms knows it only by the new name.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define VPW_VMALLOC_RANGE_SYM	"__vmalloc_node_range_noprof"
#else
#define VPW_VMALLOC_RANGE_SYM	"__vmalloc_node_range"
#endif

#endif /* VPWRAP_COMPAT_MM_H */
