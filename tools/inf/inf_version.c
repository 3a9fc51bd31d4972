// SPDX-License-Identifier: GPL-2.0
/*
 * [Version] facts shown to the user: provider, class, DriverVer
 * (mm/dd/yyyy[,w.x.y.z], also allowed in an install section, which then
 * wins) and the CatalogFile for the architecture (CatalogFile.NTamd64 or
 * .NTx86, then .NT, then undecorated).  vpwrap does not check Windows
 * signatures; the catalog is named so the user knows what was not checked.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_ctx.h"

/* mm/dd/yyyy with one- or two-digit month and day. */
static int date_ok(const char *s)
{
	unsigned int m, d, y;
	int n = 0;

	if (sscanf(s, "%2u/%2u/%4u%n", &m, &d, &y, &n) != 3 || s[n] ||
	    !isdigit((unsigned char)s[0]))
		return 0;
	return m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1980;
}

int inf_read_driverver(struct inf *inf, const struct inf_entry *e,
		       char **date, char **version)
{
	free(*date);
	free(*version);
	*date = strdup(inf_field(e, 0));
	*version = strdup(inf_field(e, 1));
	if (!*date || !*version)
		return inf_fail(inf, e->line, "out of memory");
	if (!date_ok(*date))
		inf_warn(inf, e->line, "DriverVer date '%s' is not mm/dd/yyyy",
			 *date);
	return 0;
}

static const struct inf_entry *catalog(const struct inf_ctx *c,
				       const struct inf_section *v)
{
	const char *keys[] = {
		c->arch == INF_ARCH_X86_64 ? "CatalogFile.NTamd64" :
					     "CatalogFile.NTx86",
		"CatalogFile.NT", "CatalogFile",
	};
	const struct inf_entry *e;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		e = inf_find_key(v, keys[i]);
		if (e)
			return e;
	}
	return NULL;
}

static int dup_field(struct inf *inf, const struct inf_entry *e,
		     unsigned int i, char **out)
{
	*out = strdup(inf_field(e, i));
	return *out ? 0 : inf_fail(inf, e ? e->line : 0, "out of memory");
}

int inf_read_package(struct inf_ctx *c, struct inf_package *pkg)
{
	const struct inf_section *v = inf_section(c->main, "Version");
	const struct inf_entry *ver = inf_find_key(v, "DriverVer");

	if (dup_field(c->main, inf_find_key(v, "Provider"), 0, &pkg->provider) ||
	    dup_field(c->main, inf_find_key(v, "Class"), 0, &pkg->class_name) ||
	    dup_field(c->main, catalog(c, v), 0, &pkg->catalog))
		return -1;
	if (ver)
		return inf_read_driverver(c->main, ver, &pkg->date, &pkg->version);
	return dup_field(c->main, NULL, 0, &pkg->date) ||
	       dup_field(c->main, NULL, 0, &pkg->version);
}
