// SPDX-License-Identifier: GPL-2.0
/* Looking an import up in the module's export list (exports.h). */
#include <string.h>
#include <strings.h>
#include "src/exports.h"

enum vp_export_status vp_export_lookup(const char *dll, const char *name)
{
	const struct vp_export *e;

	for (e = vp_exports; e->dll; e++)
		if (!strcasecmp(e->dll, dll) && !strcmp(e->name, name))
			return e->implemented ? VP_EXPORT_IMPLEMENTED :
						VP_EXPORT_UNSUPPORTED;
	return VP_EXPORT_MISSING;
}
