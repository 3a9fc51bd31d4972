// SPDX-License-Identifier: GPL-2.0
/*
 * Physical to logical lines: `;` starts a comment outside quotes, a `\` as
 * the last character (after the comment is cut) joins the next line, and
 * blank lines vanish.  Quotes may not span lines.
 */
#include <stdlib.h>
#include <string.h>
#include "inf_lines.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Cut the comment; returns the new length or -1 on an open quote. */
static long cut_comment(char *s, size_t len)
{
	int quoted = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == ';' && !quoted)
			break;
	}
	if (quoted)
		return -1;
	while (i > 0 && is_space(s[i - 1]))
		i--;
	return (long)i;
}

static int emit(struct inf_lines *out, unsigned int line, struct inf_buf *b)
{
	size_t skip = 0;

	while (skip < b->len && is_space(b->s[skip]))
		skip++;
	if (skip == b->len) {
		b->len = 0;
		return 0;
	}
	if (inf_grow(&out->lines, &out->cap, out->n, sizeof(*out->lines)))
		return -1;
	out->lines[out->n].line = line;
	out->lines[out->n].text = strdup(b->s + skip);
	if (!out->lines[out->n].text)
		return -1;
	out->n++;
	free(b->s);
	memset(b, 0, sizeof(*b));
	return 0;
}

static int add_physical(struct inf *inf, struct inf_buf *b, char *s,
			size_t len, unsigned int line, int *cont)
{
	long n = cut_comment(s, len);

	if (n < 0)
		return inf_fail(inf, line, "unterminated quoted string");
	*cont = n > 0 && s[n - 1] == '\\';
	if (*cont)
		n--;
	if (inf_buf_put(b, s, (size_t)n))
		return inf_fail(inf, line, "out of memory");
	return 0;
}

int inf_split_lines(struct inf *inf, char *text, struct inf_lines *out)
{
	struct inf_buf b = { 0 };
	unsigned int line = 0, first = 0;
	int cont = 0;
	char *p = text;

	while (*p) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		line++;
		if (!cont)
			first = line;
		if (add_physical(inf, &b, p, len, line, &cont))
			goto fail;
		if (!cont && emit(out, first, &b))
			goto oom;
		p += len + (nl ? 1 : 0);
	}
	if (emit(out, first, &b))
		goto oom;
	free(b.s);	/* a trailing blank line leaves the buffer allocated */
	return 0;
oom:
	inf_fail(inf, line, "out of memory");
fail:
	free(b.s);
	return -1;
}

void inf_lines_free(struct inf_lines *l)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		free(l->lines[i].text);
	free(l->lines);
	memset(l, 0, sizeof(*l));
}
