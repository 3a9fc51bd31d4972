// SPDX-License-Identifier: GPL-2.0
/* Lookups in a parsed INF, diagnostics, and number syntax. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_internal.h"

/* Warnings beyond this are dropped: a hostile file must not eat memory. */
#define MAX_WARNINGS 64

const struct inf_section *inf_section(const struct inf *inf, const char *name)
{
	unsigned int i;

	for (i = 0; i < inf->nsections; i++)
		if (!strcasecmp(inf->sections[i].name, name))
			return &inf->sections[i];
	return NULL;
}

const struct inf_entry *inf_find_key(const struct inf_section *sec,
				     const char *key)
{
	unsigned int i;

	for (i = 0; sec && i < sec->nentries; i++)
		if (sec->entries[i].key &&
		    !strcasecmp(sec->entries[i].key, key))
			return &sec->entries[i];
	return NULL;
}

const char *inf_field(const struct inf_entry *e, unsigned int i)
{
	return e && i < e->nfields ? e->fields[i] : "";
}

static char *format_at(const struct inf *inf, unsigned int line,
		       const char *fmt, va_list ap)
{
	char msg[512], *out;
	int n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (line)
		n = asprintf(&out, "%s:%u: %s", inf->path, line, msg);
	else
		n = asprintf(&out, "%s: %s", inf->path, msg);
	return n < 0 ? NULL : out;
}

static struct inf *sink(struct inf *inf)
{
	return inf->report ? inf->report : inf;
}

int inf_fail(struct inf *inf, unsigned int line, const char *fmt, ...)
{
	struct inf *to = sink(inf);
	va_list ap;

	if (to->error)
		return -1;
	va_start(ap, fmt);
	to->error = format_at(inf, line, fmt, ap);
	va_end(ap);
	if (!to->error)
		to->error = strdup("out of memory");
	return -1;
}

/* Keep @w (a formatted message) in @to's warnings, once; frees it if not. */
static void add_warning(struct inf *to, char *w)
{
	unsigned int i;

	for (i = 0; w && i < to->nwarnings; i++)
		if (!strcmp(to->warnings[i], w))
			break;	/* one install section seen from many models */
	if (!w || i < to->nwarnings || to->nwarnings >= MAX_WARNINGS ||
	    inf_grow(&to->warnings, &to->warncap, to->nwarnings,
		     sizeof(*to->warnings))) {
		free(w);
		return;
	}
	to->warnings[to->nwarnings++] = w;
}

void inf_warn(struct inf *inf, unsigned int line, const char *fmt, ...)
{
	struct inf *to = sink(inf);
	va_list ap;
	char *w;

	if (to->nwarnings >= MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	w = format_at(inf, line, fmt, ap);
	va_end(ap);
	add_warning(to, w);
}

void inf_adopt_messages(struct inf *to, struct inf *from)
{
	unsigned int i;

	if (from->error && !to->error) {
		to->error = from->error;
		from->error = NULL;
	}
	for (i = 0; i < from->nwarnings; i++)
		add_warning(to, from->warnings[i]);
	free(from->warnings);
	from->warnings = NULL;
	from->nwarnings = 0;
	from->warncap = 0;
}

int inf_parse_u32(const char *s, unsigned int *out)
{
	unsigned long v;
	const char *digits;
	char *end;
	int base = 10;

	while (*s == ' ' || *s == '\t')
		s++;
	/* SetupAPI reads 0x.. as hex and everything else as decimal. */
	digits = s;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		digits = s + 2;
		base = 16;
	}
	if (!isxdigit((unsigned char)*digits))
		return -1;
	errno = 0;
	v = strtoul(digits, &end, base);
	while (*end == ' ' || *end == '\t')
		end++;
	if (errno || *end || v > 0xffffffffUL)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

struct inf *inf_load(const char *path)
{
	struct inf *inf;
	FILE *f = fopen(path, "rb");
	struct inf_buf b = { 0 };
	char chunk[8192];
	size_t n;

	if (!f) {
		inf = inf_parse(path, "", 0);
		if (inf)
			inf_fail(inf, 0, "cannot open: %s", strerror(errno));
		return inf;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (inf_buf_put(&b, chunk, n))
			break;
	fclose(f);
	inf = inf_parse(path, b.s ? b.s : "", b.len);
	free(b.s);
	return inf;
}
