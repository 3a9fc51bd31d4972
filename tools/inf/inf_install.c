// SPDX-License-Identifier: GPL-2.0
/*
 * One DDInstall section: its service (DDInstall.Services -> AddService ->
 * ServiceBinary names the miniport), where the miniport file comes from
 * (CopyFiles, SourceDisksFiles, SourceDisksNames) and its registry values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_driver.h"
#include "inf_internal.h"

#define SPSVCINST_ASSOCSERVICE 0x2	/* the device's function driver */
#define SERVICE_KERNEL_DRIVER 1

/* [base.deco1], [base.deco2], then [base]; NULL decorations are skipped. */
static const struct inf_section *find_decorated(const struct inf *inf,
						const char *base,
						const char *deco1,
						const char *deco2)
{
	const char *decos[] = { deco1, deco2 };
	const struct inf_section *s;
	unsigned int i;
	char *name;

	for (i = 0; i < 2; i++) {
		if (!decos[i] || asprintf(&name, "%s.%s", base, decos[i]) < 0)
			continue;
		s = inf_section(inf, name);
		free(name);
		if (s)
			return s;
	}
	return inf_section(inf, base);
}

static const struct inf_section *find_suffixed(const struct inf *inf,
					       const char *base,
					       const char *suffix)
{
	const struct inf_section *s = NULL;
	char *name;

	if (asprintf(&name, "%s%s", base, suffix) >= 0) {
		s = inf_section(inf, name);
		free(name);
	}
	return s;
}

static const char *basename_win(const char *path)
{
	const char *b = path, *p;

	for (p = path; *p; p++)
		if (*p == '\\' || *p == '/')
			b = p + 1;
	return b;
}

/* HKLM\SYSTEM\CurrentControlSet\Services\<svc>\Device0[\rest] -> rest */
static const char *device0_subkey(const char *subkey, const char *service)
{
	static const char prefix[] = "SYSTEM\\CurrentControlSet\\Services\\";
	size_t pl = sizeof(prefix) - 1, sl = strlen(service);
	const char *p = subkey + pl + sl;

	if (strncasecmp(subkey, prefix, pl) ||
	    strncasecmp(subkey + pl, service, sl) ||
	    strncasecmp(p, "\\Device0", 8) || (p[8] && p[8] != '\\'))
		return NULL;
	return p[8] ? p + 9 : p + 8;
}

/* Keep a value if it lands in the key we model; rewrite HKLM Device0. */
static int route_reg(struct inf *inf, struct inf_reg *r, const char *service,
		     int device)
{
	const char *rest;
	char *sub;

	if (r->root == INF_HKR)
		return 1;
	rest = device ? device0_subkey(r->subkey, service) : NULL;
	if (!rest) {
		inf_warn(inf, r->line, "registry value %s\\%s is outside the %s key, ignored",
			 r->subkey, r->name, device ? "device" : "service");
		return 0;
	}
	sub = strdup(rest);
	if (!sub)
		return inf_fail(inf, r->line, "out of memory");
	free(r->subkey);
	r->subkey = sub;
	r->root = INF_HKR;
	return 1;
}

static int add_reg_section(struct inf *inf, const struct inf_section *sec,
			   const char *service, int device,
			   struct inf_regs *regs)
{
	unsigned int i;
	int keep;

	for (i = 0; i < sec->nentries; i++) {
		if (inf_grow(&regs->r, &regs->cap, regs->n, sizeof(*regs->r)))
			return inf_fail(inf, sec->entries[i].line, "out of memory");
		if (inf_parse_addreg(inf, &sec->entries[i], &regs->r[regs->n])) {
			inf_reg_free(&regs->r[regs->n]);
			return -1;
		}
		keep = route_reg(inf, &regs->r[regs->n], service, device);
		if (keep < 0)
			return -1;
		if (keep)
			regs->n++;
		else
			inf_reg_free(&regs->r[regs->n]);
	}
	return 0;
}

/* Every `AddReg = a, b` in @sec, in order. */
static int add_regs(struct inf *inf, const struct inf_section *sec,
		    const char *service, int device, struct inf_regs *regs)
{
	const struct inf_section *target;
	unsigned int i, j;

	for (i = 0; sec && i < sec->nentries; i++) {
		const struct inf_entry *e = &sec->entries[i];

		if (!e->key || strcasecmp(e->key, "AddReg"))
			continue;
		for (j = 0; j < e->nfields; j++) {
			target = inf_section(inf, e->fields[j]);
			if (!target)
				return inf_fail(inf, e->line, "AddReg section [%s] not found",
						e->fields[j]);
			if (add_reg_section(inf, target, service, device, regs))
				return -1;
		}
	}
	return 0;
}

static const struct inf_entry *pick_service(const struct inf_section *svcs)
{
	const struct inf_entry *first = NULL;
	unsigned int i, flags;

	for (i = 0; i < svcs->nentries; i++) {
		const struct inf_entry *e = &svcs->entries[i];

		if (!e->key || strcasecmp(e->key, "AddService"))
			continue;
		if (!first)
			first = e;
		if (!inf_parse_u32(inf_field(e, 1), &flags) &&
		    (flags & SPSVCINST_ASSOCSERVICE))
			return e;
	}
	return first;
}

static int read_service_binary(struct inf *inf, const struct inf_section *si,
			       struct inf_driver *d)
{
	const struct inf_entry *bin = inf_find_key(si, "ServiceBinary");
	const struct inf_entry *type = inf_find_key(si, "ServiceType");
	unsigned int t;

