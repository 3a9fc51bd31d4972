// SPDX-License-Identifier: GPL-2.0
/*
 * pe_link.c - resolve the image's imports against the DLL export tables we
 * register (struct pe_export_dll), following forwarders between them, and
 * write the import address table.
 *
 * Every import is resolved before anything is written, so an image with
 * unresolved imports is reported with all of them in one message and its
 * IAT is left untouched.  The host may annotate each unresolved name
 * (pe_load_params.unresolved_note), e.g. with why it refuses it.
 */
#include "pe-loader/pe_internal.h"

static const struct pe_export_dll *pe_dll_find(const struct pe_export_dll *dlls,
					       unsigned int ndlls, const char *dll,
					       size_t dll_len)
{
	unsigned int i;

	for (i = 0; i < ndlls; i++)
		if (dlls[i].name && pe_name_is_dll(dlls[i].name, dll, dll_len))
			return &dlls[i];
	return NULL;
}

static const struct pe_export *pe_dll_entry(const struct pe_export_dll *d, const char *name,
					    unsigned int ordinal, u32 hint)
{
	unsigned int i;

	if (name && hint < d->count && d->exports[hint].name &&
	    !strcmp(d->exports[hint].name, name))
		return &d->exports[hint];
	for (i = 0; i < d->count; i++) {
		const struct pe_export *e = &d->exports[i];

		if (name ? e->name && !strcmp(e->name, name) : e->ordinal == ordinal)
			return e;
	}
	return NULL;
}

int pe_dll_resolve(const struct pe_export_dll *dlls, unsigned int ndlls, const char *dll,
		   size_t dll_len, const char *name, unsigned int ordinal, u32 hint,
		   void **addr)
{
	unsigned int hop;

	for (hop = 0; hop <= PE_FORWARD_MAX; hop++) {
		const struct pe_export_dll *d = pe_dll_find(dlls, ndlls, dll, dll_len);
		const struct pe_export *e = d ? pe_dll_entry(d, name, ordinal, hint) : NULL;

		if (!e)
			return -ENOENT;
		if (!e->forward) {
			*addr = e->addr;
			return e->addr ? 0 : -ENOENT;
		}
		dll = e->forward;
		if (!pe_forward_split(e->forward, '!', &dll_len, &name, &ordinal))
			return -ENOENT;
		hint = PE_NO_HINT;
	}
	return -ELOOP;
}

static void pe_add_unresolved(struct pe_buf *b, const struct pe_load_params *p,
			      const struct pe_import_dll_info *dll,
			      const struct pe_import_info *imp, int why, bool first)
{
	const char *note = NULL;

	pe_buf_add(b, "%s%s!", first ? "" : ", ", dll->dll);
	if (imp->name)
		pe_buf_add(b, "%s", imp->name);
	else
		pe_buf_add(b, "#%u", imp->ordinal);
	if (why == -ELOOP)
		pe_buf_add(b, " (forwarder loop)");
	if (imp->name && p->unresolved_note)
		note = p->unresolved_note(dll->dll, imp->name);
	if (note)
		pe_buf_add(b, " (%s)", note);
}

/* All of them, in one message. */
static int pe_report_unresolved(const struct pe_ctx *c, const struct pe_load_params *p,
				const struct pe_imports *imp, void *const *addrs,
				const int *why, unsigned int count)
{
	struct pe_buf b = { .s = c->err, .size = c->errlen };
	unsigned int i, j, k = 0;
	bool first = true;

	pe_buf_add(&b, "%s: %u unresolved import%s: ", c->name, count, count == 1 ? "" : "s");
	for (i = 0; i < imp->ndlls; i++) {
		for (j = 0; j < imp->dlls[i].count; j++, k++) {
			if (addrs[k])
				continue;
			pe_add_unresolved(&b, p, &imp->dlls[i], &imp->dlls[i].imports[j], why[k],
					  first);
			first = false;
		}
	}
	return -ENOENT;
}

static int pe_resolve_all(const struct pe_ctx *c, const struct pe_hdr *h,
			  const struct pe_imports *imp, const struct pe_load_params *p,
			  void **addrs, int *why)
{
	unsigned int i, j, k = 0, missing = 0;

	for (i = 0; i < imp->ndlls; i++) {
		const struct pe_import_dll_info *d = &imp->dlls[i];

		for (j = 0; j < d->count; j++, k++) {
			const struct pe_import_info *e = &d->imports[j];

			why[k] = pe_dll_resolve(p->dlls, p->ndlls, d->dll, strlen(d->dll), e->name,
						e->ordinal, e->name ? e->hint : PE_NO_HINT,
						&addrs[k]);
			if (why[k]) {
				addrs[k] = NULL;
				missing++;
			} else if (!h->i.pe32plus && (uintptr_t)addrs[k] > 0xffffffffu) {
				return pe_fail(c, -EOPNOTSUPP, "i386 image: %s!%s resolves to 0x%llx, above 4 GiB",
					       d->dll, e->name ? e->name : "(ordinal)",
					       (unsigned long long)(uintptr_t)addrs[k]);
			}
		}
	}
	return missing ? pe_report_unresolved(c, p, imp, addrs, why, missing) : 0;
}

int pe_link(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
	    const struct pe_imports *imp, const struct pe_load_params *p)
{
	void **addrs;
	int *why;
	unsigned int k;
	int ret;

	if (!imp->nall)
		return 0;
	addrs = pe_os_zalloc(imp->nall * sizeof(*addrs));
	why = pe_os_zalloc(imp->nall * sizeof(*why));
	if (!addrs || !why) {
		ret = pe_fail(c, -ENOMEM, "out of memory linking %u imports", imp->nall);
		goto out;
	}
	ret = pe_resolve_all(c, h, imp, p, addrs, why);
	if (ret)
		goto out;
	/* pe_imports_read() checked each slot lies inside the image. */
	for (k = 0; k < imp->nall; k++) {
		u8 *slot = v->base + imp->all[k].iat_rva;

		if (h->i.pe32plus)
			pe_put64(slot, (u64)(uintptr_t)addrs[k]);
		else
			pe_put32(slot, (u32)(uintptr_t)addrs[k]);
	}
out:
	pe_os_free(addrs);
	pe_os_free(why);
	return ret;
}
