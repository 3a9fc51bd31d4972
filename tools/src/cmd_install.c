// SPDX-License-Identifier: GPL-2.0
/*
 * vpwrap install card.inf: parse, resolve for the target architecture
 * (reading the other INFs of the disk that Include= and LayoutFile= name),
 * report what the INF holds, find every miniport file before writing
 * anything, then install each driver as
 * <root>/lib/firmware/vpwrap/NAME.{sys,conf,inf} with a modprobe alias file
 * <root>/etc/modprobe.d/vpwrap-NAME.conf.  With --dry-run, show what would
 * be written instead.
 */
#include <ctype.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "src/files.h"
#include "src/image_check.h"
#include "src/install_report.h"
#include "src/settings.h"
#include "src/vpwrap.h"

struct install {
	const struct vp_opts *o;
	const struct inf_drivers *ds;
	const struct inf_driver *d;
	const char *inf_name;	/* base name of the INF, for comments */
	char *name;		/* driver name: image base name, lower case */
	char *source;		/* the miniport file on the disk */
	const char *source_rel;	/* the same, relative to the INF's folder */
};

static char *driver_name(const char *image)
{
	char *n = vp_fmt("%s", image), *p;
	size_t len = strlen(n);

	if (len > 4 && !strcasecmp(n + len - 4, ".sys"))
		n[len - 4] = '\0';
	for (p = n; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return n;
}

static int write_conf(FILE *f, const void *p)
{
	const struct install *in = p;

	return vp_write_settings(f, in->d, in->name, in->inf_name,
				 in->o->arch);
}

static int write_modprobe(FILE *f, const void *p)
{
	const struct install *in = p;
	unsigned int i;

	fprintf(f, "# vpwrap: %s (from %s), written by vpwrap install\n",
		in->d->image, in->inf_name);
	fprintf(f, "# No options line (it could name only one miniport): without\n"
		"# miniport= the module picks the installed driver whose\n"
		"# /lib/firmware/vpwrap/NAME.conf lists a PCI ID that is present.\n");
	for (i = 0; i < in->d->nids; i++) {
		fputs("alias ", f);
		vp_write_modalias(f, &in->d->ids[i]);
		fputs(" vpwrap\n", f);
	}
	return ferror(f) ? -1 : 0;
}

/* @write's output, indented, for --dry-run. */
static int show_text(const char *path, vp_writer write, const void *ctx)
{
	char *text = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int r;

	if (!f)
		return -1;
	r = write(f, ctx);
	if (fclose(f) || r) {
		free(text);
		return -1;
	}
	printf("  write %s:\n", path);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		printf("    %s\n", line);
	free(text);
	return 0;
}

static int install_one(const struct install *in, const char *inf_path)
{
	char *dir = vp_fw_dir(in->o);
	char *mpdir = vp_fmt("%s/etc/modprobe.d", in->o->root);
	char *sys = vp_fw_file(in->o, in->name, ".sys");
	char *inf = vp_fw_file(in->o, in->name, ".inf");
	char *conf = vp_fw_file(in->o, in->name, ".conf");
	char *mp = vp_modprobe_file(in->o, in->name);
	int r;

	if (in->o->dry_run) {
		printf("would install %s:\n  copy %s -> %s\n  copy %s -> %s\n",
		       in->name, in->source, sys, inf_path, inf);
		r = show_text(conf, write_conf, in) ||
		    show_text(mp, write_modprobe, in);
	} else {
		r = vp_mkdir_p(dir) || vp_mkdir_p(mpdir) ||
		    vp_copy_file(in->source, sys) ||
		    vp_copy_file(inf_path, inf) ||
		    vp_write_atomic(conf, write_conf, in) ||
		    vp_write_atomic(mp, write_modprobe, in);
		if (!r)
			printf("installed %s: %s, %u PCI ID(s), settings %s\n",
			       in->name, sys, in->d->nids, conf);
	}
	free(dir);
	free(mpdir);
	free(sys);
	free(inf);
	free(conf);
	free(mp);
	return r ? -1 : 0;
}

/* "x.sys" -> "x.sy_": how Windows CDs store files compressed. */
static char *compressed_name(const char *rel)
{
	char *c = vp_fmt("%s", rel);

	if (*c)
		c[strlen(c) - 1] = '_';
	return c;
}

/* Say why the image is not on the disk, as precisely as the disk allows. */
static void not_found(const struct install *in, const char *inf_dir)
{
	const struct inf_driver *d = in->d;
	char *list = vp_fmt("%s", ""), *next, *cab;
	unsigned int i;

	for (i = 0; i < d->nsources; i++) {
		char *c = compressed_name(d->sources[i]);

		cab = vp_find_nocase(inf_dir, c);
		free(c);
		if (cab) {
			vp_err("%s: the disk has only %s, compressed as Windows setup does: expand it (cabextract %s) and install again",
			       d->image, cab, cab);
			free(cab);
			free(list);
			return;
		}
		next = vp_fmt("%s%s%s/%s", list, i ? ", " : "", inf_dir,
			      d->sources[i]);
		free(list);
		list = next;
	}
	vp_err("%s: not found (looked for %s): %s", d->image, list,
	       d->source_how);
	free(list);
}

/* Name and source file of @d; nothing is written if any is missing. */
static int prepare(struct install *in, const char *inf_dir)
{
	unsigned int i;

	in->name = driver_name(in->d->image);
	if (!vp_name_valid(in->name)) {
		vp_err("%s: unusable driver name '%s'", in->d->image, in->name);
		return -1;
	}
	for (i = 0; !in->source && i < in->d->nsources; i++) {
		in->source = vp_find_nocase(inf_dir, in->d->sources[i]);
		in->source_rel = in->d->sources[i];
	}
	vp_report_driver(stdout, in->ds, in->d,
			 in->source ? in->source_rel : NULL);
	if (!in->source) {
		not_found(in, inf_dir);
		return -1;
	}
	return vp_image_check(in->source, in->o->arch);
}

static int install_all(const struct vp_opts *o, const struct inf_drivers *ds,
		       const char *path)
{
	struct install *ins = calloc(ds->n, sizeof(*ins));
	char *dcopy = vp_fmt("%s", path), *bcopy = vp_fmt("%s", path);
	const char *dir = dirname(dcopy);
	unsigned int i;
	int r = ins ? 0 : -1;

	vp_report_package(stdout, basename(bcopy), ds, o->arch);
	for (i = 0; !r && i < ds->n; i++) {
		ins[i] = (struct install){ .o = o, .ds = ds, .d = &ds->d[i],
					  .inf_name = basename(bcopy) };
		r = prepare(&ins[i], dir);
	}
	for (i = 0; !r && i < ds->n; i++)
		r = install_one(&ins[i], path);
	if (!r && o->dry_run)
		printf("dry run: nothing was written\n");
	for (i = 0; ins && i < ds->n; i++) {
		free(ins[i].name);
		free(ins[i].source);
	}
	free(ins);
	free(dcopy);
	free(bcopy);
	return r;
}

/* The other INFs of the disk are found next to the one installed. */
static struct inf *open_on_disk(void *ctx, const char *name)
{
	char *path = vp_find_nocase(ctx, name);
	struct inf *inf;

	if (!path)
		return NULL;
	inf = inf_load(path);
	free(path);
	return inf;
}

int cmd_install(const struct vp_opts *o)
{
	char *dcopy = vp_fmt("%s", o->argv[0]);
	struct inf_disk disk = { open_on_disk, dirname(dcopy) };
	struct inf_drivers ds;
	struct inf *inf = inf_load(o->argv[0]);
	unsigned int i;
	int r = EXIT_FAIL;

	if (!inf) {
		vp_err("out of memory");
		free(dcopy);
		return EXIT_FAIL;
	}
	inf_resolve(inf, o->arch, &disk, &ds);	/* failure: inf->error */
	for (i = 0; i < inf->nwarnings; i++)
		vp_warn("%s", inf->warnings[i]);
	if (inf->error) {
		vp_err("%s", inf->error);
	} else {
		r = install_all(o, &ds, o->argv[0]) ? EXIT_FAIL : EXIT_OK;
		inf_drivers_free(&ds);
	}
	inf_free(inf);
	free(dcopy);
	return r;
}
