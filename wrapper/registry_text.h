/* SPDX-License-Identifier: GPL-2.0 */
/* The registry store rendered as text, in the settings file's "reg" syntax. */
#ifndef VPWRAP_WRAPPER_REGISTRY_TEXT_H
#define VPWRAP_WRAPPER_REGISTRY_TEXT_H

#include <linux/types.h>

struct vpw_registry;

/* kvmalloc'ed, not NUL-terminated, *len bytes; NULL if out of memory. */
char *vpw_registry_text(struct vpw_registry *reg, size_t *len);

/* A sysfs bin_attribute read of that text: @count bytes from @off into @buf. */
ssize_t vpw_registry_read(struct vpw_registry *reg, char *buf, loff_t off,
			  size_t count);

#endif /* VPWRAP_WRAPPER_REGISTRY_TEXT_H */
