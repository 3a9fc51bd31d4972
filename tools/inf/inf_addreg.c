// SPDX-License-Identifier: GPL-2.0
/* AddReg lines into typed registry values (SetupAPI's rules). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_addreg.h"

#define REG_NONE	0
#define REG_SZ		1
#define REG_EXPAND_SZ	2
#define REG_BINARY	3
#define REG_DWORD	4
#define REG_MULTI_SZ	7

#define F_ROOT	0
#define F_SUBKEY 1
#define F_NAME	2
#define F_FLAGS	3
#define F_VALUE	4

static int parse_root(const char *s, enum inf_reg_root *root)
{
	static const char *const names[] = { "HKR", "HKLM", "HKCU", "HKCR",
					     "HKU" };
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcasecmp(s, names[i])) {
			*root = (enum inf_reg_root)i;
			return 0;
		}
	return -1;
}

/* The value type encoded in the flags, or -1 if SetupAPI knows none. */
static int kind_of(unsigned int flags, unsigned int *regtype)
{
	unsigned int hi = flags >> 16;

	if (flags & FLG_ADDREG_BINVALUETYPE) {
		*regtype = hi == 0 ? REG_BINARY : hi == 1 ? REG_DWORD :
			   hi == 2 ? REG_NONE : hi;
		return hi == 1 ? INF_REG_DWORD : hi == 2 ? INF_REG_NONE :
		       INF_REG_BINARY;
	}
	switch (hi) {
	case 0:
		*regtype = REG_SZ;
		return INF_REG_SZ;
	case 1:
		*regtype = REG_MULTI_SZ;
		return INF_REG_MULTI_SZ;
	case 2:
		*regtype = REG_EXPAND_SZ;
		return INF_REG_EXPAND_SZ;
	}
	return -1;
}

static int read_bytes(struct inf *inf, const struct inf_entry *e,
		      struct inf_reg *r)
{
	unsigned int i, v;

	r->len = e->nfields > F_VALUE ? e->nfields - F_VALUE : 0;
	r->data = malloc(r->len ? r->len : 1);
	if (!r->data)
		return inf_fail(inf, e->line, "out of memory");
	for (i = 0; i < r->len; i++) {
		const char *f = e->fields[F_VALUE + i];
		char hex[16];

		/* Binary bytes are hex with or without 0x. */
		snprintf(hex, sizeof(hex), "0x%s",
			 strncasecmp(f, "0x", 2) ? f : f + 2);
		if (strlen(f) > 4 || inf_parse_u32(hex, &v) || v > 0xff)
			return inf_fail(inf, e->line,
					"bad binary byte '%s' for %s", f,
					r->name);
		r->data[i] = (unsigned char)v;
	}
	return 0;
}

static int read_dword(struct inf *inf, const struct inf_entry *e,
		      struct inf_reg *r)
{
	unsigned int n = e->nfields > F_VALUE ? e->nfields - F_VALUE : 0;

	if (n == 1 && !inf_parse_u32(e->fields[F_VALUE], &r->dword))
		return 0;
	if (n == 4) {	/* written as four little-endian bytes */
		if (read_bytes(inf, e, r))
			return -1;
		r->dword = r->data[0] | r->data[1] << 8 | r->data[2] << 16 |
			   (unsigned int)r->data[3] << 24;
		free(r->data);
		r->data = NULL;
		r->len = 0;
		return 0;
	}
	return inf_fail(inf, e->line, "bad REG_DWORD value for %s", r->name);
}

static int read_strings(struct inf *inf, const struct inf_entry *e,
			struct inf_reg *r)
{
	unsigned int i, first = F_VALUE, n;

