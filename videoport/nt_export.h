/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the exports of issue 7 (the rest of videoprt.sys and the
 * ntoskrnl/hal subset).
 *
 * VP_EXPORT_AS: an export whose Windows name is also a kernel symbol
 * (memcpy, strlen, ...), so the C function needs a name of its own.  It
 * leaves the same row in "vp_exports" as VP_EXPORT (export.h) does.
 *
 * vp_unsupported(): the one log line per driver and export that every
 * VP_UNSUPPORTED export prints before it returns its documented failure.
 */
#ifndef VPWRAP_VIDEOPORT_NT_EXPORT_H
#define VPWRAP_VIDEOPORT_NT_EXPORT_H

#include "videoport/export.h"

#define VP_EXPORT_AS(dll_, ret, cname, winname, ...)			\
	ret WINAPI cname(__VA_ARGS__);					\
	static const struct vp_export __vp_row_##cname			\
	__used __section("vp_exports") __aligned(8) = {			\
		.name = winname, .addr = (void *)cname,			\
		.dll = VP_DLL_##dll_, .status = VP_IMPLEMENTED,		\
	};								\
	ret WINAPI cname(__VA_ARGS__)

/*
 * Logs "<driver>: <export> is not supported: <why>" once per driver and
 * export (vp_unsupported.c).
 */
void vp_unsupported(const char *export, const char *why);

/*
 * Core exports that the ntoskrnl/hal forms forward to, as Windows'
 * videoprt.sys forwards the other way (sync.c, ports.c, registers.c).
 */
void WINAPI VideoPortStallExecution(u32 us);
void *WINAPI VideoPortAllocatePool(void *ext, u32 pool_type, size_t size, u32 tag);
void WINAPI VideoPortFreePool(void *ext, void *p);

#endif /* VPWRAP_VIDEOPORT_NT_EXPORT_H */
