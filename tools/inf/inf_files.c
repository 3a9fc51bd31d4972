// SPDX-License-Identifier: GPL-2.0
/*
 * The files an install section copies (CopyFiles = @file | file-list
 * sections, its Needs= sections' too, and those of DDInstall.CoInstallers),
 * where Windows would put them ([DestinationDirs]) and what each one is.
 * vpwrap installs only the miniport; every other file gets a role that
 * says why it is not needed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_ctx.h"

const char *inf_file_role_why(enum inf_file_role role)
{
	switch (role) {
	case INF_FILE_MINIPORT:
		return "the display miniport";
	case INF_FILE_DISPLAY_DLL:
		return "the display driver DLL that pairs with the miniport (InstalledDisplayDrivers); under vpwrap the DRM/KMS layer does its work";
	case INF_FILE_COINSTALLER:
		return "a co-installer: it runs inside Windows' device setup, which vpwrap install takes the place of";
	case INF_FILE_OPENGL:
		return "the OpenGL driver (OpenGLDriverName): a user-mode DLL for Windows programs";
	case INF_FILE_CONTROL_PANEL:
		return "a Control Panel applet: Windows user interface";
	case INF_FILE_HELP:
		return "a Windows help file";
	case INF_FILE_KERNEL_DRIVER:
		return "a kernel driver that is not the device's display miniport: vpwrap hosts only miniports";
	case INF_FILE_PROGRAM:
		return "a Windows program";
	case INF_FILE_LIBRARY:
		return "a user-mode DLL for Windows programs";
	case INF_FILE_WIN9X:
		return "a Windows 9x driver";
	case INF_FILE_SETUP:
		return "a Windows setup file (INF or signature catalog)";
	case INF_FILE_OTHER:
		break;
	}
	return "not the miniport: vpwrap installs only the miniport";
}

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && !strcasecmp(name + n - e, ext);
}

/* @name is "base.dll" and @base a name in @r's strings. */
static int names_dll(const struct inf_reg *r, const char *name)
{
	size_t n = strlen(name);
	unsigned int i;

	for (i = 0; i < r->nstrs; i++) {
		size_t l = strlen(r->strs[i]);

		if ((l == n && !strcasecmp(r->strs[i], name)) ||
		    (l + 4 == n && !strncasecmp(r->strs[i], name, l) &&
		     has_ext(name, ".dll")))
			return 1;
	}
	return 0;
}

/* Does the device key value @value (InstalledDisplayDrivers...) name @name? */
static int named_by(const struct inf_driver *d, const char *value,
		    const char *name)
{
	unsigned int i;

	for (i = 0; i < d->devregs.n; i++) {
		const struct inf_reg *r = &d->devregs.r[i];

		if (!*r->subkey && !strcasecmp(r->name, value) &&
		    names_dll(r, name))
			return 1;
	}
	return 0;
}

static enum inf_file_role role_of(const struct inf_driver *d, const char *name,
				  int coinst)
{
	static const struct {
		const char *ext;
		enum inf_file_role role;
	} by_ext[] = {
		{ ".sys", INF_FILE_KERNEL_DRIVER }, { ".cpl", INF_FILE_CONTROL_PANEL },
		{ ".hlp", INF_FILE_HELP }, { ".chm", INF_FILE_HELP },
		{ ".cnt", INF_FILE_HELP }, { ".exe", INF_FILE_PROGRAM },
		{ ".dll", INF_FILE_LIBRARY }, { ".vxd", INF_FILE_WIN9X },
		{ ".drv", INF_FILE_WIN9X }, { ".386", INF_FILE_WIN9X },
		{ ".inf", INF_FILE_SETUP }, { ".cat", INF_FILE_SETUP },
		{ ".pnf", INF_FILE_SETUP },
	};
	size_t i;

	if (!strcasecmp(name, d->image))
		return INF_FILE_MINIPORT;
	if (coinst)
		return INF_FILE_COINSTALLER;
	if (named_by(d, "InstalledDisplayDrivers", name))
		return INF_FILE_DISPLAY_DLL;
	if (named_by(d, "OpenGLDriverName", name))
		return INF_FILE_OPENGL;
	for (i = 0; i < sizeof(by_ext) / sizeof(by_ext[0]); i++)
		if (has_ext(name, by_ext[i].ext))
			return by_ext[i].role;
	return INF_FILE_OTHER;
}

/*
 * "%12%" or "%11%\sub" for a file-list section of @inf: its own
 * [DestinationDirs] line, else the installing INF's DefaultDestDir (which
 * Windows prefers to an included INF's), else @inf's.
 */
static char *dest_of(const struct inf_ctx *c, const struct inf *inf,
		     const char *section)
{
	const struct inf_entry *e = NULL;
	char *out;

	if (section)
		e = inf_find_key(inf_section(inf, "DestinationDirs"), section);
	if (!e)
		e = inf_find_key(inf_section(c->main, "DestinationDirs"),
				 "DefaultDestDir");
	if (!e)
		e = inf_find_key(inf_section(inf, "DestinationDirs"),
				 "DefaultDestDir");
	if (!e || !*inf_field(e, 0))
		return strdup("");
	if (asprintf(&out, "%%%s%%%s%s", inf_field(e, 0),
		     *inf_field(e, 1) ? "\\" : "", inf_field(e, 1)) < 0)
		return NULL;
	return out;
}

