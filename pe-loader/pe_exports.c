// SPDX-License-Identifier: GPL-2.0
/*
 * pe_exports.c - the image's own export table: read and validate it, find
 * an export by name or ordinal, follow its forwarders.
 *
 * A forwarder ("NTOSKRNL.KeFoo", "HAL.#12") names a DLL and a symbol.  When
 * the DLL is the image itself the chain stays inside this table, and a
 * chain that comes back to an export already on it is refused at load as a
 * forwarder loop.  Any other DLL is looked up among the registered export
 * tables (which may forward further, see pe_link.c).
 */
#include "pe-loader/pe_internal.h"

struct pe_exp_dir {
	u32 rva, size;		/* the directory: forwarders point inside it */
	u32 ord_base, nfuncs, nnames;
	u32 funcs, names, ords;	/* table RVAs */
};

static int pe_exp_header(const struct pe_ctx *c, const struct pe_view *v,
			 const struct pe_dir *d, struct pe_exp_dir *x, const char **dll)
{
	const u8 *e = v->base + d->rva;
	int ret;

	if (d->size < PE_EXP_SIZE)
		return pe_fail(c, -ENOEXEC, "export directory size 0x%x smaller than its header", d->size);
	x->rva = d->rva;
	x->size = d->size;
	x->ord_base = pe_le32(e + PE_EXP_BASE);
	x->nfuncs = pe_le32(e + PE_EXP_NFUNCS);
	x->nnames = pe_le32(e + PE_EXP_NNAMES);
	x->funcs = pe_le32(e + PE_EXP_FUNCS);
	x->names = pe_le32(e + PE_EXP_NAMES);
	x->ords = pe_le32(e + PE_EXP_ORDINALS);

	ret = pe_view_str(v, pe_le32(e + PE_EXP_NAME), PE_MAX_NAME, dll);
	if (ret)
		return pe_fail(c, -ENOEXEC, "export directory: DLL name at RVA 0x%x %s",
			       pe_le32(e + PE_EXP_NAME),
			       ret == PE_STR_OUTSIDE ? "outside the image" :
			       ret == PE_STR_EMPTY ? "empty" : "not terminated");
	if (x->nfuncs > PE_MAX_EXPORTS)
		return pe_fail(c, -ENOEXEC, "export directory: %u functions (cap %u)",
			       x->nfuncs, PE_MAX_EXPORTS);
	if (x->nnames > x->nfuncs)
		return pe_fail(c, -ENOEXEC, "export directory: %u names for %u functions",
			       x->nnames, x->nfuncs);
	if (!pe_range_ok(v, x->funcs, x->nfuncs * 4))
		return pe_fail(c, -ENOEXEC, "export directory: function table [0x%x+0x%x] outside the image",
			       x->funcs, x->nfuncs * 4);
	if (!pe_range_ok(v, x->names, x->nnames * 4))
		return pe_fail(c, -ENOEXEC, "export directory: name table [0x%x+0x%x] outside the image",
			       x->names, x->nnames * 4);
	if (!pe_range_ok(v, x->ords, x->nnames * 2))
		return pe_fail(c, -ENOEXEC, "export directory: ordinal table [0x%x+0x%x] outside the image",
			       x->ords, x->nnames * 2);
	return 0;
}

/* Fill @out from function slot @idx; @label names the export in messages. */
static int pe_exp_slot(const struct pe_ctx *c, const struct pe_view *v,
		       const struct pe_exp_dir *x, u32 idx, const char *label,
		       struct pe_export_info *out)
{
	u32 rva = pe_le32(v->base + x->funcs + 4 * idx);
	size_t dll_len;
	unsigned int ord;
	const char *sym;
	int ret;

	out->ordinal = x->ord_base + idx;
	if (rva < x->rva || rva - x->rva >= x->size) {
		if (rva >= v->size)
			return pe_fail(c, -ENOEXEC, "export %s: RVA 0x%x outside the image", label, rva);
		out->rva = rva;
		return 0;
	}
	ret = pe_view_str(v, rva, x->rva + x->size - rva, &out->forward);
	if (ret)
		return pe_fail(c, -ENOEXEC, "export %s: forwarder at RVA 0x%x not terminated inside the export directory",
			       label, rva);
	if (!pe_forward_split(out->forward, '.', &dll_len, &sym, &ord))
		return pe_fail(c, -ENOEXEC, "export %s: forwarder \"%s\" is not DLL.Name or DLL.#ordinal",
			       label, out->forward);
	return 0;
}