	n = e->nfields > first ? e->nfields - first : 0;
	if (r->kind != INF_REG_MULTI_SZ)
		n = 1;		/* a missing string value is "" */
	r->strs = calloc(n ? n : 1, sizeof(*r->strs));
	if (!r->strs)
		return inf_fail(inf, e->line, "out of memory");
	for (i = 0; i < n; i++) {
		const char *f = inf_field(e, first + i);

		/* An empty string would end a REG_MULTI_SZ early. */
		if (r->kind == INF_REG_MULTI_SZ && !*f)
			continue;
		r->strs[r->nstrs] = strdup(f);
		if (!r->strs[r->nstrs])
			return inf_fail(inf, e->line, "out of memory");
		r->nstrs++;
	}
	return 0;
}

static int read_value(struct inf *inf, const struct inf_entry *e,
		      struct inf_reg *r)
{
	switch (r->kind) {
	case INF_REG_DWORD:
		return read_dword(inf, e, r);
	case INF_REG_BINARY:
		return read_bytes(inf, e, r);
	case INF_REG_SZ:
	case INF_REG_EXPAND_SZ:
	case INF_REG_MULTI_SZ:
		return read_strings(inf, e, r);
	default:
		return 0;
	}
}

static int read_flags(struct inf *inf, const struct inf_entry *e,
		      struct inf_reg *r)
{
	const char *f = inf_field(e, F_FLAGS);
	int kind;

	if (*f && inf_parse_u32(f, &r->flags))
		return inf_fail(inf, e->line, "bad AddReg flags '%s'", f);
	kind = kind_of(r->flags, &r->regtype);
	if (kind < 0)
		return inf_fail(inf, e->line, "unknown AddReg value type 0x%08x",
				r->flags);
	r->kind = (enum inf_reg_kind)kind;
	if ((r->flags & FLG_ADDREG_KEYONLY) || e->nfields <= F_NAME)
		r->kind = INF_REG_KEY;
	return 0;
}

int inf_parse_addreg(struct inf *inf, const struct inf_entry *e,
		     struct inf_reg *r)
{
	memset(r, 0, sizeof(*r));
	r->line = e->line;
	if (e->key || parse_root(inf_field(e, F_ROOT), &r->root))
		return inf_fail(inf, e->line,
				"AddReg line must start with HKR, HKLM, HKCU, HKCR or HKU");
	r->subkey = strdup(inf_field(e, F_SUBKEY));
	r->name = strdup(inf_field(e, F_NAME));
	if (!r->subkey || !r->name)
		return inf_fail(inf, e->line, "out of memory");
	if (read_flags(inf, e, r))
		return -1;
	if (r->flags & FLG_ADDREG_DELVAL)
		return 0;	/* deletes: the value fields do not matter */
	return read_value(inf, e, r);
}

static int copy_strs(struct inf_reg *dst, const struct inf_reg *src)
{
	unsigned int i;

	dst->strs = calloc(src->nstrs ? src->nstrs : 1, sizeof(*dst->strs));
	if (!dst->strs)
		return -1;
	for (dst->nstrs = 0; dst->nstrs < src->nstrs; dst->nstrs++) {
		i = dst->nstrs;
		dst->strs[i] = strdup(src->strs[i]);
		if (!dst->strs[i])
			return -1;
	}
	return 0;
}

int inf_reg_copy(struct inf_reg *dst, const struct inf_reg *src)
{
	*dst = *src;
	dst->strs = NULL;
	dst->nstrs = 0;
	dst->data = NULL;
	dst->subkey = strdup(src->subkey);
	dst->name = strdup(src->name);
	if (src->len)
		dst->data = malloc(src->len);
	if (!dst->subkey || !dst->name || (src->len && !dst->data) ||
	    (src->strs && copy_strs(dst, src))) {
		inf_reg_free(dst);
		return -1;
	}
	if (src->len)
		memcpy(dst->data, src->data, src->len);
	return 0;
}

void inf_reg_free(struct inf_reg *r)
{
	unsigned int i;

	for (i = 0; i < r->nstrs; i++)
		free(r->strs[i]);
	free(r->strs);
	free(r->data);
	free(r->subkey);
	free(r->name);
	memset(r, 0, sizeof(*r));
}