static int add_file(struct inf_ctx *c, struct inf *inf, unsigned int line,
		    const char *section, const char *name, int coinst,
		    struct inf_driver *d)
{
	struct inf_file *f;
	unsigned int i;

	if (!*name)
		return 0;
	for (i = 0; i < d->nfiles; i++)
		if (!strcasecmp(d->files[i].name, name))
			return 0;
	if (inf_grow(&d->files, &d->filecap, d->nfiles, sizeof(*d->files)))
		return inf_fail(inf, line, "out of memory");
	f = &d->files[d->nfiles];
	f->name = strdup(name);
	f->dest = dest_of(c, inf, section);
	f->line = line;
	f->role = role_of(d, name, coinst);
	if (!f->name || !f->dest) {
		free(f->name);
		free(f->dest);
		return inf_fail(inf, line, "out of memory");
	}
	d->nfiles++;
	return 0;
}

/*
 * One CopyFiles field: "@file" or a file-list section whose lines are
 * destination[,source[,temporary[,flags]]].  The image's source name is
 * kept in *@src (into @d's sources later).
 */
static int copy_field(struct inf_ctx *c, struct inf_sref s,
		      const struct inf_entry *e, const char *f, int coinst,
		      struct inf_driver *d, struct inf_sref *src_inf,
		      const char **src)
{
	struct inf_sref list;
	unsigned int k;

	if (f[0] == '@') {
		if (!strcasecmp(f + 1, d->image) && !*src) {
			*src = f + 1;
			*src_inf = s;
		}
		return add_file(c, s.inf, e->line, NULL, f + 1, coinst, d);
	}
	if (!*f)
		return 0;
	if (!inf_ctx_section(c, s.inf, f, &list))
		return inf_fail(s.inf, e->line, "CopyFiles section [%s] not found", f);
	for (k = 0; k < list.sec->nentries; k++) {
		const struct inf_entry *l = &list.sec->entries[k];
		const char *name = l->key ? l->key : inf_field(l, 0);
		const char *from = l->key ? inf_field(l, 0) : inf_field(l, 1);

		if (!strcasecmp(name, d->image) && !*src) {
			*src = *from ? from : name;
			*src_inf = list;
		}
		if (add_file(c, list.inf, l->line, list.sec->name, name, coinst, d))
			return -1;
	}
	return 0;
}

static int copy_files(struct inf_ctx *c, const struct inf_srefs *secs,
		      int coinst, struct inf_driver *d,
		      struct inf_sref *src_inf, const char **src)
{
	unsigned int i, j, k;

	for (k = 0; k < secs->n; k++) {
		const struct inf_section *sec = secs->s[k].sec;

		for (i = 0; i < sec->nentries; i++) {
			const struct inf_entry *e = &sec->entries[i];

			if (!e->key || strcasecmp(e->key, "CopyFiles"))
				continue;
			for (j = 0; j < e->nfields; j++)
				if (copy_field(c, secs->s[k], e, e->fields[j],
					       coinst, d, src_inf, src))
					return -1;
		}
	}
	return 0;
}

/* CoInstallers32 = "file.dll,Entry": the file is a co-installer. */
static int coinstaller_names(struct inf_ctx *c, const struct inf_srefs *secs,
			     struct inf_driver *d)
{
	struct inf_regs regs = { 0 };
	unsigned int i, j;
	int r;

	r = inf_add_regs(c, secs, d->service, 0, &regs);
	for (i = 0; !r && i < regs.n; i++) {
		const struct inf_reg *g = &regs.r[i];

		if (strcasecmp(g->name, "CoInstallers32"))
			continue;
		for (j = 0; !r && j < g->nstrs; j++) {
			char *name = strndup(g->strs[j], strcspn(g->strs[j], ","));

			r = name ? add_file(c, secs->s[0].inf, g->line, NULL,
					    name, 1, d) :
				   inf_fail(secs->s[0].inf, g->line, "out of memory");
			free(name);
		}
	}
	inf_regs_free(&regs);
	return r;
}

int inf_read_files(struct inf_ctx *c, struct inf_sref inst,
		   struct inf_driver *d)
{
	struct inf_srefs secs;
	struct inf_sref co, src_inf = { 0 };
	const char *src = NULL;

	if (inf_ctx_needs(c, inst, &secs) ||
	    copy_files(c, &secs, 0, d, &src_inf, &src))
		return -1;
	if (!src)
		return inf_fail(inst.inf, inst.sec->line,
				"%s is not copied by CopyFiles of [%s]",
				d->image, inst.sec->name);
	if (inf_read_source(c, src_inf.inf, src, d))
		return -1;
	if (!inf_ctx_suffixed(c, inst.inf, inst.sec->name, ".CoInstallers", &co))
		return 0;
	if (inf_ctx_needs(c, co, &secs) ||
	    copy_files(c, &secs, 1, d, &src_inf, &src))
		return -1;
	return coinstaller_names(c, &secs, d);
}