static int pe_exp_fill(const struct pe_ctx *c, const struct pe_view *v,
		       const struct pe_exp_dir *x, struct pe_exports *exp)
{
	unsigned int n = 0;
	u32 i;
	int ret;

	for (i = 0; i < x->nnames; i++) {
		u32 name_rva = pe_le32(v->base + x->names + 4 * i);
		u32 idx = pe_le16(v->base + x->ords + 2 * i);
		struct pe_export_info *out = &exp->list[n++];

		ret = pe_view_str(v, name_rva, PE_MAX_NAME, &out->name);
		if (ret)
			return pe_fail(c, -ENOEXEC, "export %u: name at RVA 0x%x %s", i, name_rva,
				       ret == PE_STR_OUTSIDE ? "outside the image" :
				       ret == PE_STR_EMPTY ? "empty" : "not terminated");
		if (idx >= x->nfuncs)
			return pe_fail(c, -ENOEXEC, "export %s: ordinal index %u beyond %u functions",
				       out->name, idx, x->nfuncs);
		if (!exp->by_slot[idx])
			exp->by_slot[idx] = n;
		ret = pe_exp_slot(c, v, x, idx, out->name, out);
		if (ret)
			return ret;
	}
	for (i = 0; i < x->nfuncs; i++) {
		char label[16];

		if (exp->by_slot[i] || !pe_le32(v->base + x->funcs + 4 * i))
			continue;
		snprintf(label, sizeof(label), "#%u", x->ord_base + i);
		exp->by_slot[i] = n + 1;
		ret = pe_exp_slot(c, v, x, i, label, &exp->list[n++]);
		if (ret)
			return ret;
	}
	exp->count = n;
	exp->nnamed = x->nnames;
	return 0;
}

/* Heapsort: the same code in the kernel and in userspace, no recursion. */
static void pe_sift(u32 *a, const struct pe_export_info *l, unsigned int root, unsigned int n)
{
	for (;;) {
		unsigned int child = 2 * root + 1;
		u32 tmp;

		if (child >= n)
			return;
		if (child + 1 < n && strcmp(l[a[child]].name, l[a[child + 1]].name) < 0)
			child++;
		if (strcmp(l[a[root]].name, l[a[child]].name) >= 0)
			return;
		tmp = a[root];
		a[root] = a[child];
		a[child] = tmp;
		root = child;
	}
}

/* Name lookups are binary searches, so hostile tables cannot cost n^2. */
static void pe_exp_sort(struct pe_exports *exp)
{
	unsigned int i;
	u32 tmp;

	for (i = 0; i < exp->nnamed; i++)
		exp->sorted[i] = i;
	for (i = exp->nnamed / 2; i-- > 0;)
		pe_sift(exp->sorted, exp->list, i, exp->nnamed);
	for (i = exp->nnamed; i-- > 1;) {
		tmp = exp->sorted[0];
		exp->sorted[0] = exp->sorted[i];
		exp->sorted[i] = tmp;
		pe_sift(exp->sorted, exp->list, 0, i);
	}
}

