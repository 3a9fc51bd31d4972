/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pe_os.h - everything the PE loader needs from the system it runs in.
 *
 * The loader is portable C that builds into vpwrap.ko and into a userspace
 * library.  This header is the only place that knows which of the two it is:
 * it supplies the fixed-width types, string helpers and errno values, and
 * declares the few services each side implements:
 *
 *   kernel     wrapper/pe_os_kernel.c
 *   userspace  pe-loader/user/pe_os_user.c
 */
#ifndef VPWRAP_PE_OS_H
#define VPWRAP_PE_OS_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/printk.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <stdio.h>
#include <stdarg.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
#endif

/* Protection bits for pe_os_image_protect(). */
#define PE_PROT_READ	0x1u
#define PE_PROT_WRITE	0x2u
#define PE_PROT_EXEC	0x4u

/*
 * Memory for a mapped image.  Returns @size bytes (a multiple of 4096),
 * page aligned, zeroed, readable and writable but not executable, or NULL.
 *
 * PE32 (i386) images hold 32-bit absolute addresses, so the loader can only
 * relocate and link them when the image and every export they link against
 * lie below 4 GiB.  An implementation may return such memory when it can
 * (userspace does, with MAP_32BIT); otherwise i386 images are refused with
 * -EOPNOTSUPP at link time.  PE32+ images may live anywhere.
 */
void *pe_os_image_alloc(size_t size);

/*
 * Give the page-aligned range [@addr, @addr + @size) inside one image
 * allocation the protection @prot (PE_PROT_* bits; READ is implied).
 * Returns 0 or a negative errno.
 */
int pe_os_image_protect(void *addr, size_t size, unsigned int prot);

/*
 * Free an image allocation.  Must restore writable, non-executable
 * permissions first if pe_os_image_protect() changed them.
 */
void pe_os_image_free(void *addr, size_t size);

/* Small bookkeeping allocations (zeroed), and their release. */
void *pe_os_zalloc(size_t size);
void pe_os_free(void *ptr);

/* 64 random bits, for the /GS security cookie. */
u64 pe_os_random(void);

/*
 * Warnings that do not stop a load (for instance a writable+executable
 * section mapped read+execute).  Errors are not logged: they go into the
 * caller's err buffer.  A macro in both worlds, so no shim symbol is needed.
 */
#ifdef __KERNEL__
#define pe_os_warn(fmt, ...) pr_warn("vpwrap: " fmt "\n", ##__VA_ARGS__)
#else
void pe_os_user_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define pe_os_warn(fmt, ...) pe_os_user_warn(fmt, ##__VA_ARGS__)
#endif

#endif /* VPWRAP_PE_OS_H */
