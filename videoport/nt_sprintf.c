// SPDX-License-Identifier: GPL-2.0
/*
 * The sprintf family ntoskrnl exports: sprintf, _snprintf, _vsnprintf,
 * swprintf, _snwprintf, _vsnwprintf, with MSVC's semantics (nt_format.c):
 *
 *  - sprintf/swprintf write without a bound (the caller sized the buffer,
 *    as on Windows) and return the characters written before the NUL;
 *  - the counted forms write at most @count characters: when the result
 *    fits with room to spare they add the NUL and return its length; when
 *    it fills @count exactly they return @count without a NUL; when it
 *    does not fit they return -1, also without a NUL.  Drivers test for
 *    -1, not for the C99 "would have written" length.
 *
 * swprintf is the legacy two-argument form the XP kernel exports.
 */
#include <linux/limits.h>
#include "videoport/vp.h"
#include "videoport/nt_export.h"
#include "videoport/nt_format.h"

/* no bound: the caller promises room, as the Windows API does */
#define NT_UNBOUNDED (SIZE_MAX / 4)

static int nt_bounded(void *buf, size_t count, bool wide, const void *fmt,
		      __builtin_ms_va_list ap)
{
	struct nt_out o = { .buf = buf, .size = buf ? count : 0, .wide = wide };
	size_t n = nt_vformat(&o, fmt, ap);

	if (n > count)
		return -1;
	if (n < count) {
		if (wide)
			((u16 *)buf)[n] = 0;
		else
			((u8 *)buf)[n] = 0;
	}
	return n;
}

static int nt_unbounded(void *buf, bool wide, const void *fmt, __builtin_ms_va_list ap)
{
	return nt_bounded(buf, NT_UNBOUNDED, wide, fmt, ap);
}

VP_EXPORT_AS(NTOSKRNL, int, nt_sprintf, "sprintf", char *buf, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	int n;

	__builtin_ms_va_start(ap, fmt);
	n = nt_unbounded(buf, false, fmt, ap);
	__builtin_ms_va_end(ap);
	return n;
}

VP_EXPORT(NTOSKRNL, int, _snprintf, char *buf, size_t count, const char *fmt, ...)
{
	__builtin_ms_va_list ap;
	int n;

	__builtin_ms_va_start(ap, fmt);
	n = nt_bounded(buf, count, false, fmt, ap);
	__builtin_ms_va_end(ap);
	return n;
}

VP_EXPORT(NTOSKRNL, int, _vsnprintf, char *buf, size_t count, const char *fmt,
	  __builtin_ms_va_list ap)
{
	return nt_bounded(buf, count, false, fmt, ap);
}

VP_EXPORT(NTOSKRNL, int, swprintf, u16 *buf, const u16 *fmt, ...)
{
	__builtin_ms_va_list ap;
	int n;

	__builtin_ms_va_start(ap, fmt);
	n = nt_unbounded(buf, true, fmt, ap);
	__builtin_ms_va_end(ap);
	return n;
}

VP_EXPORT(NTOSKRNL, int, _snwprintf, u16 *buf, size_t count, const u16 *fmt, ...)
{
	__builtin_ms_va_list ap;
	int n;

	__builtin_ms_va_start(ap, fmt);
	n = nt_bounded(buf, count, true, fmt, ap);
	__builtin_ms_va_end(ap);
	return n;
}

VP_EXPORT(NTOSKRNL, int, _vsnwprintf, u16 *buf, size_t count, const u16 *fmt,
	  __builtin_ms_va_list ap)
{
	return nt_bounded(buf, count, true, fmt, ap);
}
