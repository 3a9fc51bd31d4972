/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's export list (videoport/out/exports.txt, written
 * by `make module` from the built module, at build time): which
 * DLL exports vpwrap.ko implements and which it has by design as a stub
 * that returns the documented failure code.
 */
#ifndef VPWRAP_TOOLS_EXPORTS_H
#define VPWRAP_TOOLS_EXPORTS_H

struct vp_export {
	const char *dll;	/* "videoprt.sys" */
	const char *name;
	int implemented;	/* 0: unsupported by design */
};

/* Ends with a { NULL } row. */
extern const struct vp_export vp_exports[];
extern const int vp_exports_available;

enum vp_export_status {
	VP_EXPORT_MISSING,
	VP_EXPORT_UNSUPPORTED,
	VP_EXPORT_IMPLEMENTED,
};

/* Case-insensitive DLL name ("VIDEOPRT.SYS"), case-sensitive symbol. */
enum vp_export_status vp_export_lookup(const char *dll, const char *name);

#endif