static const struct pe_export_info *pe_exports_find(const struct pe_exports *exp,
						    const char *name, unsigned int ordinal)
{
	unsigned int lo = 0, hi = exp->nnamed;
	u32 slot;

	if (!name) {
		slot = ordinal - exp->ord_base;
		if (slot >= exp->nfuncs || !exp->by_slot[slot])
			return NULL;
		return &exp->list[exp->by_slot[slot] - 1];
	}
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct pe_export_info *e = &exp->list[exp->sorted[mid]];
		int cmp = strcmp(name, e->name);

		if (!cmp)
			return e;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The next export on a forwarder chain that stays inside the image, or NULL. */
static const struct pe_export_info *pe_self_forward(const struct pe_exports *exp,
						    const char *self,
						    const struct pe_export_info *e)
{
	unsigned int ord = 0;
	const char *sym;
	size_t len;

	if (!e->forward || !pe_forward_split(e->forward, '.', &len, &sym, &ord))
		return NULL;
	if (!pe_name_is_dll(self, e->forward, len) &&
	    !(exp->dll_name && pe_name_is_dll(exp->dll_name, e->forward, len)))
		return NULL;
	return pe_exports_find(exp, sym, ord);
}

static const char *pe_exp_label(const struct pe_export_info *e, char *buf, size_t len)
{
	if (e->name)
		return e->name;
	snprintf(buf, len, "#%u", e->ordinal);
	return buf;
}

static int pe_exp_check_loops(const struct pe_ctx *c, const struct pe_exports *exp)
{
	const struct pe_export_info *path[PE_FORWARD_MAX + 2];
	unsigned int i, n, k;
	char lbl[16];

	for (i = 0; i < exp->count; i++) {
		path[0] = &exp->list[i];
		for (n = 1; n < PE_FORWARD_MAX + 2; n++) {
			path[n] = pe_self_forward(exp, c->name, path[n - 1]);
			if (!path[n])
				break;
			for (k = 0; k < n && path[k] != path[n]; k++)
				;
			if (k < n || n == PE_FORWARD_MAX + 1) {
				struct pe_buf b = { .s = c->err, .size = c->errlen };

				pe_buf_add(&b, "%s: export %s: forwarder loop: ", c->name,
					   pe_exp_label(path[0], lbl, sizeof(lbl)));
				for (k = 0; k <= n; k++)
					pe_buf_add(&b, "%s%s", k ? " -> " : "",
						   pe_exp_label(path[k], lbl, sizeof(lbl)));
				return -ENOEXEC;
			}
		}
	}
	return 0;
}

int pe_exports_read(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
		    struct pe_exports *exp)
{
	struct pe_exp_dir x = { 0 };
	u32 slots;
	int ret;

	memset(exp, 0, sizeof(*exp));
	if (!h->dirs[PE_DIR_EXPORT].rva)
		return 0;
	ret = pe_exp_header(c, v, &h->dirs[PE_DIR_EXPORT], &x, &exp->dll_name);
	if (ret)
		return ret;
	exp->ord_base = x.ord_base;
	exp->nfuncs = x.nfuncs;
	/*
	 * One entry per name plus one per unnamed non-empty slot; several
	 * names may share a slot, so that can exceed nfuncs.
	 */
	slots = x.nfuncs ? x.nfuncs : 1;
	exp->list = pe_os_zalloc((slots + x.nnames) * sizeof(*exp->list));
	exp->sorted = pe_os_zalloc((x.nnames ? x.nnames : 1) * sizeof(*exp->sorted));
	exp->by_slot = pe_os_zalloc(slots * sizeof(*exp->by_slot));
	if (!exp->list || !exp->sorted || !exp->by_slot)
		ret = pe_fail(c, -ENOMEM, "out of memory for %u exports", x.nfuncs);
	if (!ret)
		ret = pe_exp_fill(c, v, &x, exp);
	if (!ret) {
		pe_exp_sort(exp);
		ret = pe_exp_check_loops(c, exp);
	}
	if (ret)
		pe_exports_release(exp);
	return ret;
}

void pe_exports_release(struct pe_exports *exp)
{
	pe_os_free(exp->list);
	pe_os_free(exp->sorted);
	pe_os_free(exp->by_slot);
	memset(exp, 0, sizeof(*exp));
}

void *pe_exports_resolve(const struct pe_exports *exp, const struct pe_view *v,
			 const char *self, const struct pe_export_dll *dlls, unsigned int ndlls,
			 const char *name, unsigned int ordinal)
{
	const struct pe_export_info *e = pe_exports_find(exp, name, ordinal);
	const struct pe_export_info *next;
	unsigned int hop, ord = 0;
	const char *sym;
	size_t len;
	void *addr;

	/* pe_exports_read() refused loops, so this chain ends. */
	for (hop = 0; e && e->forward && hop <= PE_FORWARD_MAX; hop++) {
		next = pe_self_forward(exp, self, e);
		if (!next)
			break;
		e = next;
	}
	if (!e)
		return NULL;
	if (!e->forward)
		return v->base + e->rva;
	if (!pe_forward_split(e->forward, '.', &len, &sym, &ord))
		return NULL;
	if (pe_dll_resolve(dlls, ndlls, e->forward, len, sym, ord, PE_NO_HINT, &addr))
		return NULL;
	return addr;
}
