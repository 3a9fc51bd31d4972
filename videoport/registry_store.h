/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-driver registry store: the miniport's Windows "device key", which
 * VideoPortGet/SetRegistryParameters (registry.c) read and write.
 *
 * Values keep the representation Windows hands to a miniport: strings
 * (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ) are UTF-16LE with their terminating
 * NUL(s) included in the length, DWORD/QWORD are little-endian.  Names are
 * ASCII and compared case-insensitively, as the Windows registry does.
 *
 * The wrapper creates the store before DriverEntry runs, seeds it from the
 * driver's settings file and then from the reg= module parameter
 * (overrides), and shows it in sysfs as
 * /sys/module/vpwrap/miniports/<image>/registry (root-readable only; not
 * writable).
 *
 * All functions may sleep (a mutex guards the store): call them at
 * PASSIVE_LEVEL, which is what VideoPortGet/SetRegistryParameters require.
 */
#ifndef VPWRAP_VIDEOPORT_REGISTRY_STORE_H
#define VPWRAP_VIDEOPORT_REGISTRY_STORE_H

#include <linux/types.h>

struct vpw_registry;

/* Windows registry value types (winnt.h). */
#define VPW_REG_NONE		0
#define VPW_REG_SZ		1
#define VPW_REG_EXPAND_SZ	2
#define VPW_REG_BINARY		3
#define VPW_REG_DWORD		4
#define VPW_REG_MULTI_SZ	7
#define VPW_REG_QWORD		11

/* Limits: a value set beyond them is refused with -EINVAL / -E2BIG / -ENOSPC. */
#define VPW_REG_NAME_MAX	255	/* characters, as Windows */
#define VPW_REG_DATA_MAX	(64 * 1024)
#define VPW_REG_VALUES_MAX	512

/* The store itself: created empty, freed with the driver. */
struct vpw_registry *vpw_registry_create(void);
void vpw_registry_destroy(struct vpw_registry *reg);

/*
 * Read value @name.  On entry *len is the size of @buf (may be 0, @buf may
 * then be NULL); on return it is the size of the value.  Returns 0,
 * -ENOENT (no such value), or -EOVERFLOW (buffer too small: *len holds the
 * size needed, *type is set, @buf untouched).  @type may be NULL.
 */
int vpw_registry_get(struct vpw_registry *reg, const char *name, u32 *type,
		     void *buf, size_t *len);

/*
 * Create or replace value @name.  The data is copied.  Returns 0, -EINVAL
 * (bad name, unknown type, or a DWORD/QWORD of the wrong size), -E2BIG
 * (data larger than VPW_REG_DATA_MAX), -ENOSPC (too many values) or -ENOMEM.
 */
int vpw_registry_put(struct vpw_registry *reg, const char *name, u32 type,
		     const void *data, size_t len);

/* Remove value @name: 0 or -ENOENT. */
int vpw_registry_del(struct vpw_registry *reg, const char *name);

/* Visit every value in insertion order, under the store's lock; stops at a non-zero return. */
typedef int (*vpw_reg_visit_fn)(void *ctx, const char *name, u32 type,
				const void *data, size_t len);
int vpw_registry_for_each(struct vpw_registry *reg, vpw_reg_visit_fn fn,
			  void *ctx);

#endif /* VPWRAP_VIDEOPORT_REGISTRY_STORE_H */
