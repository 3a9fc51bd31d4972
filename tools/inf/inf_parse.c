// SPDX-License-Identifier: GPL-2.0
/*
 * INF text to sections.  [Strings] must be known before any other line is
 * tokenised (it usually comes last), so lines are first grouped by section,
 * then the string table is built, then every other line is tokenised with
 * substitution.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_lines.h"

#define NO_SECTION ((unsigned int)-1)

static int section_index(struct inf *inf, const char *name, unsigned int line)
{
	struct inf_section *s;
	unsigned int i;

	for (i = 0; i < inf->nsections; i++)
		if (!strcasecmp(inf->sections[i].name, name))
			return (int)i;
	if (inf_grow(&inf->sections, &inf->cap, inf->nsections,
		     sizeof(*inf->sections)))
		return inf_fail(inf, line, "out of memory");
	s = &inf->sections[inf->nsections];
	s->name = strdup(name);
	if (!s->name)
		return inf_fail(inf, line, "out of memory");
	s->line = line;
	return (int)inf->nsections++;
}

/* "[ name ]" -> section index, or -1 with the error recorded. */
static int read_header(struct inf *inf, const struct inf_rawline *l)
{
	char *close = strchr(l->text, ']');
	char *name = l->text + 1, *end;
	const char *p;

	if (!close)
		return inf_fail(inf, l->line, "section header without ']'");
	for (p = close + 1; *p; p++)
		if (!isspace((unsigned char)*p))
			return inf_fail(inf, l->line,
					"text after section header");
	while (isspace((unsigned char)*name))
		name++;
	end = close;
	while (end > name && isspace((unsigned char)end[-1]))
		end--;
	if (end == name)
		return inf_fail(inf, l->line, "empty section name");
	*end = '\0';
	return section_index(inf, name, l->line);
}

/* Which section each line belongs to; NO_SECTION for header lines. */
static int group_lines(struct inf *inf, const struct inf_lines *ls,
		       unsigned int *sec_of)
{
	unsigned int i, cur = NO_SECTION;

	for (i = 0; i < ls->n; i++) {
		const struct inf_rawline *l = &ls->lines[i];
		int s;

		sec_of[i] = NO_SECTION;
		if (l->text[0] == '[') {
			s = read_header(inf, l);
			if (s < 0)
				return -1;
			cur = (unsigned int)s;
		} else if (cur == NO_SECTION) {
			return inf_fail(inf, l->line,
					"line outside of any section");
		} else {
			sec_of[i] = cur;
		}
	}
	return 0;
}

/* Join the fields of an unquoted value that contained commas. */
static int string_value(const struct inf_entry *e, struct inf_buf *b)
{
	unsigned int i;

	for (i = 0; i < e->nfields; i++)
		if ((i && inf_buf_putc(b, ',')) ||
		    inf_buf_put(b, e->fields[i], strlen(e->fields[i])))
			return -1;
	return 0;
}

static int add_strings(struct inf *inf, const struct inf_lines *ls,
		       const unsigned int *sec_of, unsigned int sec,
		       struct inf_strtab *t)
{
	unsigned int i;

	for (i = 0; i < ls->n; i++) {
		struct inf_entry e;
		struct inf_buf b = { 0 };
		int r;

		if (sec_of[i] != sec)
			continue;
		if (inf_tokenize(inf, &ls->lines[i], NULL, &e))
			return -1;
		r = 0;
		if (!e.key)
			inf_warn(inf, e.line, "string without a key");
		else if (string_value(&e, &b) ||
			 inf_strtab_add(t, e.key, b.s ? b.s : ""))
			r = inf_fail(inf, e.line, "out of memory");
		free(b.s);
		inf_entry_free(&e);
		if (r)
			return r;
	}
	return 0;
}

/* [Strings] first, then localized [Strings.xxxx] sections fill gaps. */
static int build_strings(struct inf *inf, const struct inf_lines *ls,
			 const unsigned int *sec_of, struct inf_strtab *t)
{
	unsigned int s;

	for (s = 0; s < inf->nsections; s++)
		if (!strcasecmp(inf->sections[s].name, "Strings") &&
		    add_strings(inf, ls, sec_of, s, t))
			return -1;
	for (s = 0; s < inf->nsections; s++)
		if (!strncasecmp(inf->sections[s].name, "Strings.", 8) &&
		    add_strings(inf, ls, sec_of, s, t))
			return -1;
	return 0;
}

static int add_entry(struct inf *inf, struct inf_section *sec,
		     const struct inf_rawline *l, const struct inf_strtab *t)
{
	if (inf_grow(&sec->entries, &sec->cap, sec->nentries,
		     sizeof(*sec->entries)))
		return inf_fail(inf, l->line, "out of memory");
	if (inf_tokenize(inf, l, t, &sec->entries[sec->nentries])) {
		inf_entry_free(&sec->entries[sec->nentries]);
		return -1;
	}
	sec->nentries++;
	return 0;
}

static int build_sections(struct inf *inf, const struct inf_lines *ls)
{
	struct inf_strtab strs = { 0 };
	unsigned int *sec_of, i;
	int r = -1;

	sec_of = calloc(ls->n ? ls->n : 1, sizeof(*sec_of));
	if (!sec_of)
		return inf_fail(inf, 0, "out of memory");
	if (group_lines(inf, ls, sec_of) ||
	    build_strings(inf, ls, sec_of, &strs))
		goto out;
	for (i = 0; i < ls->n; i++)
		if (sec_of[i] != NO_SECTION &&
		    add_entry(inf, &inf->sections[sec_of[i]], &ls->lines[i],
			      &strs))
			goto out;
	r = 0;
out:
	inf_strtab_free(&strs);
	free(sec_of);
	return r;
}

struct inf *inf_parse(const char *path, const void *data, size_t len)
{
	struct inf_lines ls = { 0 };
	struct inf *inf;
	char *text;

	inf = calloc(1, sizeof(*inf));
	if (!inf)
		return NULL;
	inf->path = strdup(path ? path : "<inf>");
	if (!inf->path) {
		free(inf);
		return NULL;
	}
	text = inf_decode(inf, data, len);
	if (!text)
		return inf;
	if (!inf_split_lines(inf, text, &ls))
		build_sections(inf, &ls);
	inf_lines_free(&ls);
	free(text);
	return inf;
}

void inf_free(struct inf *inf)
{
	unsigned int i, j;

	if (!inf)
		return;
	for (i = 0; i < inf->nsections; i++) {
		struct inf_section *s = &inf->sections[i];

		for (j = 0; j < s->nentries; j++)
			inf_entry_free(&s->entries[j]);
		free(s->entries);
		free(s->name);
	}
	for (i = 0; i < inf->nwarnings; i++)
		free(inf->warnings[i]);
	free(inf->warnings);
	free(inf->sections);
	free(inf->error);
	free(inf->path);
	free(inf);
}
