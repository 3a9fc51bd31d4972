// SPDX-License-Identifier: GPL-2.0
/*
 * Section lookups across the INF being installed and the INFs it includes.
 * Include= makes another INF's sections available (Windows searches the
 * installing INF first, then the included ones); Needs= names the sections
 * of those that are processed as part of the section holding it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_ctx.h"

void inf_ctx_init(struct inf_ctx *c, struct inf *main, enum inf_arch arch,
		  const struct inf_disk *disk)
{
	memset(c, 0, sizeof(*c));
	c->main = main;
	c->arch = arch;
	c->disk = disk;
	c->infs[0] = main;
	c->n = 1;
}

void inf_ctx_free(struct inf_ctx *c)
{
	unsigned int i;

	for (i = 1; i < c->n; i++)
		inf_free(c->infs[i]);
	for (i = 0; i < c->nabsent; i++)
		free(c->absent[i]);
	memset(c, 0, sizeof(*c));
}

const char *inf_ctx_plat(const struct inf_ctx *c)
{
	return c->arch == INF_ARCH_X86_64 ? "amd64" : "x86";
}

int inf_ctx_section(const struct inf_ctx *c, const struct inf *first,
		    const char *name, struct inf_sref *out)
{
	unsigned int i;

	if (first) {
		out->sec = inf_section(first, name);
		out->inf = (struct inf *)first;
		if (out->sec)
			return 1;
	}
	for (i = 0; i < c->n; i++) {
		out->sec = inf_section(c->infs[i], name);
		out->inf = c->infs[i];
		if (out->sec)
			return 1;
	}
	return 0;
}

int inf_ctx_suffixed(const struct inf_ctx *c, const struct inf *first,
		     const char *base, const char *suffix, struct inf_sref *out)
{
	char *name;
	int r;

	if (asprintf(&name, "%s%s", base, suffix) < 0)
		return 0;
	r = inf_ctx_section(c, first, name, out);
	free(name);
	return r;
}

int inf_ctx_decorated(const struct inf_ctx *c, const char *base,
		      struct inf_sref *out)
{
	const char *mine = c->arch == INF_ARCH_X86_64 ? ".NTamd64" : ".NTx86";

	return inf_ctx_suffixed(c, NULL, base, mine, out) ||
	       inf_ctx_suffixed(c, NULL, base, ".NT", out) ||
	       inf_ctx_section(c, NULL, base, out);
}

/* The file name part of @path as the INF names it (no folders allowed). */
static int plain_name(const char *name)
{
	return *name && !strpbrk(name, "/\\:") && strcmp(name, ".") &&
	       strcmp(name, "..");
}

int inf_ctx_is_absent(const struct inf_ctx *c, const char *name)
{
	unsigned int i;

	for (i = 0; i < c->nabsent; i++)
		if (!strcasecmp(c->absent[i], name))
			return 1;
	return 0;
}

static struct inf *already_open(const struct inf_ctx *c, const char *name)
{
	unsigned int i;

	for (i = 0; i < c->n; i++) {
		const char *p = c->infs[i]->path, *b = strrchr(p, '/');

		if (!strcasecmp(b ? b + 1 : p, name))
			return c->infs[i];
	}
	return NULL;
}

static void mark_absent(struct inf_ctx *c, const char *name)
{
	char *copy;

	if (c->nabsent >= INF_MAX_OPEN || inf_ctx_is_absent(c, name))
		return;
	copy = strdup(name);
	if (copy)
		c->absent[c->nabsent++] = copy;
}

struct inf *inf_ctx_open(struct inf_ctx *c, const char *name)
{
	struct inf *inf = already_open(c, name);

	if (inf)
		return inf;
	if (inf_ctx_is_absent(c, name))
		return NULL;
	if (!plain_name(name) || c->n >= INF_MAX_OPEN || !c->disk ||
	    !c->disk->open || !(inf = c->disk->open(c->disk->ctx, name))) {
		mark_absent(c, name);
		return NULL;
	}
	inf_adopt_messages(c->main, inf);
	if (inf->error || c->main->error) {
		inf_free(inf);
		return NULL;
	}
	inf->report = c->main;
	c->infs[c->n++] = inf;
	return inf;
}

/* Say what an Include= that is not on the disk means for vpwrap. */
static void explain_absent(struct inf *inf, const struct inf_entry *e,
			   const char *name)
{
	const char *what = inf_system_inf(name);

	if (what)
		inf_warn(inf, e->line, "Include=%s is %s, not on this disk: what it sets up is Windows' own and vpwrap does not need it",
			 name, what);
	else
		inf_warn(inf, e->line, "Include=%s: not on the disk; the sections it would provide are skipped",
			 name);
}

/* Open every INF an `Include = a.inf, b.inf` line of @s names. */
static int open_includes(struct inf_ctx *c, struct inf_sref s)
{
	unsigned int i, j;

	for (i = 0; i < s.sec->nentries; i++) {
		const struct inf_entry *e = &s.sec->entries[i];

		if (!e->key || strcasecmp(e->key, "Include"))
			continue;
		for (j = 0; j < e->nfields; j++) {
			if (!*e->fields[j] || inf_ctx_open(c, e->fields[j]))
				continue;
			if (c->main->error)
				return -1;
			explain_absent(s.inf, e, e->fields[j]);
		}
	}
	return 0;
}

static void add_needed(struct inf_ctx *c, struct inf_sref s,
		       const struct inf_entry *e, int nested,
		       struct inf_srefs *out)
{
	unsigned int j;

	if (nested) {
		inf_warn(s.inf, e->line, "Needs= in a needed section [%s] is not followed (Windows does not nest them)",
			 s.sec->name);
		return;
	}
	for (j = 0; j < e->nfields; j++) {
		struct inf_sref n;

		if (!*e->fields[j])
			continue;
		if (!inf_ctx_section(c, NULL, e->fields[j], &n)) {
			inf_warn(s.inf, e->line, c->nabsent ?
				 "Needs=%s: not found, and %s is not on this disk; skipped" :
				 "Needs=%s: no such section in the INFs on this disk; skipped",
				 e->fields[j], c->nabsent ? c->absent[0] : "");
		} else if (out->n >= sizeof(out->s) / sizeof(out->s[0])) {
			inf_warn(s.inf, e->line, "more than %u Needs= sections; the rest are skipped",
				 INF_MAX_NEEDS);
			return;
		} else {
			out->s[out->n++] = n;
		}
	}
}

int inf_ctx_needs(struct inf_ctx *c, struct inf_sref s, struct inf_srefs *out)
{
	unsigned int i, k;

	out->n = 1;
	out->s[0] = s;
	if (open_includes(c, s))
		return -1;
	for (k = 0; k < out->n; k++) {
		struct inf_sref cur = out->s[k];

		for (i = 0; i < cur.sec->nentries; i++) {
			const struct inf_entry *e = &cur.sec->entries[i];

			if (e->key && !strcasecmp(e->key, "Needs"))
				add_needed(c, cur, e, k > 0, out);
		}
	}
	return 0;
}
