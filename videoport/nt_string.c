// SPDX-License-Identifier: GPL-2.0
/*
 * C runtime string functions ntoskrnl exports to drivers.  Narrow strings
 * are bytes; wide strings are UTF-16 (wchar_t is 16 bits on Windows), so
 * the kernel's own wide helpers do not apply.  _wcsicmp folds ASCII case
 * only, which is what the NT runtime does for the characters drivers
 * compare (registry value names, device names).
 */
#include <linux/ctype.h>
#include <linux/string.h>
#include "videoport/vp.h"
#include "videoport/export.h"

VP_EXPORT_AS(NTOSKRNL, size_t, nt_strlen, "strlen", const char *s)
{
	return strlen(s);
}

VP_EXPORT_AS(NTOSKRNL, int, nt_strcmp, "strcmp", const char *a, const char *b)
{
	return strcmp(a, b);
}

VP_EXPORT_AS(NTOSKRNL, int, nt_strncmp, "strncmp", const char *a, const char *b,
	     size_t n)
{
	return strncmp(a, b, n);
}

VP_EXPORT_AS(NTOSKRNL, char *, nt_strcpy, "strcpy", char *dst, const char *src)
{
	return strcpy(dst, src);
}

VP_EXPORT_AS(NTOSKRNL, char *, nt_strncpy, "strncpy", char *dst, const char *src,
	     size_t n)
{
	return strncpy(dst, src, n);
}

VP_EXPORT_CDECL(NTOSKRNL, size_t, wcslen, const u16 *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static inline u16 nt_wlower(u16 c)
{
	return c < 0x80 ? tolower(c) : c;
}

VP_EXPORT_CDECL(NTOSKRNL, int, _wcsicmp, const u16 *a, const u16 *b)
{
	u16 x, y;

	do {
		x = nt_wlower(*a++);
		y = nt_wlower(*b++);
	} while (x && x == y);
	return (int)x - (int)y;
}
