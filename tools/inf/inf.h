/* SPDX-License-Identifier: GPL-2.0 */
/*
 * INF parser: reads a Windows setup information file the way SetupAPI does
 * (ASCII/ANSI, UTF-8 or UTF-16LE with BOM; sections, key = field lists,
 * quoted strings, %strings% substitution, `;` comments, `\` continuation
 * lines) into a table of sections and entries.  Errors name the file and
 * the physical line.
 *
 * Userspace only; every allocation is checked and inf_free() releases all.
 */
#ifndef VPWRAP_TOOLS_INF_H
#define VPWRAP_TOOLS_INF_H

#include <stddef.h>

/* One logical line: `key = f0, f1, ...` or just `f0, f1, ...` (key NULL). */
struct inf_entry {
	unsigned int line;	/* first physical line, 1-based */
	char *key;		/* substituted, unquoted; NULL without '=' */
	unsigned int nfields;
	char **fields;		/* substituted, unquoted, trimmed */
};

struct inf_section {
	char *name;		/* as written; lookups ignore case */
	unsigned int line;	/* line of the first [name] header */
	unsigned int nentries;
	unsigned int cap;
	struct inf_entry *entries;
};

struct inf {
	char *path;		/* file name used in messages */
	unsigned int nsections;
	unsigned int cap;
	struct inf_section *sections;
	char *error;		/* "file:line: message" of the first error */
	unsigned int nwarnings;
	unsigned int warncap;
	char **warnings;	/* "file:line: message", non-fatal */
	/*
	 * Where errors and warnings go: NULL for this object, or the INF that
	 * included this one (messages still name this file and its lines).
	 */
	struct inf *report;
};

/*
 * Parse @len bytes of INF text.  Always returns an object (NULL only when
 * out of memory); on a syntax error inf->error is set and the sections hold
 * what was read before it.
 */
struct inf *inf_parse(const char *path, const void *data, size_t len);
/* Read and parse a file; a read failure is reported in inf->error. */
struct inf *inf_load(const char *path);
void inf_free(struct inf *inf);

const struct inf_section *inf_section(const struct inf *inf,
				      const char *name);
/* First entry of @sec whose key matches @key (case-insensitive). */
const struct inf_entry *inf_find_key(const struct inf_section *sec,
				     const char *key);
/* Field @i of @e, or "" if the entry has fewer fields. */
const char *inf_field(const struct inf_entry *e, unsigned int i);

/* Record an error/warning at @line (0: no line).  inf_fail returns -1. */
int inf_fail(struct inf *inf, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void inf_warn(struct inf *inf, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Move @from's error (if @to has none) and warnings into @to. */
void inf_adopt_messages(struct inf *to, struct inf *from);

/* Grow the array at *@arr (element size @size) so that index @n fits. */
int inf_grow(void *arr, unsigned int *cap, unsigned int n, size_t size);

/* Parse an unsigned number the way SetupAPI does: 0x.. hex or decimal. */
int inf_parse_u32(const char *s, unsigned int *out);

#endif
