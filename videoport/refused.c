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

static const struct vp_refused vp_refused_imports[] = {
	{ "ntoskrnl.exe", "__C_specific_handler",
	  "structured exception handling (__try/__except) is not supported" },
};

const char *vp_refused_reason(const char *dll, const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(vp_refused_imports) / sizeof(vp_refused_imports[0]); i++) {
		const struct vp_refused *r = &vp_refused_imports[i];

		if (!strcasecmp(r->dll, dll) && !strcmp(r->name, name))
			return r->reason;
	}
	return NULL;
}
