// SPDX-License-Identifier: GPL-2.0
/*
 * refused.c - the imports vpwrap refuses by design (refused.h).  Built into
 * vpwrap.ko and into the vpwrap tool: no includes beyond its own header.
 */
#include "videoport/refused.h"

struct vp_refused {
	const char *dll;
	const char *name;
	const char *reason;
};

static const struct vp_refused vp_refused_imports[] = {
	{ "ntoskrnl.exe", "__C_specific_handler",
	  "structured exception handling (__try/__except) is not supported" },
};

static char vp_refused_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* @a == @b, ignoring ASCII case if @fold */
static int vp_refused_same(const char *a, const char *b, int fold)
{
	for (; *a && *b; a++, b++)
		if (fold ? vp_refused_lower(*a) != vp_refused_lower(*b) : *a != *b)
			return 0;
	return *a == *b;
}

const char *vp_refused_reason(const char *dll, const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(vp_refused_imports) / sizeof(vp_refused_imports[0]); i++) {
		const struct vp_refused *r = &vp_refused_imports[i];

		if (vp_refused_same(r->dll, dll, 1) && vp_refused_same(r->name, name, 0))
			return r->reason;
	}
	return (void *)0;
}
