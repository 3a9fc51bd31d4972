// SPDX-License-Identifier: GPL-2.0
/*
 * Where a source file sits relative to the INF: SourceDisksNames' path,
 * then SourceDisksFiles' subdirectory, then the name.  Windows separators
 * become '/', empty and "." components vanish, ".." is refused so that an
 * INF cannot make install read outside its folder.
 */
#include <stdlib.h>
#include <string.h>
#include "inf_ctx.h"
#include "inf_internal.h"

static int add_components(struct inf_buf *b, const char *p)
{
	while (*p) {
		size_t n = strcspn(p, "\\/");

		if (n == 2 && !strncmp(p, "..", 2))
			return -1;
		if (n && !(n == 1 && p[0] == '.')) {
			if ((b->len && inf_buf_putc(b, '/')) ||
			    inf_buf_put(b, p, n))
				return -2;
		}
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

int inf_source_path(struct inf *inf, unsigned int line, const char *disk,
		    const char *subdir, const char *name, char **out)
{
	struct inf_buf b = { 0 };
	int r;

	r = add_components(&b, disk);
	if (!r)
		r = add_components(&b, subdir);
	if (!r)
		r = add_components(&b, name);
	if (r || !b.len) {
		free(b.s);
		return inf_fail(inf, line, r == -2 ? "out of memory" :
				"source path of %s leaves the INF's folder", name);
	}
	*out = inf_buf_take(&b);
	return 0;
}
