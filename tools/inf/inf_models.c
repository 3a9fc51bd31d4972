// SPDX-License-Identifier: GPL-2.0
/*
 * [Version] and [Manufacturer]: which models section applies to the target
 * architecture and which PCI IDs each install section binds.
 *
 * Decorations follow Windows: for x86_64 a models section needs an NTamd64
 * (or plain NT) decoration, an undecorated section is x86 only.  The first
 * matching decoration listed wins; "NTamd64.5.2"-style version suffixes count
 * as the architecture they name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_driver.h"
#include "inf_internal.h"

int inf_arch_parse(const char *s, enum inf_arch *arch)
{
	if (!strcmp(s, "x86_64") || !strcasecmp(s, "amd64"))
		*arch = INF_ARCH_X86_64;
	else if (!strcmp(s, "i686") || !strcmp(s, "i386") ||
		 !strcasecmp(s, "x86"))
		*arch = INF_ARCH_I686;
	else
		return -1;
	return 0;
}

const char *inf_arch_name(enum inf_arch arch)
{
	return arch == INF_ARCH_X86_64 ? "x86_64" : "i686";
}

/* @deco is @want, or @want followed by ".<version>". */
static int deco_is(const char *deco, const char *want)
{
	size_t n = strlen(want);

	return !strncasecmp(deco, want, n) && (!deco[n] || deco[n] == '.');
}

static int check_version(struct inf *inf)
{
	const struct inf_section *v = inf_section(inf, "Version");
	const struct inf_entry *sig = inf_find_key(v, "Signature");
	const struct inf_entry *cls = inf_find_key(v, "Class");
	const char *s = inf_field(sig, 0);

	if (!v)
		return inf_fail(inf, 0, "no [Version] section");
	if (!sig)
		return inf_fail(inf, v->line, "[Version] has no Signature");
	if (strcasecmp(s, "$Windows NT$") && strcasecmp(s, "$Chicago$"))
		return inf_fail(inf, sig->line, "unknown Signature '%s'", s);
	if (strcasecmp(inf_field(cls, 0), "Display"))
		inf_warn(inf, cls ? cls->line : v->line,
			 "Class is '%s', not Display", inf_field(cls, 0));
	return 0;
}

/* Index of the decoration field to use, 0 for undecorated, -1 for none. */
static int pick_decoration(const struct inf_entry *m, enum inf_arch arch)
{
	const char *mine = arch == INF_ARCH_X86_64 ? "NTamd64" : "NTx86";
	unsigned int i;

	for (i = 1; i < m->nfields; i++)
		if (deco_is(m->fields[i], mine))
			return (int)i;
	for (i = 1; i < m->nfields; i++)
		if (deco_is(m->fields[i], "NT"))
			return (int)i;
	return arch == INF_ARCH_I686 ? 0 : -1;
}

static const struct inf_section *models_section(struct inf *inf,
						const struct inf_entry *m,
						enum inf_arch arch)
{
	const struct inf_section *sec;
	int d = pick_decoration(m, arch);
	char *name;

	if (d < 0) {
		inf_warn(inf, m->line, "models %s have no %s decoration",
			 inf_field(m, 0), inf_arch_name(arch));
		return NULL;
	}
	if (asprintf(&name, "%s%s%s", m->fields[0], d ? "." : "",
		     d ? m->fields[d] : "") < 0) {
		inf_fail(inf, m->line, "out of memory");
		return NULL;
	}
	sec = inf_section(inf, name);
	if (!sec)
		inf_fail(inf, m->line, "models section [%s] not found", name);
	free(name);
	return sec;
}

static struct inf_driver *find_image(struct inf_drivers *ds, const char *img)
{
	unsigned int i;

	for (i = 0; i < ds->n; i++)
		if (!strcasecmp(ds->d[i].image, img))
			return &ds->d[i];
	return NULL;
}

