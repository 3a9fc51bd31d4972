// SPDX-License-Identifier: GPL-2.0
/*
 * pe_error.c - the one-message error report and the bounded text buffer
 * it is built with.
 */
#include "pe-loader/pe_internal.h"

static __attribute__((format(printf, 2, 0)))
void pe_buf_vadd(struct pe_buf *b, const char *fmt, va_list ap)
{
	static const char more[] = "...";
	size_t room;
	int n;

	if (!b->s || !b->size || b->pos >= b->size)
		return;
	room = b->size - b->pos;
	n = vsnprintf(b->s + b->pos, room, fmt, ap);
	if (n < 0)
		return;
	if ((size_t)n < room) {
		b->pos += (size_t)n;
		return;
	}
	/* Truncated: say so at the end of what fits. */
	b->pos = b->size;
	if (b->size >= sizeof(more))
		memcpy(b->s + b->size - sizeof(more), more, sizeof(more));
}

void pe_buf_add(struct pe_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pe_buf_vadd(b, fmt, ap);
	va_end(ap);
}

int pe_fail(const struct pe_ctx *c, int err, const char *fmt, ...)
{
	struct pe_buf b = { .s = c->err, .size = c->errlen };
	va_list ap;

	pe_buf_add(&b, "%s: ", c->name);
	va_start(ap, fmt);
	pe_buf_vadd(&b, fmt, ap);
	va_end(ap);
	return err;
}
