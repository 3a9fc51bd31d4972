// SPDX-License-Identifier: GPL-2.0
/* UTF-16LE strings from Windows code, read without trusting the pointer. */
#include <linux/uaccess.h>
#include "videoport/vp.h"

/*
 * Copies at most @max characters of @src (stopping at NUL) into @dst as
 * ASCII ('?' for anything else), always NUL-terminated.  A pointer that
 * faults ends the string.  Returns the number of characters copied.
 */
size_t vp_utf16_to_ascii(char *dst, size_t dstlen, const u16 *src, size_t max)
{
	size_t i;
	u16 c;

	if (!dstlen)
		return 0;
	for (i = 0; src && i < max && i + 1 < dstlen; i++) {
		if (get_kernel_nofault(c, src + i) || !c)
			break;
		dst[i] = c < 0x80 ? c : '?';
	}
	dst[i] = 0;
	return i;
}
