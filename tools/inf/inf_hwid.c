// SPDX-License-Identifier: GPL-2.0
/*
 * PCI hardware IDs as Windows writes them, case-insensitive.  SUBSYS_ holds
 * the subsystem device ID in its high 16 bits and the subsystem vendor ID
 * in its low 16 bits (PCI config dword 0x2c read as one number).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "inf_hwid.h"

/* Exactly @n hex digits at @s, ended by '&' or the end of the string. */
static int hex_exact(const char *s, size_t n, unsigned int *out)
{
	unsigned int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int c = tolower((unsigned char)s[i]);

		if (!isxdigit(c))
			return -1;
		v = v << 4 | (unsigned int)(isdigit(c) ? c - '0' : c - 'a' + 10);
	}
	if (s[n] && s[n] != '&')
		return -1;
	*out = v;
	return 0;
}

static size_t part_len(const char *s)
{
	const char *amp = strchr(s, '&');

	return amp ? (size_t)(amp - s) : strlen(s);
}

static int read_optional(const char *p, struct inf_pci_id *id)
{
	unsigned int v;

	if (!strncasecmp(p, "SUBSYS_", 7) && !id->has_subsys &&
	    !hex_exact(p + 7, 8, &v)) {
		id->subvendor = (unsigned short)(v & 0xffff);
		id->subdevice = (unsigned short)(v >> 16);
		id->has_subsys = 1;
	} else if (!strncasecmp(p, "REV_", 4) && !id->has_rev &&
		   !hex_exact(p + 4, 2, &v)) {
		id->rev = (unsigned char)v;
		id->has_rev = 1;
	} else if (!strncasecmp(p, "CC_", 3) && !id->class_len &&
		   (part_len(p + 3) == 4 || part_len(p + 3) == 6) &&
		   !hex_exact(p + 3, part_len(p + 3), &v)) {
		/* CC_ccss (class, subclass) or CC_ccsspp (with prog-if) */
		id->class_code = v;
		id->class_len = (unsigned char)(part_len(p + 3) / 2);
	} else {
		return -1;
	}
	return 0;
}

int inf_parse_pci_id(const char *s, struct inf_pci_id *id)
{
	unsigned int v;
	const char *p;

	memset(id, 0, sizeof(*id));
	if (strncasecmp(s, "PCI\\", 4))
		return 0;
	p = s + 4;
	if (strncasecmp(p, "VEN_", 4) || hex_exact(p + 4, 4, &v))
		return -1;
	id->vendor = (unsigned short)v;
	p += 8;
	if (strncasecmp(p, "&DEV_", 5) || hex_exact(p + 5, 4, &v))
		return -1;
	id->device = (unsigned short)v;
	p += 9;
	while (*p) {
		if (*p != '&' || read_optional(p + 1, id))
			return -1;
		p += 1 + part_len(p + 1);
	}
	return 1;
}

int inf_pci_id_equal(const struct inf_pci_id *a, const struct inf_pci_id *b)
{
	return a->vendor == b->vendor && a->device == b->device &&
	       a->has_subsys == b->has_subsys &&
	       a->subvendor == b->subvendor && a->subdevice == b->subdevice &&
	       a->has_rev == b->has_rev && a->rev == b->rev &&
	       a->class_len == b->class_len && a->class_code == b->class_code;
}
