/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Windows C runtime's printf engine (nt_format.c): narrow or UTF-16
 * format strings and output, arguments from a Microsoft va_list.  The
 * sprintf family and the debug print exports both format through it.
 */
#ifndef VPWRAP_VIDEOPORT_NT_FORMAT_H
#define VPWRAP_VIDEOPORT_NT_FORMAT_H

#include <linux/types.h>
#include "videoport/wintypes.h"

struct nt_out {
	void *buf;		/* u8 or u16 elements; may be NULL when size is 0 */
	size_t size;		/* elements the buffer holds */
	size_t len;		/* elements produced so far (also past size) */
	bool wide;		/* output (and format) are UTF-16 */
	bool log;		/* narrow, for the kernel log: untrusted pointers
				 * read without faulting, %p hashed, ASCII only
				 */
};

/* Formats into @o (no terminating NUL); returns o->len. */
size_t nt_vformat(struct nt_out *o, const void *fmt, win_va_list ap);

#endif /* VPWRAP_VIDEOPORT_NT_FORMAT_H */
