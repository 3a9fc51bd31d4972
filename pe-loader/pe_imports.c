// SPDX-License-Identifier: GPL-2.0
/*
 * pe_imports.c - read the import directory into a list of DLLs and the
 * names or ordinals wanted from each, validating every descriptor, thunk
 * and name on the way.  Nothing is resolved here (see pe_link.c).
 *
 * The walk runs twice with the same checks: once to count, once to fill
 * the arrays allocated in between.
 */
#include "pe-loader/pe_internal.h"

/* Return 1 at the end of the thunk list, 0 with *out filled, or an error. */
static int pe_import_decode(const struct pe_ctx *c, const struct pe_hdr *h,
			    const struct pe_view *v, const char *dll, u32 ilt, u32 iat,
			    u32 j, struct pe_import_info *out)
{
	u32 ts = h->i.pe32plus ? 8 : 4;
	u64 ord_flag = h->i.pe32plus ? 1ull << 63 : 1ull << 31;
	u64 at = (u64)j * ts, value;
	const char *name;
	int ret;

	if (ilt > v->size || at + ts > v->size - ilt)
		return pe_fail(c, -ENOEXEC, "%s: import lookup table at RVA 0x%x runs past the image",
			       dll, ilt);
	if (iat > v->size || at + ts > v->size - iat)
		return pe_fail(c, -ENOEXEC, "%s: import address table at RVA 0x%x runs past the image",
			       dll, iat);
	value = h->i.pe32plus ? pe_le64(v->base + ilt + at) : pe_le32(v->base + ilt + at);
	if (!value)
		return 1;

	out->iat_rva = (u32)(iat + at);
	if (value & ord_flag) {
		if (value & (ord_flag - 1) & ~0xffffull)
			return pe_fail(c, -ENOEXEC, "%s: import %u: ordinal thunk 0x%llx has reserved bits set",
				       dll, j, (unsigned long long)value);
		if (!(value & 0xffff))
			return pe_fail(c, -ENOEXEC, "%s: import %u: ordinal 0", dll, j);
		out->name = NULL;
		out->ordinal = (u16)value;
		return 0;
	}
	if (value >= v->size - 1)
		return pe_fail(c, -ENOEXEC, "%s: import %u: hint/name RVA 0x%llx outside the image",
			       dll, j, (unsigned long long)value);
	ret = pe_view_str(v, (u32)value + 2, PE_MAX_NAME, &name);
	if (ret == PE_STR_UNTERMINATED || ret == PE_STR_OUTSIDE)
		return pe_fail(c, -ENOEXEC, "%s: import %u: name at RVA 0x%llx not terminated within %u bytes",
			       dll, j, (unsigned long long)value + 2, PE_MAX_NAME);
	if (ret == PE_STR_EMPTY)
		return pe_fail(c, -ENOEXEC, "%s: import %u: empty name", dll, j);
	out->name = name;
	out->hint = pe_le16(v->base + value);
	return 0;
}

static int pe_import_dll_name(const struct pe_ctx *c, const struct pe_view *v, u32 i,
			      u32 name_rva, const char **dll)
{
	int ret = pe_view_str(v, name_rva, PE_MAX_NAME, dll);

	if (ret == PE_STR_OUTSIDE)
		return pe_fail(c, -ENOEXEC, "import descriptor %u: DLL name RVA 0x%x outside the image",
			       i, name_rva);
	if (ret == PE_STR_UNTERMINATED)
		return pe_fail(c, -ENOEXEC, "import descriptor %u: DLL name not terminated within %u bytes",
			       i, PE_MAX_NAME);
	if (ret == PE_STR_EMPTY)
		return pe_fail(c, -ENOEXEC, "import descriptor %u: empty DLL name", i);
	return 0;
}

/*
 * One pass over all descriptors.  With imp->all NULL it only counts
 * (imp->ndlls, imp->nall); otherwise it fills the arrays.
 */
static int pe_imports_walk(const struct pe_ctx *c, const struct pe_hdr *h,
			   const struct pe_view *v, struct pe_imports *imp)
{
	u32 dir = h->dirs[PE_DIR_IMPORT].rva;
	struct pe_import_info scratch;
	unsigned int nall = 0;
	u32 i, j;
	int ret;

	for (i = 0;; i++) {
		u64 at = (u64)dir + (u64)i * PE_IMP_DESC_SIZE;
		const u8 *desc;
		const char *dll;
		u32 ilt, iat, name_rva;

		if (at + PE_IMP_DESC_SIZE > v->size)
			return pe_fail(c, -ENOEXEC, "import descriptors run past the end of the image");
		desc = v->base + at;
		name_rva = pe_le32(desc + PE_IMP_NAME);
		iat = pe_le32(desc + PE_IMP_IAT);
		if (!name_rva && !iat)
			break;
		if (i >= PE_MAX_IMPORT_DLLS)
			return pe_fail(c, -ENOEXEC, "more than %u import descriptors", PE_MAX_IMPORT_DLLS);
		ret = pe_import_dll_name(c, v, i, name_rva, &dll);
		if (ret)
			return ret;
		if (!iat)
			return pe_fail(c, -ENOEXEC, "%s: import address table RVA is zero", dll);
		ilt = pe_le32(desc + PE_IMP_ILT);
		if (!ilt)
			ilt = iat;	/* old linkers: names only in the IAT */

		if (imp->all) {
			imp->dlls[i].dll = dll;
			imp->dlls[i].imports = &imp->all[nall];
		}
		for (j = 0;; j++) {
			struct pe_import_info *out = imp->all ? &imp->all[nall] : &scratch;

			if (nall >= PE_MAX_IMPORTS)
				return pe_fail(c, -ENOEXEC, "more than %u imports", PE_MAX_IMPORTS);
			ret = pe_import_decode(c, h, v, dll, ilt, iat, j, out);
			if (ret < 0)
				return ret;
			if (ret)
				break;
			nall++;
		}
		if (imp->all)
			imp->dlls[i].count = j;
	}
	imp->ndlls = i;
	imp->nall = nall;
	return 0;
}

int pe_imports_read(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
		    struct pe_imports *imp)
{
	int ret;

	memset(imp, 0, sizeof(*imp));
	if (!h->dirs[PE_DIR_IMPORT].rva)
		return 0;
	ret = pe_imports_walk(c, h, v, imp);
	if (ret || !imp->ndlls)
		return ret;
	imp->dlls = pe_os_zalloc(imp->ndlls * sizeof(*imp->dlls));
	imp->all = pe_os_zalloc((imp->nall ? imp->nall : 1) * sizeof(*imp->all));
	if (!imp->dlls || !imp->all) {
		pe_imports_release(imp);
		return pe_fail(c, -ENOMEM, "out of memory for %u imports", imp->nall);
	}
	ret = pe_imports_walk(c, h, v, imp);
	if (ret)
		pe_imports_release(imp);
	return ret;
}

void pe_imports_release(struct pe_imports *imp)
{
	pe_os_free(imp->dlls);
	pe_os_free(imp->all);
	memset(imp, 0, sizeof(*imp));
}
