// SPDX-License-Identifier: GPL-2.0
/*
 * DbgPrint and DbgPrintEx: the same output as VideoPortDebugPrint (Windows
 * format specifiers, the driver's name as prefix, rate-limited per
 * driver), which they hand their arguments to.
 *
 * A variadic Windows x64 call passes every argument in its own 8-byte
 * slot, so the arguments can be forwarded as VP_DBG_ARGS slots without
 * knowing their types.  Slots the format does not use are read from the
 * caller's stack frame (always mapped) and ignored; a format with more than
 * VP_DBG_ARGS conversions prints the rest as garbage, not a fault.
 */
#include "videoport/vp.h"
#include "videoport/nt_export.h"

#define VP_DBG_ARGS 16

void WINAPI VideoPortDebugPrint(u32 level, const char *fmt, ...);

/* DPFLTR_ERROR_LEVEL, DPFLTR_WARNING_LEVEL; above 31 the level is a mask */
#define NT_DBG_SHOWN(level) ((level) > 31 ? ((level) & 3) != 0 : (level) <= 1)

static void nt_dbg_vprint(const char *fmt, __builtin_ms_va_list ap)
{
	u64 a[VP_DBG_ARGS];
	int i;

	for (i = 0; i < VP_DBG_ARGS; i++)
		a[i] = __builtin_va_arg(ap, u64);
	VideoPortDebugPrint(0, fmt, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
			    a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]);
}

VP_EXPORT(NTOSKRNL, u32, DbgPrint, const char *fmt, ...)
{
	__builtin_ms_va_list ap;

	__builtin_ms_va_start(ap, fmt);
	nt_dbg_vprint(fmt, ap);
	__builtin_ms_va_end(ap);
	return STATUS_SUCCESS;
}

/*
 * Windows' default filter shows errors and warnings and drops trace and
 * info levels; so do we.
 */
VP_EXPORT(NTOSKRNL, u32, DbgPrintEx, u32 component, u32 level, const char *fmt, ...)
{
	__builtin_ms_va_list ap;

	if (!NT_DBG_SHOWN(level))
		return STATUS_SUCCESS;
	__builtin_ms_va_start(ap, fmt);
	nt_dbg_vprint(fmt, ap);
	__builtin_ms_va_end(ap);
	return STATUS_SUCCESS;
}
