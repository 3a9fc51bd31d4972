// SPDX-License-Identifier: GPL-2.0
/* Looking an import up in the module's export lists (exports.h). */
#include <string.h>
#include <strings.h>
#include "src/exports.h"

int vp_exports_available(enum inf_arch arch)
{
	return arch == INF_ARCH_I686 ? vp_exports_i386_available :
				       vp_exports_x86_64_available;
}

enum vp_export_status vp_export_lookup(enum inf_arch arch, const char *dll,
				       const char *name)
{
	const struct vp_export *e = arch == INF_ARCH_I686 ? vp_exports_i386 :
							    vp_exports_x86_64;

	for (; e->dll; e++)
		if (!strcasecmp(e->dll, dll) && !strcmp(e->name, name))
			return e->implemented ? VP_EXPORT_IMPLEMENTED :
						VP_EXPORT_UNSUPPORTED;
	return VP_EXPORT_MISSING;
}
