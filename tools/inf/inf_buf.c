// SPDX-License-Identifier: GPL-2.0
/* Growable strings and arrays for the INF parser. */
#include <stdlib.h>
#include <string.h>
#include "inf_internal.h"

static int buf_reserve(struct inf_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap = b->cap ? b->cap : 32;
	char *s;

	if (need <= b->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	s = realloc(b->s, cap);
	if (!s)
		return -1;
	b->s = s;
	b->cap = cap;
	return 0;
}

int inf_buf_put(struct inf_buf *b, const char *s, size_t n)
{
	if (buf_reserve(b, n))
		return -1;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int inf_buf_putc(struct inf_buf *b, char c)
{
	return inf_buf_put(b, &c, 1);
}

char *inf_buf_take(struct inf_buf *b)
{
	char *s = b->s;

	if (!s)
		s = strdup("");
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
	return s;
}

int inf_grow(void *arr, unsigned int *cap, unsigned int n, size_t size)
{
	void **p = arr;
	unsigned int c = *cap ? *cap : 8;
	void *q;

	if (n < *cap)
		return 0;
	while (c <= n)
		c *= 2;
	q = realloc(*p, (size_t)c * size);
	if (!q)
		return -1;
	memset((char *)q + (size_t)*cap * size, 0, (size_t)(c - *cap) * size);
	*p = q;
	*cap = c;
	return 0;
}
