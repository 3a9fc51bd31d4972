// SPDX-License-Identifier: GPL-2.0
/*
 * The printf engine of the Windows kernel's C runtime, for the sprintf
 * family (nt_sprintf.c) and for the kernel log (VideoPortDebugPrint,
 * DbgPrint: debugprint.c).  It follows MSVC's rules, which differ from
 * C99's where drivers notice:
 *
 *  - int and long are 32 bits; I64/ll are 64, I and z pointer-sized;
 *  - %s and %c take the format's own width (narrow in sprintf, UTF-16 in
 *    swprintf), %S and %C the other one; h forces narrow, l and w wide;
 *  - %Z prints an ANSI_STRING, %wZ a UNICODE_STRING (counted strings);
 *  - %p prints 16 upper-case hex digits;
 *  - %n is ignored (it writes through a pointer: a classic exploit),
 *    floating point conversions print nothing (kernel code has no FPU
 *    context to format them with) but consume their argument.
 *
 * On x64 every argument is one 8-byte slot of the Microsoft va_list; on
 * x86 a slot is 4 bytes and 64-bit integers and doubles take two.  %p and
 * the pointer-sized sizes (I, z, t) follow the pointer width.  Characters
 * outside ASCII pass through unchanged between widths only as '?'
 * (the kernel has no code page tables).
 *
 * For the kernel log (nt_out.log) the format, the strings and the counted
 * string headers are read with copy_from_kernel_nofault(): a string that
 * cannot be read prints as "(bad)", a format ends where it cannot be read.
 * %p prints the kernel's hashed pointer, and only ASCII reaches the log
 * (anything else, NUL included, prints as '?').
 */
#include <asm/div64.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "videoport/nt_format.h"
#include "videoport/wintypes.h"

/* Reads @len bytes the caller of the export passed; false if they fault. */
static bool nt_copy(const struct nt_out *o, void *dst, const void *src, size_t len)
{
	if (o->log)
		return !copy_from_kernel_nofault(dst, src, len);
	memcpy(dst, src, len);
	return true;
}

/* Unit @i of a narrow or UTF-16 string (or format) @p. */
static bool nt_get(const struct nt_out *o, const void *p, bool wide, size_t i, u16 *c)
{
	u8 b;

	if (wide)
		return nt_copy(o, c, (const u16 *)p + i, sizeof(*c));
	if (!nt_copy(o, &b, (const u8 *)p + i, sizeof(b)))
		return false;
	*c = b;
	return true;
}

/* output and format element width: one code unit */
static void nt_put(struct nt_out *o, u16 c)
{
	if (o->len < o->size) {
		if (o->wide)
			((u16 *)o->buf)[o->len] = c;
		else if (o->log)
			((u8 *)o->buf)[o->len] = c && c < 0x80 ? c : '?';
		else
			((u8 *)o->buf)[o->len] = c > 0xff ? '?' : c;
	}
	o->len++;
}

/* @n copies of @c: what does not fit is only counted (a width may be huge) */
static void nt_pad(struct nt_out *o, char c, int n)
{
	for (; n > 0 && o->len < o->size; n--)
		nt_put(o, c);
	if (n > 0)
		o->len += n;
}

/* Unit @i of the format (which has the output's width); 0 ends it. */
static u16 nt_fmt_char(const struct nt_out *o, const void *fmt, size_t i)
{
	u16 c;

	return nt_get(o, fmt, o->wide, i, &c) ? c : 0;
}

struct nt_spec {
	bool left, plus, space, alt, zero;
	int width, prec;	/* prec -1: none */
	int size;		/* -2 hh, -1 h, 0 int, 1 64-bit */
	int strw;		/* string/char width: 0 default, 1 narrow (h), 2 wide (l, w) */
};

static void nt_put_num(struct nt_out *o, const struct nt_spec *s, u64 v, bool neg,
		       unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], prefix[3] = "";
	int n = 0, zeros, pad, plen;

	while (v)
		tmp[n++] = digits[do_div(v, base)];
	zeros = s->prec > n ? s->prec - n : 0;
	if (!n && s->prec != 0)
		zeros = max(zeros, 1);	/* the value 0; ".0" prints nothing */
	if (neg)
		strcpy(prefix, "-");
	else if (s->plus)
		strcpy(prefix, "+");
	else if (s->space)
		strcpy(prefix, " ");
	else if (s->alt && base == 16 && n)
		strcpy(prefix, upper ? "0X" : "0x");
	else if (s->alt && base == 8 && !zeros)
		zeros = 1;
	plen = strlen(prefix);
	pad = s->width - (n + zeros + plen);
	if (!s->left && !(s->zero && s->prec < 0))
		nt_pad(o, ' ', pad);
	nt_pad(o, prefix[0], plen > 0);
	nt_pad(o, prefix[1], plen > 1);
	if (!s->left && s->zero && s->prec < 0)
		nt_pad(o, '0', pad);
	nt_pad(o, '0', zeros);
	while (n)
		nt_put(o, tmp[--n]);
	if (s->left)
		nt_pad(o, ' ', pad);
}