static int add_id(struct inf_driver *d, const struct inf_pci_id *id)
{
	unsigned int i;

	for (i = 0; i < d->nids; i++)
		if (inf_pci_id_equal(&d->ids[i], id))
			return 0;
	if (inf_grow(&d->ids, &d->idcap, d->nids, sizeof(*d->ids)))
		return -1;
	d->ids[d->nids++] = *id;
	return 0;
}

/* The PCI IDs of one model line; other buses are skipped with a warning. */
static int model_ids(struct inf *inf, const struct inf_entry *e,
		     struct inf_driver *d)
{
	struct inf_pci_id id;
	unsigned int i;

	for (i = 1; i < e->nfields; i++) {
		int r = inf_parse_pci_id(e->fields[i], &id);

		if (r < 0)
			return inf_fail(inf, e->line, "bad PCI hardware ID '%s'",
					e->fields[i]);
		if (r == 0 && *e->fields[i])
			inf_warn(inf, e->line, "not a PCI ID, skipped: %s",
				 e->fields[i]);
		if (r > 0 && add_id(d, &id))
			return inf_fail(inf, e->line, "out of memory");
	}
	return 0;
}

/* One model line: resolve its install section, merge by image file. */
static int add_model(struct inf *inf, enum inf_arch arch,
		     const struct inf_entry *e, struct inf_drivers *ds)
{
	struct inf_driver d = { 0 }, *old;
	unsigned int i, j;

	if (e->nfields < 2 || !*e->fields[0])
		return inf_fail(inf, e->line,
				"model line needs an install section and a hardware ID");
	if (model_ids(inf, e, &d) || !d.nids ||
	    inf_resolve_install(inf, arch, e, &d)) {
		inf_driver_free(&d);
		return inf->error ? -1 : 0;
	}
	old = find_image(ds, d.image);
	if (!old) {
		if (inf_grow(&ds->d, &ds->cap, ds->n, sizeof(*ds->d))) {
			inf_driver_free(&d);
			return inf_fail(inf, e->line, "out of memory");
		}
		ds->d[ds->n++] = d;
		return 0;
	}
	if (strcasecmp(old->install, d.install))
		inf_warn(inf, e->line, "%s also installed by [%s]; using the settings of [%s]",
			 d.image, d.install, old->install);
	for (i = 0; i < d.nids; i++)
		if (add_id(old, &d.ids[i]))
			break;
	j = i < d.nids;
	inf_driver_free(&d);
	return j ? inf_fail(inf, e->line, "out of memory") : 0;
}

int inf_resolve(struct inf *inf, enum inf_arch arch, struct inf_drivers *out)
{
	const struct inf_section *mfg, *models;
	unsigned int i, j;

	memset(out, 0, sizeof(*out));
	if (inf->error || check_version(inf))
		return -1;
	mfg = inf_section(inf, "Manufacturer");
	if (!mfg)
		return inf_fail(inf, 0, "no [Manufacturer] section");
	for (i = 0; i < mfg->nentries; i++) {
		const struct inf_entry *m = &mfg->entries[i];

		if (!m->nfields || !*m->fields[0]) {
			inf_fail(inf, m->line, "manufacturer without a models section");
			goto fail;
		}
		models = models_section(inf, m, arch);
		for (j = 0; models && j < models->nentries; j++)
			if (add_model(inf, arch, &models->entries[j], out))
				goto fail;
		if (inf->error)
			goto fail;
	}
	if (out->n)
		return 0;
	inf_fail(inf, mfg->line, "no PCI display device for %s",
		 inf_arch_name(arch));
fail:
	inf_drivers_free(out);
	return -1;
}

void inf_drivers_free(struct inf_drivers *ds)
{
	unsigned int i;

	for (i = 0; i < ds->n; i++)
		inf_driver_free(&ds->d[i]);
	free(ds->d);
	memset(ds, 0, sizeof(*ds));
}
