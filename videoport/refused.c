// SPDX-License-Identifier: GPL-2.0
/*
 * refused.c - the imports vpwrap refuses by design (refused.h).  Built into
 * vpwrap.ko and into the vpwrap tool, through pe-loader's OS shim for the
 * string functions, as pe-loader itself is.
 */
#include "pe-loader/pe_os.h"
#include "videoport/refused.h"

struct vp_refused {
	const char *dll;
	const char *name;
	const char *reason;
};

/* none at present: structured exception handling is implemented (seh64.c) */
static const struct vp_refused vp_refused_imports[] = {
	{ NULL, NULL, NULL },
};

const char *vp_refused_reason(const char *dll, const char *name)
{
	unsigned int i;

	for (i = 0; vp_refused_imports[i].name; i++) {
		const struct vp_refused *r = &vp_refused_imports[i];

		if (!strcasecmp(r->dll, dll) && !strcmp(r->name, name))
			return r->reason;
	}
	return NULL;
}
