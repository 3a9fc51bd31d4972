// SPDX-License-Identifier: GPL-2.0
/*
 * One DDInstall section: its service (inf_service.c), the registry values
 * of its .SoftwareSettings (the device key the miniport reads), its files
 * (inf_files.c, inf_source.c) and its DriverVer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_ctx.h"

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

/* Every `AddReg = a, b` in @secs, in order. */
int inf_add_regs(struct inf_ctx *c, const struct inf_srefs *secs,
		 const char *service, int device, struct inf_regs *regs)
{
	struct inf_sref target;
	unsigned int i, j, k;

	for (k = 0; k < secs->n; k++) {
		const struct inf_section *sec = secs->s[k].sec;
		struct inf *inf = secs->s[k].inf;

		for (i = 0; i < sec->nentries; i++) {
			const struct inf_entry *e = &sec->entries[i];

			if (!e->key || strcasecmp(e->key, "AddReg"))
				continue;
			for (j = 0; j < e->nfields; j++) {
				if (!*e->fields[j])
					continue;
				if (!inf_ctx_section(c, inf, e->fields[j], &target))
					return inf_fail(inf, e->line, "AddReg section [%s] not found",
							e->fields[j]);
				if (add_reg_section(target.inf, target.sec, service,
						    device, regs))
					return -1;
			}
		}
	}
	return 0;
}

/* The device key: [install.SoftwareSettings] and what it Needs. */
static int read_settings(struct inf_ctx *c, struct inf_sref inst,
			 const struct inf_entry *model, struct inf_driver *d)
{
	struct inf_sref sw;
	struct inf_srefs secs;

	if (!inf_ctx_suffixed(c, inst.inf, inst.sec->name, ".SoftwareSettings",
			      &sw)) {
		inf_warn(c->main, model->line, "no [%s.SoftwareSettings]: no registry defaults",
			 d->install);
		return 0;
	}
	return inf_ctx_needs(c, sw, &secs) ||
	       inf_add_regs(c, &secs, d->service, 1, &d->devregs) ? -1 : 0;
}

int inf_resolve_install(struct inf_ctx *c, const struct inf_entry *model,
			struct inf_driver *d)
{
	const struct inf_entry *ver;
	struct inf_sref inst;

	if (!inf_ctx_decorated(c, model->fields[0], &inst))
		return inf_fail(c->main, model->line, "install section [%s] not found",
				model->fields[0]);
	d->install = strdup(inst.sec->name);
	d->desc = strdup(model->key ? model->key : "");
	if (!d->install || !d->desc)
		return inf_fail(c->main, model->line, "out of memory");
	ver = inf_find_key(inst.sec, "DriverVer");
	if (ver && inf_read_driverver(inst.inf, ver, &d->date, &d->version))
		return -1;
	if (inf_read_service(c, inst, d) || read_settings(c, inst, model, d))
		return -1;
	return inf_read_files(c, inst, d);
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
	unsigned int i;

	free(d->install);
	free(d->desc);
	free(d->service);
	free(d->image);
	free(d->date);
	free(d->version);
	for (i = 0; i < d->nsources; i++)
		free(d->sources[i]);
	free(d->sources);
	free(d->source_how);
	for (i = 0; i < d->nfiles; i++) {
		free(d->files[i].name);
		free(d->files[i].dest);
	}
	free(d->files);
	free(d->ids);
	inf_regs_free(&d->devregs);
	inf_regs_free(&d->svcregs);
	memset(d, 0, sizeof(*d));
}
