// SPDX-License-Identifier: GPL-2.0
/*
 * VideoPortDebugPrint (and DbgPrint, DbgPrintEx: nt_debug.c): Windows printf
 * formats, read from the Microsoft va_list by the sprintf family's engine
 * (nt_format.c) in its mode for the kernel log: the format and the strings
 * are read with copy_from_kernel_nofault(), so a bad pointer prints as
 * "(bad)" instead of faulting, and pointers are printed hashed (%p), as the
 * kernel does.  Each message line becomes one kernel log line, prefixed
 * with the driver's name; messages are rate-limited per driver.
 */
#include <linux/kernel.h>
#include <linux/ratelimit.h>
#include <linux/string.h>
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/nt_format.h"

#define VP_PRINT_MAX 512

/* Prints each line of @buf with the driver's prefix. */
static void vp_print_lines(struct vp_driver *drv, char *buf)
{
	char *line;

	while ((line = strsep(&buf, "\n")) != NULL) {
		if (!*line && !buf)
			break;
		printk(KERN_INFO "vpwrap: %s: %s\n", drv ? drv->name : "?", line);
	}
}

void vp_debug_vprint(const char *fmt, win_va_list ap)
{
	struct vp_driver *drv = vp_current_driver();
	char buf[VP_PRINT_MAX];
	struct nt_out o = { .buf = buf, .size = sizeof(buf) - 1, .log = true };

	if (!fmt)
		return;
	if (drv && !__ratelimit(&drv->print_rs))
		return;
	buf[min(nt_vformat(&o, fmt, ap), o.size)] = 0;
	vp_print_lines(drv, buf);
}

VP_EXPORT_CDECL(VIDEOPRT, void, VideoPortDebugPrint, u32 level, const char *fmt, ...)
{
	win_va_list ap;

	win_va_start(ap, fmt);
	vp_debug_vprint(fmt, ap);
	win_va_end(ap);
}
