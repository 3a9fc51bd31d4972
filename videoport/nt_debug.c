// SPDX-License-Identifier: GPL-2.0
/*
 * DbgPrint and DbgPrintEx: the same output as VideoPortDebugPrint (Windows
 * format specifiers, the driver's name as prefix, rate-limited per
 * driver), formatted by the same code (debugprint.c).
 */
#include "videoport/vp.h"
#include "videoport/export.h"

/* DPFLTR_ERROR_LEVEL, DPFLTR_WARNING_LEVEL; above 31 the level is a mask */
#define NT_DBG_SHOWN(level) ((level) > 31 ? ((level) & 3) != 0 : (level) <= 1)

VP_EXPORT_CDECL(NTOSKRNL, u32, DbgPrint, const char *fmt, ...)
{
	win_va_list ap;

	win_va_start(ap, fmt);
	vp_debug_vprint(fmt, ap);
	win_va_end(ap);
	return STATUS_SUCCESS;
}

/*
 * Windows' default filter shows errors and warnings and drops trace and
 * info levels; so do we.
 */
VP_EXPORT_CDECL(NTOSKRNL, u32, DbgPrintEx, u32 component, u32 level, const char *fmt, ...)
{
	win_va_list ap;

	if (!NT_DBG_SHOWN(level))
		return STATUS_SUCCESS;
	win_va_start(ap, fmt);
	vp_debug_vprint(fmt, ap);
	win_va_end(ap);
	return STATUS_SUCCESS;
}
