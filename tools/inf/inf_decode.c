// SPDX-License-Identifier: GPL-2.0
/*
 * Text encodings of INF files.  Windows writes INFs as ANSI (a code page,
 * in practice ASCII plus Latin-1) or as UTF-16LE with a byte order mark;
 * everything after this file sees UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include "inf_internal.h"

#define CTRL_Z 0x1a

static unsigned int line_at(const struct inf_buf *b)
{
	unsigned int line = 1;
	size_t i;

	for (i = 0; i < b->len; i++)
		line += b->s[i] == '\n';
	return line;
}

static int put_utf8(struct inf_buf *b, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return inf_buf_put(b, u, n);
}

static char *fail_at(struct inf *inf, struct inf_buf *b, const char *what)
{
	inf_fail(inf, line_at(b), "%s", what);
	free(b->s);
	return NULL;
}

static char *from_utf16le(struct inf *inf, const unsigned char *d, size_t len)
{
	struct inf_buf b = { 0 };
	size_t i;

	if (len % 2) {
		inf_fail(inf, 0, "UTF-16 file has an odd number of bytes");
		return NULL;
	}
	for (i = 0; i < len; i += 2) {
		uint32_t cp = d[i] | d[i + 1] << 8;

		if (cp == CTRL_Z)
			break;
		if (cp == 0)
			return fail_at(inf, &b, "NUL character in text");
		if (cp >= 0xdc00 && cp < 0xe000)
			return fail_at(inf, &b, "invalid UTF-16 (lone low surrogate)");
		if (cp >= 0xd800 && cp < 0xdc00) {
			uint32_t lo = i + 3 < len ? d[i + 2] | d[i + 3] << 8 : 0;

			if (lo < 0xdc00 || lo >= 0xe000)
				return fail_at(inf, &b, "invalid UTF-16 (lone high surrogate)");
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			i += 2;
		}
		if (put_utf8(&b, cp))
			return fail_at(inf, &b, "out of memory");
	}
	return inf_buf_take(&b);
}

/* Length of the UTF-8 sequence at @d, or 0 if it is not valid UTF-8. */
static size_t utf8_seq(const unsigned char *d, size_t len)
{
	size_t n, i;

	if (d[0] < 0x80)
		return 1;
	if (d[0] >= 0xc2 && d[0] < 0xe0)
		n = 2;
	else if (d[0] >= 0xe0 && d[0] < 0xf0)
		n = 3;
	else if (d[0] >= 0xf0 && d[0] < 0xf5)
		n = 4;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++)
		if ((d[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

static int is_utf8(const unsigned char *d, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		n = utf8_seq(d + i, len - i);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

static char *from_bytes(struct inf *inf, const unsigned char *d, size_t len)
{
	struct inf_buf b = { 0 };
	int utf8 = is_utf8(d, len);
	size_t i;

	for (i = 0; i < len; i++) {
		int r;

		if (d[i] == CTRL_Z)
			break;
		if (d[i] == 0)
			return fail_at(inf, &b, "NUL byte in text");
		if (utf8 || d[i] < 0x80)
			r = inf_buf_putc(&b, (char)d[i]);
		else
			r = put_utf8(&b, d[i]);	/* Latin-1 */
		if (r)
			return fail_at(inf, &b, "out of memory");
	}
	return inf_buf_take(&b);
}

char *inf_decode(struct inf *inf, const unsigned char *d, size_t len)
{
	if (len >= 2 && d[0] == 0xff && d[1] == 0xfe)
		return from_utf16le(inf, d + 2, len - 2);
	if (len >= 3 && d[0] == 0xef && d[1] == 0xbb && d[2] == 0xbf)
		return from_bytes(inf, d + 3, len - 3);
	/* UTF-16LE without BOM: ASCII text with every second byte zero. */
	if (len >= 4 && d[0] && !d[1] && d[2] && !d[3])
		return from_utf16le(inf, d, len);
	return from_bytes(inf, d, len);
}
