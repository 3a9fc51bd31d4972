/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's export lists, one per architecture (videoport/out/exports.txt
 * and exports-i386.txt, written by `make module` from the built module, at
 * build time): which DLL exports vpwrap.ko implements and which it has by
 * design as a stub that returns the documented failure code.  The i386
 * module adds the x86-only exports (Kf*, the MSVC arithmetic helpers).
 */
#ifndef VPWRAP_TOOLS_EXPORTS_H
#define VPWRAP_TOOLS_EXPORTS_H

#include "inf/inf_driver.h"

struct vp_export {
	const char *dll;	/* "videoprt.sys" */
	const char *name;
	int implemented;	/* 0: unsupported by design */
};

/* Each ends with a { NULL } row; *_available is 0 for a list not built. */
extern const struct vp_export vp_exports_x86_64[];
extern const int vp_exports_x86_64_available;
extern const struct vp_export vp_exports_i386[];
extern const int vp_exports_i386_available;

enum vp_export_status {
	VP_EXPORT_MISSING,
	VP_EXPORT_UNSUPPORTED,
	VP_EXPORT_IMPLEMENTED,
};

/* Whether this vpwrap was built with the module's list for @arch. */
int vp_exports_available(enum inf_arch arch);

/*
 * In the list of the module for @arch.  Case-insensitive DLL name
 * ("VIDEOPRT.SYS"), case-sensitive symbol.
 */
enum vp_export_status vp_export_lookup(enum inf_arch arch, const char *dll,
				       const char *name);

#endif
