/* SPDX-License-Identifier: GPL-2.0 */
/* Pieces of the INF parser shared between its files; not for users. */
#ifndef VPWRAP_TOOLS_INF_INTERNAL_H
#define VPWRAP_TOOLS_INF_INTERNAL_H

#include <stddef.h>
#include "inf.h"

/* Growable byte buffer, always NUL-terminated once non-empty. */
struct inf_buf {
	char *s;
	size_t len;
	size_t cap;
};

int inf_buf_putc(struct inf_buf *b, char c);
int inf_buf_put(struct inf_buf *b, const char *s, size_t n);
/* Hand over the string (never NULL on success: "" for empty). */
char *inf_buf_take(struct inf_buf *b);


/*
 * Convert the file bytes to NUL-terminated UTF-8 (UTF-16LE with or without
 * BOM, UTF-8 with or without BOM, otherwise ANSI read as Latin-1).  Text
 * stops at a Ctrl-Z.  Returns NULL and sets an error in @inf on bad input.
 */
char *inf_decode(struct inf *inf, const unsigned char *data, size_t len);

/* A logical line before tokenising: comments cut, continuations joined. */
struct inf_rawline {
	unsigned int line;
	char *text;
};

/* Key -> value table of the [Strings] section(s). */
struct inf_str {
	char *key;
	char *value;
};

struct inf_strtab {
	unsigned int n;
	unsigned int cap;
	struct inf_str *items;
};

const char *inf_strtab_get(const struct inf_strtab *t, const char *key,
			   size_t keylen);
int inf_strtab_add(struct inf_strtab *t, const char *key, const char *value);
void inf_strtab_free(struct inf_strtab *t);

/*
 * Split a logical line into key and fields, undoing quotes and replacing
 * %key% tokens from @strs (NULL: no substitution).  Returns 0 or -1 with
 * the error recorded in @inf.
 */
int inf_tokenize(struct inf *inf, const struct inf_rawline *raw,
		 const struct inf_strtab *strs, struct inf_entry *out);
void inf_entry_free(struct inf_entry *e);

#endif
