// SPDX-License-Identifier: GPL-2.0
/*
 * One logical line into key and fields.  A `=` outside quotes ends the key;
 * `,` outside quotes separates fields.  Inside a field, quoted runs keep
 * their spaces and commas, `""` inside quotes is one `"`, and %name% is
 * replaced from [Strings] (quoted or not; `%%` is a literal percent).
 * Unknown %names% stay as written: they are often DIRIDs such as %12%.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "inf_internal.h"

struct span {
	const char *s;
	size_t len;
};

struct tok_ctx {
	struct inf *inf;
	unsigned int line;
	const struct inf_strtab *strs;
};

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return n > 0;
}

/* Handle the %..% starting at @s[0]; returns the characters consumed. */
static size_t substitute(struct tok_ctx *c, const char *s, size_t left,
			 struct inf_buf *b, int *err)
{
	const char *end = memchr(s + 1, '%', left - 1);
	const char *val;
	size_t klen;

	if (!end || !c->strs) {
		*err = inf_buf_putc(b, '%');
		return 1;
	}
	klen = (size_t)(end - s - 1);
	if (klen == 0) {
		*err = inf_buf_putc(b, '%');
		return 2;
	}
	val = inf_strtab_get(c->strs, s + 1, klen);
	if (val) {
		*err = inf_buf_put(b, val, strlen(val));
	} else {
		if (!all_digits(s + 1, klen))
			inf_warn(c->inf, c->line, "undefined string %.*s",
				 (int)klen + 2, s);
		*err = inf_buf_put(b, s, klen + 2);
	}
	return klen + 2;
}

static int read_field(struct tok_ctx *c, struct span f, char **out)
{
	struct inf_buf b = { 0 };
	size_t i = 0, keep = 0;
	int quoted = 0, err = 0;

	while (i < f.len && isspace((unsigned char)f.s[i]))
		i++;
	while (i < f.len && !err) {
		char ch = f.s[i];

		if (ch == '"' && quoted && i + 1 < f.len && f.s[i + 1] == '"') {
			err = inf_buf_putc(&b, '"');
			i += 2;
		} else if (ch == '"') {
			quoted = !quoted;
			i++;
		} else if (ch == '%') {
			i += substitute(c, f.s + i, f.len - i, &b, &err);
		} else {
			err = inf_buf_putc(&b, ch);
			i++;
		}
		if (quoted || !isspace((unsigned char)ch))
			keep = b.len;
	}
	if (err) {
		free(b.s);
		return inf_fail(c->inf, c->line, "out of memory");
	}
	if (b.s)
		b.s[keep] = '\0';
	*out = inf_buf_take(&b);
	return *out ? 0 : inf_fail(c->inf, c->line, "out of memory");
}

/* Position of the first @sep outside quotes in @f, or f.len. */
static size_t find_unquoted(struct span f, char sep)
{
	int quoted = 0;
	size_t i;

	for (i = 0; i < f.len; i++) {
		if (f.s[i] == '"')
			quoted = !quoted;
		else if (f.s[i] == sep && !quoted)
			return i;
	}
	return f.len;
}

static int add_field(struct tok_ctx *c, struct inf_entry *e, struct span f,
		     unsigned int *cap)
{
	if (inf_grow(&e->fields, cap, e->nfields, sizeof(*e->fields)))
		return inf_fail(c->inf, c->line, "out of memory");
	if (read_field(c, f, &e->fields[e->nfields]))
		return -1;
	e->nfields++;
	return 0;
}

static int split_fields(struct tok_ctx *c, struct span v, struct inf_entry *e)
{
	unsigned int cap = 0;
	size_t i;

	for (i = 0; i < v.len && isspace((unsigned char)v.s[i]); i++)
		;
	if (i == v.len)
		return 0;	/* `key =` with nothing after it */
	for (;;) {
		size_t n = find_unquoted(v, ',');
		struct span f = { v.s, n };

		if (add_field(c, e, f, &cap))
			return -1;
		if (n == v.len)
			return 0;
		v.s += n + 1;
		v.len -= n + 1;
	}
}

int inf_tokenize(struct inf *inf, const struct inf_rawline *raw,
		 const struct inf_strtab *strs, struct inf_entry *out)
{
	struct tok_ctx c = { inf, raw->line, strs };
	struct span all = { raw->text, strlen(raw->text) };
	size_t eq = find_unquoted(all, '=');
	struct span val = all;

	memset(out, 0, sizeof(*out));
	out->line = raw->line;
	if (eq < all.len) {
		struct span key = { all.s, eq };

		if (read_field(&c, key, &out->key))
			return -1;
		val.s += eq + 1;
		val.len -= eq + 1;
	}
	return split_fields(&c, val, out);
}

void inf_entry_free(struct inf_entry *e)
{
	unsigned int i;

	for (i = 0; i < e->nfields; i++)
		free(e->fields[i]);
	free(e->fields);
	free(e->key);
	memset(e, 0, sizeof(*e));
}
