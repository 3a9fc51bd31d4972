// SPDX-License-Identifier: GPL-2.0
/* The install report: what the INF says and what vpwrap does with it. */
#include <stdlib.h>
#include <string.h>
#include "src/install_report.h"

/* Windows' directory IDs that display INFs use ("Using Dirids"). */
static const char *dirid_name(const char *dest)
{
	static const struct {
		unsigned int id;
		const char *name;
	} ids[] = {
		{ 10, "Windows" }, { 11, "System32" }, { 12, "System32\\drivers" },
		{ 17, "INF" }, { 18, "Help" }, { 20, "Fonts" }, { 23, "Color" },
		{ 24, "system disk" }, { 25, "shared folder" },
		{ 30, "boot disk" }, { 50, "System" }, { 51, "spool" },
		{ 52, "spool\\drivers" }, { 53, "user profile" },
		{ 55, "print processors" }, { 16422, "Program Files" },
		{ 16427, "Common Files" },
	};
	unsigned long id;
	char *end;
	size_t i;

	if (dest[0] != '%')
		return NULL;
	id = strtoul(dest + 1, &end, 10);
	if (end == dest + 1 || *end != '%')
		return NULL;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (ids[i].id == id)
			return ids[i].name;
	return NULL;
}

static void put_dest(FILE *f, const char *dest)
{
	const char *name = dirid_name(dest);

	if (!*dest)
		fputs(" (no [DestinationDirs] entry)", f);
	else if (name)
		fprintf(f, " -> %s (%s)", dest, name);
	else
		fprintf(f, " -> %s", dest);
}

void vp_report_package(FILE *f, const char *inf_name,
		       const struct inf_drivers *ds, enum inf_arch arch)
{
	const struct inf_package *p = &ds->pkg;

	fprintf(f, "%s: class %s, provider \"%s\"", inf_name,
		*p->class_name ? p->class_name : "(none)", p->provider);
	if (*p->date || *p->version)
		fprintf(f, ", DriverVer %s%s%s", p->date, *p->version ? ", " : "",
			p->version);
	fputc('\n', f);
	if (*p->catalog)
		fprintf(f, "  catalog %s: its Windows signature is not checked by vpwrap\n",
			p->catalog);
	else
		fputs("  no CatalogFile: the package is not signed\n", f);
	fprintf(f, "  models %s for %s\n", p->models ? p->models : "(none)",
		inf_arch_name(arch));
}

void vp_report_driver(FILE *f, const struct inf_drivers *ds,
		      const struct inf_driver *d, const char *source)
{
	unsigned int i;

	fprintf(f, "%s: \"%s\"", d->image, d->desc);
	if (d->nmodels > 1)
		fprintf(f, " and %u more model(s)", d->nmodels - 1);
	fprintf(f, ", install [%s], service %s, %u PCI ID(s)", d->install,
		d->service, d->nids);
	if (strcmp(d->date, ds->pkg.date) || strcmp(d->version, ds->pkg.version))
		fprintf(f, ", DriverVer %s%s%s", d->date,
			*d->version ? ", " : "", d->version);
	fputc('\n', f);
	for (i = 0; i < d->nfiles; i++) {
		const struct inf_file *fl = &d->files[i];

		if (fl->role == INF_FILE_MINIPORT) {
			fprintf(f, "  file %s", fl->name);
			put_dest(f, fl->dest);
			fprintf(f, " on Windows: %s%s (%s)\n",
				source ? "from " : "not on the disk",
				source ? source : "", d->source_how);
		} else {
			fprintf(f, "  skipped %s", fl->name);
			put_dest(f, fl->dest);
			fprintf(f, " on Windows: %s\n", inf_file_role_why(fl->role));
		}
	}
}
