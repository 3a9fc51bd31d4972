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

/*
 * Structured exception handling is implemented (seh64.c, and on x86
 * seh_x86.c with _except_handler3, the XP-era handler).  Its successor in
 * MSVC's /GS-era runtime, _except_handler4, encodes each frame's scope
 * table with the image's security cookie and checks the frame's own
 * cookies; no XP-era image imports it, and vpwrap does not provide it.
 */
static const struct vp_refused vp_refused_imports[] = {
	{ "ntoskrnl.exe", "_except_handler4",
	  "MSVC's /GS-era exception handler (scope tables encoded with the security cookie) is not supported: only _except_handler3, the XP-era one" },
	{ "ntoskrnl.exe", "_except_handler4_common",
	  "MSVC's /GS-era exception handler (scope tables encoded with the security cookie) is not supported: only _except_handler3, the XP-era one" },
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
