// SPDX-License-Identifier: GPL-2.0
/*
 * Writing the settings file (settings-format.md) that wrapper/settings.c
 * reads: one fact per line, fields separated by spaces, strings in double
 * quotes with \\ and \" escapes, '#' comments.
 */
#include <string.h>
#include "src/settings.h"
#include "src/regstate.h"

#define REG_BINARY	3
#define REG_QWORD	11

void vp_write_pci_match(FILE *f, const struct inf_pci_id *id)
{
	fprintf(f, "%04x:%04x", id->vendor, id->device);
	if (id->has_subsys)
		fprintf(f, " subsys %04x:%04x", id->subvendor, id->subdevice);
	if (id->has_rev)
		fprintf(f, " rev %02x", id->rev);
	if (id->class_len)
		fprintf(f, " class %0*x", id->class_len * 2, id->class_code);
}

/* The kernel's modalias: pci:vVdDsvSVsdSDbcBCscSCiI, upper-case hex. */
void vp_write_modalias(FILE *f, const struct inf_pci_id *id)
{
	unsigned int cc = id->class_code;

	fprintf(f, "pci:v%08Xd%08X", id->vendor, id->device);
	if (id->has_subsys)
		fprintf(f, "sv%08Xsd%08X", id->subvendor, id->subdevice);
	else
		fprintf(f, "sv*sd*");
	if (id->class_len == 3)
		fprintf(f, "bc%02Xsc%02Xi%02X", cc >> 16, (cc >> 8) & 0xff,
			cc & 0xff);
	else if (id->class_len == 2)
		fprintf(f, "bc%02Xsc%02Xi*", cc >> 8, cc & 0xff);
	else
		fprintf(f, "bc*sc*i*");
}

static int bare_ok(const char *s)
{
	const char *p;

	if (!*s)
		return 0;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("_.-", *p)))
			return 0;
	return 1;
}

static void write_quoted(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

/* Names go bare when they can, so the file reads like the example. */
static void write_name(FILE *f, const char *s)
{
	if (bare_ok(s))
		fputs(s, f);
	else
		write_quoted(f, s);
}

static const char *type_word(const struct inf_reg *r)
{
	switch (r->kind) {
	case INF_REG_SZ:
		return "sz";
	case INF_REG_EXPAND_SZ:
		return "expand_sz";
	case INF_REG_MULTI_SZ:
		return "multi_sz";
	case INF_REG_DWORD:
		return "dword";
	case INF_REG_BINARY:
		if (r->regtype == REG_QWORD && r->len == 8)
			return "qword";
		return r->regtype == REG_BINARY ? "binary" : NULL;
	default:
		return NULL;
	}
}

static void write_value(FILE *f, const struct inf_reg *r)
{
	unsigned long long q = 0;
	unsigned int i;

	if (r->kind == INF_REG_DWORD)
		fprintf(f, " %u", r->dword);
	for (i = 0; i < r->nstrs; i++) {
		fputc(' ', f);
		write_quoted(f, r->strs[i]);
	}
	if (r->kind != INF_REG_BINARY)
		return;
	if (r->regtype == REG_QWORD) {
		for (i = 8; i-- > 0;)
			q = q << 8 | r->data[i];
		fprintf(f, " %llu", q);
		return;
	}
	for (i = 0; i < r->len; i++)
		fprintf(f, " %02x", r->data[i]);
}

/* Why the module cannot take @r as a registry default, or NULL. */
static const char *unusable(const struct inf_reg *r)
{
	if (!type_word(r))
		return "registry type without settings syntax";
	if (*r->subkey)
		return "in a subkey";
	if (!*r->name)
		return "default value";
	return NULL;
}

/*
 * The module reads the device key's values; anything else (service key,
 * subkeys, types it has no syntax for) is kept as a comment for people.
 */
static void write_reg(FILE *f, const struct inf_reg *r, int device)
{
	const char *why = device ? unusable(r) : "service key";

	if (why)
		fprintf(f, "# %s: ", why);
	fprintf(f, "reg %s ", type_word(r) ? type_word(r) : "?");
	if (*r->subkey) {
		write_quoted(f, r->subkey);
		fputc('\\', f);
	}
	write_name(f, r->name);
	write_value(f, r);
	fputc('\n', f);
}

static int write_regs(FILE *f, const struct inf_regs *in, int device)
{
	struct inf_regs fin;
	unsigned int i;

	if (vp_regs_final(in, &fin))
		return -1;
	for (i = 0; i < fin.n; i++)
		write_reg(f, &fin.r[i], device);
	inf_regs_free(&fin);
	return 0;
}

/* The module matches vendor, device and subsystem; rev/class are dropped. */
static int same_match(const struct inf_pci_id *a, const struct inf_pci_id *b)
{
	return a->vendor == b->vendor && a->device == b->device &&
	       a->has_subsys == b->has_subsys &&
	       a->subvendor == b->subvendor && a->subdevice == b->subdevice;
}

static void write_pci(FILE *f, const struct inf_driver *d)
{
	unsigned int i, j;

	for (i = 0; i < d->nids; i++) {
		const struct inf_pci_id *id = &d->ids[i];

		for (j = 0; j < i && !same_match(&d->ids[j], id); j++)
			;
		if (id->has_rev || id->class_len) {
			fputs("# INF ID ", f);
			vp_write_pci_match(f, id);
			fputs(" (revision/class not matched by the module)\n", f);
		}
		if (j < i)
			continue;
		fprintf(f, "pci %04x:%04x", id->vendor, id->device);
		if (id->has_subsys)
			fprintf(f, " subsys %04x:%04x", id->subvendor,
				id->subdevice);
		fputc('\n', f);
	}
}

int vp_write_settings(FILE *f, const struct inf_driver *d, const char *name,
		      const char *inf_name, enum inf_arch arch)
{
	fprintf(f, "# vpwrap settings for %s (from %s, %s), written by vpwrap install\n",
		d->image, inf_name, inf_arch_name(arch));
	fputs("# service ", f);
	write_name(f, d->service);
	fputs(", device ", f);
	write_quoted(f, d->desc);
	fputc('\n', f);
	if (d->date && (*d->date || *d->version))
		fprintf(f, "# DriverVer %s%s%s\n", d->date,
			*d->version ? ", " : "", d->version);
	fprintf(f, "image %s.sys\n", name);
	write_pci(f, d);
	if (write_regs(f, &d->devregs, 1) || write_regs(f, &d->svcregs, 0))
		return -1;
	return ferror(f) ? -1 : 0;
}
