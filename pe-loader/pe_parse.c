// SPDX-License-Identifier: GPL-2.0
/*
 * pe_parse.c - the parse-only API for tools (`vpwrap inspect`): the same
 * validation as pe_load() on a plain, never executable copy of the image,
 * without relocating or linking it.
 */
#include "pe-loader/pe_internal.h"

/* pe_info first, so pe_info_free() can get back to the whole. */
struct pe_parsed {
	struct pe_info info;
	struct pe_hdr hdr;
	struct pe_imports imp;
	struct pe_exports exp;
	u8 *base;
	size_t map_size;
};

static void pe_info_headers(struct pe_info *i, const struct pe_hdr *h)
{
	i->hdr = h->i;
	i->nsections = h->nsections;
	i->sections = h->sections;
	i->has_reloc_dir = h->dirs[PE_DIR_BASERELOC].rva != 0;
}

/* The directories, in the order pe_load() reads them. */
static int pe_parse_dirs(const struct pe_ctx *c, struct pe_parsed *pp)
{
	struct pe_view v = { .base = pp->base, .size = pp->hdr.i.size_of_image };
	struct pe_info *i = &pp->info;
	u8 *cookie;
	int ret;

	ret = pe_relocs_apply(c, &pp->hdr, &v, pp->hdr.i.image_base, &i->nrelocs);
	if (ret)
		return ret;
	ret = pe_imports_read(c, &pp->hdr, &v, &pp->imp);
	if (ret)
		return ret;
	i->ndlls = pp->imp.ndlls;
	i->dlls = pp->imp.dlls;
	ret = pe_cookie_find(c, &pp->hdr, &v, pp->hdr.i.image_base, &cookie);
	if (ret)
		return ret;
	if (cookie) {
		i->has_cookie = true;
		i->cookie = pp->hdr.i.pe32plus ? pe_le64(cookie) : pe_le32(cookie);
	}
	ret = pe_exports_read(c, &pp->hdr, &v, &pp->exp);
	if (ret)
		return ret;
	i->export_name = pp->exp.dll_name;
	i->nexports = pp->exp.count;
	i->exports = pp->exp.list;
	ret = pe_pdata_check(c, &pp->hdr, &v, &i->pdata_count);
	if (!ret && i->pdata_count)
		i->pdata_rva = pp->hdr.dirs[PE_DIR_EXCEPTION].rva;
	return ret;
}

int pe_parse(const char *name, const void *data, size_t len,
	     struct pe_info **out, char *err, size_t errlen)
{
	struct pe_ctx c = { .name = name ? name : "image", .err = err, .errlen = errlen };
	struct pe_parsed *pp;
	struct pe_hdr h;
	int ret;

	*out = NULL;
	if (err && errlen)
		err[0] = '\0';
	ret = pe_headers_parse(&c, data ? data : "", data ? len : 0, &h);
	if (ret)
		return ret;
	pp = pe_os_zalloc(sizeof(*pp));
	if (!pp) {
		pe_headers_release(&h);
		return pe_fail(&c, -ENOMEM, "out of memory");
	}
	pp->hdr = h;
	pe_info_headers(&pp->info, &pp->hdr);
	*out = &pp->info;

	pp->map_size = pe_map_size(&pp->hdr);
	pp->base = pe_os_image_alloc(pp->map_size);
	if (!pp->base)
		return pe_fail(&c, -ENOMEM, "cannot allocate 0x%zx bytes for the image", pp->map_size);
	pe_map_copy(&pp->hdr, data, pp->base);
	return pe_parse_dirs(&c, pp);
}

void pe_info_free(struct pe_info *info)
{
	struct pe_parsed *pp = (struct pe_parsed *)info;

	if (!pp)
		return;
	pe_exports_release(&pp->exp);
	pe_imports_release(&pp->imp);
	pe_headers_release(&pp->hdr);
	if (pp->base)
		pe_os_image_free(pp->base, pp->map_size);
	pe_os_free(pp);
}
