// SPDX-License-Identifier: GPL-2.0
/*
 * pe_load.c - pe_load(): validate, map, relocate, link, protect; the
 * accessors on a loaded image and the symbolizer.
 */
#include "pe-loader/pe_internal.h"

static const char *pe_basename(const char *name)
{
	const char *slash = strrchr(name, '/');

	return slash ? slash + 1 : name;
}

static char *pe_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = pe_os_zalloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

/* Where the image landed decides whether it can be relocated at all. */
static int pe_check_placement(const struct pe_ctx *c, const struct pe_image *img)
{
	const struct pe_hdr *h = &img->hdr;
	u64 base = (uintptr_t)img->base;

	if (!h->i.pe32plus && base + h->i.size_of_image > 0x100000000ull)
		return pe_fail(c, -EOPNOTSUPP, "i386 image mapped at 0x%llx, above 4 GiB: its 32-bit addresses cannot reach it",
			       (unsigned long long)base);
	if ((h->i.characteristics & PE_FILE_RELOCS_STRIPPED) && base != h->i.image_base)
		return pe_fail(c, -EOPNOTSUPP, "relocations stripped and the image cannot stay at its base 0x%llx",
			       (unsigned long long)h->i.image_base);
	return 0;
}

/* Everything after the copy: the steps that write into the image, then protect it. */
static int pe_fixup(const struct pe_ctx *c, struct pe_image *img, const struct pe_load_params *p)
{
	const struct pe_hdr *h = &img->hdr;
	struct pe_view v = { .base = img->base, .size = h->i.size_of_image };
	struct pe_imports imp;
	unsigned int nrelocs;
	int ret;

	ret = pe_check_placement(c, img);
	if (!ret)
		ret = pe_relocs_apply(c, h, &v, (uintptr_t)img->base, &nrelocs);
	if (ret)
		return ret;
	ret = pe_imports_read(c, h, &v, &imp);
	if (ret)
		return ret;
	ret = pe_link(c, h, &v, &imp, p);
	pe_imports_release(&imp);
	if (!ret)
		ret = pe_cookie_find(c, h, &v, (uintptr_t)img->base, &img->cookie);
	if (ret)
		return ret;
	if (img->cookie)
		pe_cookie_init(h, img->cookie);
	/*
	 * Exports are read after every write into the image, so the names
	 * validated here are the bytes that stay.
	 */
	ret = pe_exports_read(c, h, &v, &img->exports);
	if (!ret)
		ret = pe_pdata_check(c, h, &v, &img->pdata_count);
	if (!ret)
		ret = pe_map_protect(c, h, img->base, p->flags);
	return ret;
}

int pe_load(const struct pe_load_params *p, struct pe_image **out)
{
	struct pe_ctx c = {
		.name = p->name ? p->name : "image",
		.err = p->err,
		.errlen = p->errlen,
	};
	struct pe_image *img;
	int ret;

	*out = NULL;
	if (p->err && p->errlen)
		p->err[0] = '\0';
	img = pe_os_zalloc(sizeof(*img));
	if (!img)
		return pe_fail(&c, -ENOMEM, "out of memory");
	img->name = pe_strdup(c.name);
	if (!img->name) {
		ret = pe_fail(&c, -ENOMEM, "out of memory");
		goto fail;
	}
	ret = pe_headers_parse(&c, p->data ? p->data : "", p->data ? p->len : 0, &img->hdr);
	if (ret)
		goto fail;
	img->map_size = pe_map_size(&img->hdr);
	img->base = pe_os_image_alloc(img->map_size);
	if (!img->base) {
		ret = pe_fail(&c, -ENOMEM, "cannot allocate 0x%zx bytes for the image", img->map_size);
		goto fail;
	}
	pe_map_copy(&img->hdr, p->data, img->base);
	img->dlls = p->dlls;
	img->ndlls = p->ndlls;
	ret = pe_fixup(&c, img, p);
	if (ret)
		goto fail;
	*out = img;
	return 0;
fail:
	pe_unload(img);
	return ret;
}

void pe_unload(struct pe_image *img)
{
	if (!img)
		return;
	if (img->base)
		pe_os_image_free(img->base, img->map_size);
	pe_exports_release(&img->exports);
	pe_headers_release(&img->hdr);
	pe_os_free(img->name);
	pe_os_free(img);
}

void *pe_entry_point(const struct pe_image *img)
{
	return img->hdr.i.entry_rva ? img->base + img->hdr.i.entry_rva : NULL;
}

void *pe_image_base(const struct pe_image *img)
{
	return img->base;
}

size_t pe_image_size(const struct pe_image *img)
{
	return img->hdr.i.size_of_image;
}

unsigned int pe_image_machine(const struct pe_image *img)
{
	return img->hdr.i.machine;
}

const char *pe_image_name(const struct pe_image *img)
{
	return img->name;
}

static void *pe_image_lookup(const struct pe_image *img, const char *name, unsigned int ordinal)
{
	struct pe_view v = { .base = img->base, .size = img->hdr.i.size_of_image };

	return pe_exports_resolve(&img->exports, &v, img->name, img->dlls, img->ndlls,
				  name, ordinal);
}

void *pe_image_export(const struct pe_image *img, const char *name)
{
	return name ? pe_image_lookup(img, name, 0) : NULL;
}

void *pe_image_export_ordinal(const struct pe_image *img, unsigned int ordinal)
{
	return pe_image_lookup(img, NULL, ordinal);
}

const void *pe_image_pdata(const struct pe_image *img, unsigned int *count)
{
	*count = img->pdata_count;
	return img->pdata_count ? img->base + img->hdr.dirs[PE_DIR_EXCEPTION].rva : NULL;
}

void *pe_image_cookie(const struct pe_image *img)
{
	return img->cookie;
}

int pe_symbolize(const struct pe_image *img, const void *addr, char *buf, size_t len)
{
	const u8 *a = addr;

	if (a < img->base || a >= img->base + img->hdr.i.size_of_image)
		return -ERANGE;
	snprintf(buf, len, "%s+0x%lx", pe_basename(img->name), (unsigned long)(a - img->base));
	return 0;
}