	if (!bin || !*basename_win(inf_field(bin, 0)))
		return inf_fail(inf, bin ? bin->line : si->line,
				"[%s] names no ServiceBinary", si->name);
	if (type && (inf_parse_u32(inf_field(type, 0), &t) ||
		     t != SERVICE_KERNEL_DRIVER))
		inf_warn(inf, type->line, "ServiceType %s is not a kernel driver (1)",
			 inf_field(type, 0));
	d->image = strdup(basename_win(inf_field(bin, 0)));
	return d->image ? 0 : inf_fail(inf, bin->line, "out of memory");
}

static int read_service(struct inf *inf, const struct inf_section *inst,
			struct inf_driver *d)
{
	const struct inf_section *svcs = find_suffixed(inf, inst->name,
						       ".Services");
	const struct inf_section *si;
	const struct inf_entry *add;

	if (!svcs)
		return inf_fail(inf, inst->line, "no [%s.Services] section for the miniport",
				inst->name);
	add = pick_service(svcs);
	if (!add || !*inf_field(add, 0))
		return inf_fail(inf, svcs->line, "[%s] has no AddService",
				svcs->name);
	si = inf_section(inf, inf_field(add, 2));
	if (!si)
		return inf_fail(inf, add->line, "service install section [%s] not found",
				inf_field(add, 2));
	d->service = strdup(inf_field(add, 0));
	if (!d->service)
		return inf_fail(inf, add->line, "out of memory");
	if (read_service_binary(inf, si, d))
		return -1;
	return add_regs(inf, si, d->service, 0, &d->svcregs);
}

/* The source file name CopyFiles uses for @image, or NULL (error set). */
static const char *copy_source(struct inf *inf, const struct inf_section *inst,
			       const char *image)
{
	const struct inf_section *cf;
	unsigned int i, j, k;

	for (i = 0; i < inst->nentries; i++) {
		const struct inf_entry *e = &inst->entries[i];

		if (!e->key || strcasecmp(e->key, "CopyFiles"))
			continue;
		for (j = 0; j < e->nfields; j++) {
			const char *f = e->fields[j];

			if (f[0] == '@') {
				if (!strcasecmp(f + 1, image))
					return f + 1;
				continue;
			}
			cf = inf_section(inf, f);
			if (!cf) {
				inf_fail(inf, e->line, "CopyFiles section [%s] not found", f);
				return NULL;
			}
			for (k = 0; k < cf->nentries; k++) {
				const struct inf_entry *c = &cf->entries[k];
				const char *src = inf_field(c, 1);

				if (!c->key && !strcasecmp(inf_field(c, 0), image))
					return *src ? src : inf_field(c, 0);
			}
		}
	}
	inf_fail(inf, inst->line, "%s is not copied by CopyFiles of [%s]",
		 image, inst->name);
	return NULL;
}

static const struct inf_entry *find_in(const struct inf_section *a,
				       const struct inf_section *b,
				       const char *key)
{
	const struct inf_entry *e = inf_find_key(a, key);

	return e ? e : inf_find_key(b, key);
}

static int read_source(struct inf *inf, enum inf_arch arch,
		       const char *src, struct inf_driver *d)
{
	const char *plat = arch == INF_ARCH_X86_64 ? "amd64" : "x86";
	const struct inf_entry *file, *disk;

	file = find_in(find_suffixed(inf, "SourceDisksFiles.", plat),
		       inf_section(inf, "SourceDisksFiles"), src);
	if (!file)
		return inf_fail(inf, 0, "%s is not listed in [SourceDisksFiles]",
				src);
	disk = find_in(find_suffixed(inf, "SourceDisksNames.", plat),
		       inf_section(inf, "SourceDisksNames"),
		       inf_field(file, 0));
	if (!disk)
		return inf_fail(inf, file->line, "disk '%s' is not listed in [SourceDisksNames]",
				inf_field(file, 0));
	return inf_source_path(inf, file->line, inf_field(disk, 3),
			       inf_field(file, 1), src, &d->source);
}

int inf_resolve_install(struct inf *inf, enum inf_arch arch,
			const struct inf_entry *model, struct inf_driver *d)
{
	const char *deco = arch == INF_ARCH_X86_64 ? "NTamd64" : "NTx86";
	const struct inf_section *inst;
	const char *src;

	inst = find_decorated(inf, model->fields[0], deco, "NT");
	if (!inst)
		return inf_fail(inf, model->line, "install section [%s] not found",
				model->fields[0]);
	d->install = strdup(inst->name);
	d->desc = strdup(model->key ? model->key : "");
	if (!d->install || !d->desc)
		return inf_fail(inf, model->line, "out of memory");
	if (read_service(inf, inst, d))
		return -1;
	src = copy_source(inf, inst, d->image);
	if (!src || read_source(inf, arch, src, d))
		return -1;
	inst = find_suffixed(inf, inst->name, ".SoftwareSettings");
	if (!inst)
		inf_warn(inf, model->line, "no [%s.SoftwareSettings]: no registry defaults",
			 d->install);
	return add_regs(inf, inst, d->service, 1, &d->devregs);
}

void inf_regs_free(struct inf_regs *regs)
{
	unsigned int i;

	for (i = 0; i < regs->n; i++)
		inf_reg_free(&regs->r[i]);
	free(regs->r);
	memset(regs, 0, sizeof(*regs));
}

void inf_driver_free(struct inf_driver *d)
{
	free(d->install);
	free(d->desc);
	free(d->service);
	free(d->image);
	free(d->source);
	free(d->ids);
	inf_regs_free(&d->devregs);
	inf_regs_free(&d->svcregs);
	memset(d, 0, sizeof(*d));
}
