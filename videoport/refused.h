/* SPDX-License-Identifier: GPL-2.0 */
/*
 * refused.h - imports vpwrap refuses by design, each with its reason.
 *
 * One list for the module (wrapper/load.c hands vp_refused_reason() to
 * pe_load(), which adds the reason to the unresolved-imports message) and
 * for `vpwrap inspect` (tools/Makefile compiles refused.c in), so both
 * say the same thing.  refused.c builds in the kernel and in userspace
 * alike, on pe-loader's OS shim.  docs/videoport-unsupported.md explains
 * each row.
 */
#ifndef VPWRAP_VIDEOPORT_REFUSED_H
#define VPWRAP_VIDEOPORT_REFUSED_H

/*
 * The reason @dll!@name is refused, or NULL if it is not on the list.  The
 * DLL name compares case-insensitively ("NTOSKRNL.EXE"), the symbol
 * exactly, as pe-loader links them.
 */
const char *vp_refused_reason(const char *dll, const char *name);

#endif /* VPWRAP_VIDEOPORT_REFUSED_H */
