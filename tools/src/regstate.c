// SPDX-License-Identifier: GPL-2.0
/* AddReg flags applied to an initially empty key. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "src/regstate.h"

static struct inf_reg *find(struct inf_regs *regs, const struct inf_reg *r)
{
	unsigned int i;

	for (i = 0; i < regs->n; i++)
		if (!strcasecmp(regs->r[i].subkey, r->subkey) &&
		    !strcasecmp(regs->r[i].name, r->name))
			return &regs->r[i];
	return NULL;
}

static void drop(struct inf_regs *regs, struct inf_reg *r)
{
	unsigned int i = (unsigned int)(r - regs->r);

	inf_reg_free(r);
	memmove(r, r + 1, (regs->n - i - 1) * sizeof(*r));
	regs->n--;
}

static int has_str(const struct inf_reg *r, const char *s)
{
	unsigned int i;

	for (i = 0; i < r->nstrs; i++)
		if (!strcasecmp(r->strs[i], s))
			return 1;
	return 0;
}

/* FLG_ADDREG_APPEND: add the strings a REG_MULTI_SZ does not hold yet. */
static int append(struct inf_reg *old, const struct inf_reg *r)
{
	char **strs;
	unsigned int i;

	strs = realloc(old->strs, (old->nstrs + r->nstrs + 1) * sizeof(*strs));
	if (!strs)
		return -1;
	old->strs = strs;
	for (i = 0; i < r->nstrs; i++) {
		if (has_str(old, r->strs[i]))
			continue;
		strs[old->nstrs] = strdup(r->strs[i]);
		if (!strs[old->nstrs])
			return -1;
		old->nstrs++;
	}
	return 0;
}

static int set(struct inf_regs *regs, struct inf_reg *old,
	       const struct inf_reg *r)
{
	if (old) {
		inf_reg_free(old);
		return inf_reg_copy(old, r) ? (drop(regs, old), -1) : 0;
	}
	if (inf_grow(&regs->r, &regs->cap, regs->n, sizeof(*regs->r)) ||
	    inf_reg_copy(&regs->r[regs->n], r))
		return -1;
	regs->n++;
	return 0;
}

static int apply(struct inf_regs *regs, const struct inf_reg *r)
{
	struct inf_reg *old = find(regs, r);

	if (r->flags & FLG_ADDREG_DELVAL) {
		if (old)
			drop(regs, old);
		return 0;
	}
	if (r->kind == INF_REG_KEY ||
	    (old && (r->flags & FLG_ADDREG_NOCLOBBER)) ||
	    (!old && (r->flags & FLG_ADDREG_OVERWRITEONLY)))
		return 0;
	if (old && (r->flags & FLG_ADDREG_APPEND) &&
	    old->kind == INF_REG_MULTI_SZ && r->kind == INF_REG_MULTI_SZ)
		return append(old, r);
	return set(regs, old, r);
}

int vp_regs_final(const struct inf_regs *in, struct inf_regs *out)
{
	unsigned int i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < in->n; i++)
		if (apply(out, &in->r[i])) {
			inf_regs_free(out);
			return -1;
		}
	return 0;
}
