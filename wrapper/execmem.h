/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Executable memory for loaded images (design.md §4, §5).
 *
 * Neither 6.1 nor 6.12 exports an allocator of executable memory, and
 * vmap() forces NX.  execmem.c resolves the kernel's own allocator and
 * set_memory_*() once, at module load, and checks them with a self-test;
 * nothing else in the tree looks up kernel symbols.
 *
 * Memory is page granular, starts zeroed, read-write and non-executable.
 * Write and execute are never granted together (W^X).
 */
#ifndef VPWRAP_WRAPPER_EXECMEM_H
#define VPWRAP_WRAPPER_EXECMEM_H

#include <linux/types.h>

#define VPW_MEM_READ	0x1
#define VPW_MEM_WRITE	0x2
#define VPW_MEM_EXEC	0x4

/* Resolve the helpers and run the self-test: 0 or a negative errno (logged). */
int vpw_execmem_init(void);

/* Drop what init holds (the kprobe that found kallsyms_lookup_name). */
void vpw_execmem_exit(void);

/* Page-aligned, zeroed, RW+NX; NULL if out of memory or not initialised. */
void *vpw_execmem_alloc(size_t size);

/*
 * Set the protection of the whole pages in [addr, addr + size).
 * VPW_MEM_WRITE | VPW_MEM_EXEC is refused (-EINVAL); so is a range not
 * page aligned.  Process context only.
 */
int vpw_execmem_protect(void *addr, size_t size, unsigned int prot);

/* Restore RW+NX and free; process context only (it flushes the TLB). */
void vpw_execmem_free(void *addr, size_t size);

/* Run the kernel's W+X page-table checker (CONFIG_DEBUG_WX) now; it logs. */
void vpw_execmem_check_wx(void);

#endif /* VPWRAP_WRAPPER_EXECMEM_H */