/* A string of @n units (narrow or UTF-16), padded to the width. */
static void nt_put_str(struct nt_out *o, const struct nt_spec *s, const void *p, bool wide,
		       size_t n)
{
	size_t i;
	u16 c;

	if (s->prec >= 0 && n > (size_t)s->prec)
		n = s->prec;
	if (!s->left)
		nt_pad(o, ' ', s->width - (int)n);
	for (i = 0; i < n; i++)
		nt_put(o, nt_get(o, p, wide, i, &c) ? c : '?');
	if (s->left)
		nt_pad(o, ' ', s->width - (int)n);
}

/*
 * At most @max units of @p: all of them, or (@nul) up to its NUL; for the
 * log also up to the first unit that cannot be read.
 */
static void nt_put_text(struct nt_out *o, const struct nt_spec *s, const void *p, bool wide,
			size_t max, bool nul)
{
	size_t n;
	u16 c;

	if (!p) {
		nt_put_str(o, s, "(null)", false, 6);
		return;
	}
	for (n = 0; n < max && nt_get(o, p, wide, n, &c) && (c || !nul); n++)
		;
	if (!n && max && !nt_get(o, p, wide, 0, &c))
		nt_put_str(o, s, "(bad)", false, 5);
	else
		nt_put_str(o, s, p, wide, n);
}

/* %s: a NUL-terminated string */
static void nt_put_cstr(struct nt_out *o, const struct nt_spec *s, const void *p, bool wide)
{
	/*
	 * Units past what can still be written, plus the width, would change
	 * only the count, which then exceeds the size anyway: none are read.
	 * Stop at the precision too: the string need not be terminated then.
	 */
	size_t max = (o->len < o->size ? o->size - o->len : 0) + s->width + 1;

	if (s->prec >= 0)
		max = min_t(size_t, max, s->prec);
	nt_put_text(o, s, p, wide, max, true);
}

/* %Z, %wZ: an ANSI_STRING or UNICODE_STRING (Length in bytes, Buffer) */
static void nt_put_counted(struct nt_out *o, const struct nt_spec *s, const void *p, bool wide)
{
	struct win_unicode_string us = {};

	if (p && !nt_copy(o, &us, p, sizeof(us))) {
		nt_put_str(o, s, "(bad)", false, 5);
		return;
	}
	nt_put_text(o, s, us.buffer, wide, wide ? us.length / 2 : us.length, false);
}

/* %p: for the log the kernel's own (hashed) form */
static void nt_put_ptr(struct nt_out *o, struct nt_spec *s, u64 v)
{
	char tmp[24];
	int n;

	if (o->log) {
		n = scnprintf(tmp, sizeof(tmp), "%p", (void *)(uintptr_t)v);
		s->prec = -1;
		nt_put_str(o, s, tmp, false, n);
		return;
	}
	s->prec = 2 * sizeof(void *);
	s->alt = false;
	nt_put_num(o, s, v, false, 16, true);
}

/* The next argument: a 64-bit one (@wide) or a slot of the native width. */
#define nt_arg(ap, wide)						\
	(WIN_ABI(1, 0) || (wide) ? __builtin_va_arg(ap, u64) :		\
	 (u64)__builtin_va_arg(ap, u32))
#define nt_ptr_arg(ap)	((void *)(uintptr_t)nt_arg(ap, false))

/* The size of I, z and t: pointer-sized */
#define NT_SIZE_PTR	WIN_ABI(1, 0)

static u64 nt_int_arg(const struct nt_spec *s, u64 v, bool is_signed)
{
	switch (s->size) {
	case -2:
		return is_signed ? (u64)(s64)(s8)v : (u8)v;
	case -1:
		return is_signed ? (u64)(s64)(s16)v : (u16)v;
	case 0:
		return is_signed ? (u64)(s64)(s32)v : (u32)v;
	default:
		return v;
	}
}

