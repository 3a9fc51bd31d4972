// SPDX-License-Identifier: GPL-2.0
/*
 * DDInstall.Services: the AddService that is the device's function driver
 * (SPSVCINST_ASSOCSERVICE) names the miniport through its service install
 * section's ServiceBinary.  The .Services section may pull AddService lines
 * from included INFs with Needs=.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_ctx.h"

#define SPSVCINST_ASSOCSERVICE 0x2	/* the device's function driver */
#define SERVICE_KERNEL_DRIVER 1

static const char *basename_win(const char *path)
{
	const char *b = path, *p;

	for (p = path; *p; p++)
		if (*p == '\\' || *p == '/')
			b = p + 1;
	return b;
}

struct svc_pick {
	struct inf *inf;
	const struct inf_entry *e;
};

static struct svc_pick pick_service(const struct inf_srefs *svcs)
{
	struct svc_pick first = { 0 };
	unsigned int i, k, flags;

	for (k = 0; k < svcs->n; k++) {
		const struct inf_section *sec = svcs->s[k].sec;

		for (i = 0; i < sec->nentries; i++) {
			const struct inf_entry *e = &sec->entries[i];
			struct svc_pick p = { svcs->s[k].inf, e };

			if (!e->key || strcasecmp(e->key, "AddService"))
				continue;
			if (!first.e)
				first = p;
			if (!inf_parse_u32(inf_field(e, 1), &flags) &&
			    (flags & SPSVCINST_ASSOCSERVICE))
				return p;
		}
	}
	return first;
}

static int read_service_binary(struct inf_sref si, struct inf_driver *d)
{
	const struct inf_entry *bin = inf_find_key(si.sec, "ServiceBinary");
	const struct inf_entry *type = inf_find_key(si.sec, "ServiceType");
	unsigned int t;

	if (!bin || !*basename_win(inf_field(bin, 0)))
		return inf_fail(si.inf, bin ? bin->line : si.sec->line,
				"[%s] names no ServiceBinary", si.sec->name);
	if (type && (inf_parse_u32(inf_field(type, 0), &t) ||
		     t != SERVICE_KERNEL_DRIVER))
		inf_warn(si.inf, type->line, "ServiceType %s is not a kernel driver (1)",
			 inf_field(type, 0));
	d->image = strdup(basename_win(inf_field(bin, 0)));
	return d->image ? 0 : inf_fail(si.inf, bin->line, "out of memory");
}

int inf_read_service(struct inf_ctx *c, struct inf_sref inst,
		     struct inf_driver *d)
{
	struct inf_sref svc, si;
	struct inf_srefs svcs, regsecs;
	struct svc_pick add;

	if (!inf_ctx_suffixed(c, inst.inf, inst.sec->name, ".Services", &svc))
		return inf_fail(inst.inf, inst.sec->line,
				"no [%s.Services] section for the miniport",
				inst.sec->name);
	if (inf_ctx_needs(c, svc, &svcs))
		return -1;
	add = pick_service(&svcs);
	if ((!add.e || !*inf_field(add.e, 0)) && c->nabsent)
		return inf_fail(svc.inf, svc.sec->line, "[%s] has no AddService: its service would come from %s, which is not on this disk, so there is no miniport here for vpwrap",
				svc.sec->name, c->absent[0]);
	if (!add.e || !*inf_field(add.e, 0))
		return inf_fail(svc.inf, svc.sec->line, "[%s] has no AddService",
				svc.sec->name);
	if (!inf_ctx_section(c, add.inf, inf_field(add.e, 2), &si))
		return inf_fail(add.inf, add.e->line,
				"service install section [%s] not found",
				inf_field(add.e, 2));
	d->service = strdup(inf_field(add.e, 0));
	if (!d->service)
		return inf_fail(add.inf, add.e->line, "out of memory");
	if (read_service_binary(si, d))
		return -1;
	regsecs.n = 1;
	regsecs.s[0] = si;
	return inf_add_regs(c, &regsecs, d->service, 0, &d->svcregs);
}
