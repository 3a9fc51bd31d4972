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
#include "videoport/export.h"
#include "videoport/nt_format.h"

/* no bound: the caller promises room, as the Windows API does */
#define NT_UNBOUNDED (SIZE_MAX / 4)

static int nt_bounded(void *buf, size_t count, bool wide, const void *fmt,
		      win_va_list ap)
{
	struct nt_out o = { .buf = buf, .size = buf ? count : 0, .wide = wide };
	size_t n = nt_vformat(&o, fmt, ap);

	if (n > count)
		return -1;
	if (n < count && buf) {
		if (wide)
			((u16 *)buf)[n] = 0;
		else
			((u8 *)buf)[n] = 0;
	}
	return n;
}

/* nt_bounded() over the variadic arguments that follow @fmt */
#define NT_VA_BOUNDED(buf, count, wide, fmt) ({				\
	win_va_list ap_;					\
	int n_;								\
									\
	win_va_start(ap_, fmt);				\
	n_ = nt_bounded(buf, count, wide, fmt, ap_);			\
	win_va_end(ap_);					\
	n_;								\
})

/*
 * The three exports for one character type @chr: @name(buf, fmt, ...)
 * without a bound, @sn(buf, count, fmt, ...) and @vsn(buf, count, fmt, ap).
 * The first one's C function is nt_<name>: sprintf is a kernel symbol too.
 */
#define NT_SPRINTF_EXPORTS(chr, wide, name, sn, vsn)			\
VP_EXPORT_AS(NTOSKRNL, int, nt_##name, #name, chr *buf, const chr *fmt, ...) \
{									\
	return NT_VA_BOUNDED(buf, NT_UNBOUNDED, wide, fmt);		\
}									\
									\
VP_EXPORT_CDECL(NTOSKRNL, int, sn, chr *buf, size_t count, const chr *fmt, ...) \
{									\
	return NT_VA_BOUNDED(buf, count, wide, fmt);			\
}									\
									\
VP_EXPORT_CDECL(NTOSKRNL, int, vsn, chr *buf, size_t count, const chr *fmt,	\
	  win_va_list ap)					\
{									\
	return nt_bounded(buf, count, wide, fmt, ap);			\
}

NT_SPRINTF_EXPORTS(char, false, sprintf, _snprintf, _vsnprintf)
NT_SPRINTF_EXPORTS(u16, true, swprintf, _snwprintf, _vsnwprintf)