size_t nt_vformat(struct nt_out *o, const void *fmt, win_va_list ap)
{
	bool wf = o->wide;	/* the format has the output's width */
	size_t i = 0;
	u16 c;

	while ((c = nt_fmt_char(o, fmt, i++)) != 0) {
		struct nt_spec s = { .prec = -1 };
		bool str_wide;
		u64 v;

		if (c != '%') {
			nt_put(o, c);
			continue;
		}
		for (;; i++) {
			c = nt_fmt_char(o, fmt, i);
			if (c == '-')
				s.left = true;
			else if (c == '+')
				s.plus = true;
			else if (c == ' ')
				s.space = true;
			else if (c == '#')
				s.alt = true;
			else if (c == '0')
				s.zero = true;
			else
				break;
		}
		if (c == '*') {
			s.width = (int)nt_arg(ap, false);
			if (s.width < 0) {
				s.left = true;
				s.width = -s.width;
			}
			c = nt_fmt_char(o, fmt, ++i);
		} else {
			for (; c >= '0' && c <= '9'; c = nt_fmt_char(o, fmt, ++i))
				s.width = min(s.width * 10 + (c - '0'), 4096);
		}
		if (c == '.') {
			s.prec = 0;
			c = nt_fmt_char(o, fmt, ++i);
			if (c == '*') {
				s.prec = (int)nt_arg(ap, false);
				if (s.prec < 0)
					s.prec = -1;
				c = nt_fmt_char(o, fmt, ++i);
			} else {
				for (; c >= '0' && c <= '9'; c = nt_fmt_char(o, fmt, ++i))
					s.prec = min(s.prec * 10 + (c - '0'), 4096);
			}
		}
		for (;; c = nt_fmt_char(o, fmt, ++i)) {
			if (c == 'h') {
				s.size = s.size == -1 ? -2 : -1;
				s.strw = 1;
			} else if (c == 'l') {
				if (s.strw == 2)
					s.size = 1;	/* ll */
				s.strw = 2;
			} else if (c == 'w') {
				s.strw = 2;
			} else if (c == 'z' || c == 't') {
				s.size = NT_SIZE_PTR;
			} else if (c == 'L' || c == 'j') {
				s.size = 1;
			} else if (c == 'I') {
				if (nt_fmt_char(o, fmt, i + 1) == '6' &&
				    nt_fmt_char(o, fmt, i + 2) == '4') {
					s.size = 1;
					i += 2;
				} else if (nt_fmt_char(o, fmt, i + 1) == '3' &&
					   nt_fmt_char(o, fmt, i + 2) == '2') {
					s.size = 0;
					i += 2;
				} else {
					s.size = NT_SIZE_PTR;
				}
			} else {
				break;
			}
		}
		if (!c)
			break;
		i++;
		/* %s/%c: the format's width; %S/%C: the other; h and l/w override */
		str_wide = s.strw ? s.strw == 2 : (c == 'S' || c == 'C') != wf;
		switch (c) {
		case '%':
			nt_put(o, '%');
			break;
		case 'c':
		case 'C':
			v = nt_arg(ap, false);
			v = str_wide ? (u16)v : (u8)v;
			if (!s.left)
				nt_pad(o, ' ', s.width - 1);
			nt_put(o, v);
			if (s.left)
				nt_pad(o, ' ', s.width - 1);
			break;
		case 's':
		case 'S':
			nt_put_cstr(o, &s, nt_ptr_arg(ap), str_wide);
			break;
		case 'Z':
			nt_put_counted(o, &s, nt_ptr_arg(ap), s.strw == 2);
			break;
		case 'd':
		case 'i':
			v = nt_int_arg(&s, nt_arg(ap, s.size == 1), true);
			nt_put_num(o, &s, (s64)v < 0 ? -v : v, (s64)v < 0, 10, false);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			v = nt_int_arg(&s, nt_arg(ap, s.size == 1), false);
			nt_put_num(o, &s, v, false, c == 'u' ? 10 : c == 'o' ? 8 : 16, c == 'X');
			break;
		case 'p':
			nt_put_ptr(o, &s, nt_arg(ap, false));
			break;
		case 'n':
			(void)nt_arg(ap, false);
			break;
		case 'e':
		case 'E':
		case 'f':
		case 'g':
		case 'G':
		case 'a':
		case 'A':
			(void)nt_arg(ap, true);	/* a double */
			break;
		default:	/* not a conversion: print it as it stands */
			nt_put(o, '%');
			nt_put(o, c);
			break;
		}
	}
	return o->len;
}
