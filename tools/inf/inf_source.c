// SPDX-License-Identifier: GPL-2.0
/*
 * Where the miniport's file is on the driver disk.  [SourceDisksFiles]
 * (".x86"/".amd64" first) names its disk and subdirectory, and
 * [SourceDisksNames] the disk's folder; an INF that ships with Windows
 * leaves both to the layout file its [Version] names (LayoutFile=), which
 * vpwrap reads when the disk has it.  A file no list names is looked for
 * in the folders [SourceDisksNames] gives and next to the INF.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_ctx.h"

static const struct inf_entry *find_plat(const struct inf_ctx *c,
					 const struct inf *inf,
					 const char *base, const char *key,
					 const char **which)
{
	char name[64];
	const struct inf_entry *e;

	snprintf(name, sizeof(name), "%s.%s", base, inf_ctx_plat(c));
	e = inf_find_key(inf_section(inf, name), key);
	if (e) {
		*which = inf_section(inf, name)->name;
		return e;
	}
	e = inf_find_key(inf_section(inf, base), key);
	if (e)
		*which = inf_section(inf, base)->name;
	return e;
}

static int add_source(struct inf *inf, unsigned int line, const char *disk,
		      const char *subdir, const char *name,
		      struct inf_driver *d)
{
	char *path;
	unsigned int i;

	if (inf_source_path(inf, line, disk, subdir, name, &path))
		return -1;
	for (i = 0; i < d->nsources; i++)
		if (!strcasecmp(d->sources[i], path)) {
			free(path);
			return 0;
		}
	if (d->nsources >= INF_MAX_OPEN * 4) {
		free(path);
		return 0;
	}
	if (inf_grow(&d->sources, &d->srccap, d->nsources, sizeof(*d->sources))) {
		free(path);
		return inf_fail(inf, line, "out of memory");
	}
	d->sources[d->nsources++] = path;
	return 0;
}

static int is_cab(const char *s)
{
	size_t n = strlen(s);

	return n > 4 && !strcasecmp(s + n - 4, ".cab");
}

/* 1 if @list's [SourceDisksFiles] names @src (sources set), 0 if not. */
static int listed_in(struct inf_ctx *c, struct inf *list, const char *src,
		     struct inf_driver *d)
{
	const char *fsec = "", *dsec = "";
	const struct inf_entry *file, *disk;

	file = find_plat(c, list, "SourceDisksFiles", src, &fsec);
	if (!file)
		return 0;
	disk = find_plat(c, list, "SourceDisksNames", inf_field(file, 0), &dsec);
	if (!disk)
		return inf_fail(list, file->line, "disk '%s' is not listed in [SourceDisksNames]",
				inf_field(file, 0));
	if (add_source(list, file->line, inf_field(disk, 3),
		       inf_field(file, 1), src, d))
		return -1;
	if (asprintf(&d->source_how, "listed in [%s] of %s%s%s", fsec,
		     strrchr(list->path, '/') ? strrchr(list->path, '/') + 1 : list->path,
		     is_cab(inf_field(disk, 1)) ? ", inside the cabinet " : "",
		     is_cab(inf_field(disk, 1)) ? inf_field(disk, 1) : "") < 0)
		return inf_fail(list, file->line, "out of memory");
	return 1;
}

/* Every folder [SourceDisksNames(.plat)] of @inf gives, then @inf's own. */
static int search_folders(struct inf_ctx *c, struct inf *inf, const char *src,
			  struct inf_driver *d)
{
	const char *bases[] = { NULL, "SourceDisksNames" };
	char name[64];
	unsigned int b, i;

	snprintf(name, sizeof(name), "SourceDisksNames.%s", inf_ctx_plat(c));
	bases[0] = name;
	for (b = 0; b < 2; b++) {
		const struct inf_section *s = inf_section(inf, bases[b]);

		for (i = 0; s && i < s->nentries; i++) {
			const struct inf_entry *e = &s->entries[i];

			if (*inf_field(e, 3) &&
			    add_source(inf, e->line, inf_field(e, 3), "", src, d))
				return -1;
		}
	}
	return add_source(inf, 0, "", "", src, d);
}

/*
 * 1 if @inf's [SourceDisksFiles] or those of its layout files name @src,
 * 0 if not (*@absent: a layout file that is not on the disk), -1 on error.
 */
static int listed(struct inf_ctx *c, struct inf *inf, const char *src,
		  struct inf_driver *d, const char **absent)
{
	const struct inf_entry *lay =
		inf_find_key(inf_section(inf, "Version"), "LayoutFile");
	unsigned int i;
	int r;

	r = listed_in(c, inf, src, d);
	for (i = 0; !r && lay && i < lay->nfields; i++) {
		struct inf *l;

		if (!*lay->fields[i])
			continue;
		l = inf_ctx_open(c, lay->fields[i]);
		if (!l && c->main->error)
			return -1;
		if (!l)
			*absent = lay->fields[i];
		else
			r = listed_in(c, l, src, d);
	}
	return r;
}

/*
 * The INF whose CopyFiles names the file lists it first; then the INF
 * being installed (an included INF on the same disk often lists nothing).
 */
int inf_read_source(struct inf_ctx *c, struct inf *inf, const char *src,
		    struct inf_driver *d)
{
	const char *absent = NULL;
	int r;

	r = listed(c, inf, src, d, &absent);
	if (!r && inf != c->main)
		r = listed(c, c->main, src, d, &absent);
	if (r)
		return r < 0 ? -1 : 0;
	if (search_folders(c, inf, src, d))
		return -1;
	if (asprintf(&d->source_how, "not listed in [SourceDisksFiles]%s%s%s; looked for in the [SourceDisksNames] folders and next to the INF",
		     absent ? ", and " : "", absent ? absent : "",
		     absent ? (inf_system_inf(absent) ? " is Windows' own, not on the disk" :
			       " is not on the disk") : "") < 0)
		return inf_fail(inf, 0, "out of memory");
	return 0;
}
