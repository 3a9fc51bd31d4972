// SPDX-License-Identifier: GPL-2.0
/*
 * VideoPortDebugPrint: Windows printf formats, read from the Microsoft
 * va_list (__builtin_ms_va_list; every argument is one 8-byte slot),
 * printed as one kernel log line per message line, prefixed with the
 * driver's name and rate-limited per driver.
 *
 * Supported: flags "-+ #0", width and precision (also "*"), sizes h hh l ll
 * w I I32 I64 z, conversions d i u x X o c C s S Z p n(ignored) %.  %ws/%ls/%S
 * print UTF-16 strings, %Z an ANSI_STRING, %wZ a UNICODE_STRING.  Strings
 * are read with get_kernel_nofault(), so a bad pointer prints as "(bad)"
 * instead of faulting.  Pointers are printed hashed (%p), as the kernel does.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/ratelimit.h>
#include <linux/uaccess.h>
#include "videoport/vp.h"
#include "videoport/export.h"

#define VP_PRINT_MAX 512

struct vp_out {
	char *buf;
	size_t len, size;
};

static __printf(2, 3) void vp_out(struct vp_out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->len >= o->size - 1)
		return;
	va_start(ap, fmt);
	o->len += vscnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
}

/* An 8-bit or 16-bit string, at most @max characters, padded per width/precision. */
static void vp_out_str(struct vp_out *o, const void *p, bool wide, int max,
		       int width, bool left)
{
	char tmp[256];
	size_t n = 0;
	u8 c8;

	if (!p) {
		vp_out(o, "%*s", left ? -width : width, "(null)");
		return;
	}
	if (max < 0 || max > (int)sizeof(tmp) - 1)
		max = sizeof(tmp) - 1;
	if (get_kernel_nofault(c8, (const u8 *)p)) {
		vp_out(o, "%*s", left ? -width : width, "(bad)");
		return;
	}
	if (wide) {
		n = vp_utf16_to_ascii(tmp, sizeof(tmp), p, max);
	} else {
		while (n < (size_t)max && !get_kernel_nofault(c8, (const u8 *)p + n) && c8)
			tmp[n++] = c8;
		tmp[n] = 0;
	}
	vp_out(o, "%*s", left ? -width : width, tmp);
}

/* ANSI_STRING / UNICODE_STRING: Length in bytes, then the buffer pointer. */
static void vp_out_counted(struct vp_out *o, const void *p, bool wide, int width, bool left)
{
	struct win_unicode_string s;

	if (!p || copy_from_kernel_nofault(&s, p, sizeof(s))) {
		vp_out(o, "%s", p ? "(bad)" : "(null)");
		return;
	}
	vp_out_str(o, s.buffer, wide, wide ? s.length / 2 : s.length, width, left);
}

/* A width or precision: digits (capped), or '*' taking an int argument. */
static int vp_fmt_number(const char **f, __builtin_ms_va_list *ap)
{
	int v = 0;
	char c;

	if (!get_kernel_nofault(c, *f) && c == '*') {
		(*f)++;
		return __builtin_va_arg(*ap, int);
	}
	while (!get_kernel_nofault(c, *f) && isdigit(c)) {
		v = min(v * 10 + (c - '0'), 200);
		(*f)++;
	}
	return v;
}

static void vp_format(struct vp_out *o, const char *fmt, __builtin_ms_va_list ap)
{
	const char *f = fmt;
	char c;

	while (o->len < o->size - 1) {
		char spec[24], *sp;
		/* size: -2 hh, -1 h, 0 32-bit (int and long: Windows is LLP64), 1 64-bit */
		int width = 0, prec = -1, size = 0, nl = 0;
		bool wide = false, left = false;
		u64 v;

		if (get_kernel_nofault(c, f) || !c)
			break;
		f++;
		if (c != '%') {
			vp_out(o, "%c", c);
			continue;
		}
		sp = spec;
		*sp++ = '%';
		/* flags */
		while (!get_kernel_nofault(c, f) && c && strchr("-+ #0", c)) {
			if (c == '-')
				left = true;
			if (sp < spec + 8)
				*sp++ = c;
			f++;
		}
		/* width, precision */
		width = vp_fmt_number(&f, &ap);
		if (!get_kernel_nofault(c, f) && c == '.') {
			f++;
			prec = vp_fmt_number(&f, &ap);
		}
		/* size */
		for (;;) {
			if (get_kernel_nofault(c, f))
				c = 0;
			if (c == 'h') {
				size = size == -1 ? -2 : -1;
			} else if (c == 'l') {
				if (nl++)
					size = 1;	/* ll */
				wide = true;
			} else if (c == 'w') {
				wide = true;
			} else if (c == 'z') {
				size = 1;
			} else if (c == 'I') {
				char d1 = 0, d2 = 0;

				if (!get_kernel_nofault(d1, f + 1) && d1 == '6' &&
				    !get_kernel_nofault(d2, f + 2) && d2 == '4') {
					size = 1;
					f += 2;
				} else if (d1 == '3' && !get_kernel_nofault(d2, f + 2) && d2 == '2') {
					size = 0;
					f += 2;
				} else {
					size = 1;	/* I: pointer-sized */
				}
			} else {
				break;
			}
			f++;
		}
		if (get_kernel_nofault(c, f) || !c)
			break;
		f++;
		switch (c) {
		case '%':
			vp_out(o, "%%");
			break;
		case 'c':
		case 'C':
			v = __builtin_va_arg(ap, u64);
			vp_out(o, "%*c", left ? -width : width, (char)((v & 0xff80) ? '?' : v));
			break;
		case 's':
		case 'S':
			vp_out_str(o, __builtin_va_arg(ap, void *),
				   c == 'S' ? size != -1 : wide && size != -1,
				   prec, width, left);
			break;
		case 'Z':
			vp_out_counted(o, __builtin_va_arg(ap, void *), wide, width, left);
			break;
		case 'p':
			vp_out(o, "%p", __builtin_va_arg(ap, void *));
			break;
		case 'n':
			(void)__builtin_va_arg(ap, void *);
			break;
		case 'd':
		case 'i':
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			v = __builtin_va_arg(ap, u64);
			if (size == 0)
				v = (c == 'd' || c == 'i') ? (u64)(s64)(s32)v : (u32)v;
			else if (size == -1)
				v = (c == 'd' || c == 'i') ? (u64)(s64)(s16)v : (u16)v;
			else if (size == -2)
				v = (c == 'd' || c == 'i') ? (u64)(s64)(s8)v : (u8)v;
			*sp++ = '*';
			*sp++ = '.';
			*sp++ = '*';
			*sp++ = 'l';
			*sp++ = 'l';
			*sp++ = c == 'i' ? 'd' : c;
			*sp = 0;
			/* a negative precision means "none", as in C */
			vp_out(o, spec, width, prec, v);
			break;
		default:
			/* unknown conversion: print it, consume nothing */
			vp_out(o, "%%%c", c);
			break;
		}
	}
}

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

VP_EXPORT(VIDEOPRT, void, VideoPortDebugPrint, u32 level, const char *fmt, ...)
{
	struct vp_driver *drv = vp_current_driver();
	char buf[VP_PRINT_MAX];
	struct vp_out o = { .buf = buf, .size = sizeof(buf) };
	__builtin_ms_va_list ap;

	if (!fmt)
		return;
	if (drv && !__ratelimit(&drv->print_rs))
		return;
	buf[0] = 0;
	__builtin_ms_va_start(ap, fmt);
	vp_format(&o, fmt, ap);
	__builtin_ms_va_end(ap);
	vp_print_lines(drv, buf);
}
