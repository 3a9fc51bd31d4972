/* SPDX-License-Identifier: GPL-2.0 */
/* Logical lines of an INF file (comments cut, continuations joined). */
#ifndef VPWRAP_TOOLS_INF_LINES_H
#define VPWRAP_TOOLS_INF_LINES_H

#include "inf_internal.h"

struct inf_lines {
	unsigned int n;
	unsigned int cap;
	struct inf_rawline *lines;
};

/* @text is the decoded UTF-8 file; blank lines are dropped. */
int inf_split_lines(struct inf *inf, char *text, struct inf_lines *out);
void inf_lines_free(struct inf_lines *l);

#endif
