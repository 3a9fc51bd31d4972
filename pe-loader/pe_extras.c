// SPDX-License-Identifier: GPL-2.0
/*
 * pe_extras.c - two directories the loader must honour without running
 * anything: the x64 exception table (.pdata, located and validated now for
 * unwinding later) and the /GS security cookie in the load config.
 */
#include "pe-loader/pe_internal.h"

int pe_pdata_check(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
		   unsigned int *count)
{
	const struct pe_dir *d = &h->dirs[PE_DIR_EXCEPTION];
	u32 i;

	*count = 0;
	/* i386 images keep their SEH handler table elsewhere. */
	if (!d->rva || !h->i.pe32plus)
		return 0;
	if (d->size % PE_RUNTIME_FUNCTION_SIZE)
		return pe_fail(c, -ENOEXEC, "exception directory size 0x%x is not a multiple of %u",
			       d->size, PE_RUNTIME_FUNCTION_SIZE);
	for (i = 0; i < d->size / PE_RUNTIME_FUNCTION_SIZE; i++) {
		const u8 *rf = v->base + d->rva + i * PE_RUNTIME_FUNCTION_SIZE;
		u32 begin = pe_le32(rf), end = pe_le32(rf + 4), unwind = pe_le32(rf + 8);

		if (begin >= end || end > v->size)
			return pe_fail(c, -ENOEXEC, "exception directory entry %u: range [0x%x, 0x%x) invalid",
				       i, begin, end);
		if (unwind >= v->size)
			return pe_fail(c, -ENOEXEC, "exception directory entry %u: unwind info RVA 0x%x outside the image",
				       i, unwind);
	}
	*count = d->size / PE_RUNTIME_FUNCTION_SIZE;
	return 0;
}

int pe_cookie_find(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
		   u64 base, u8 **cookie)
{
	const struct pe_dir *d = &h->dirs[PE_DIR_LOAD_CONFIG];
	u32 off = h->i.pe32plus ? PE64_LC_COOKIE : PE32_LC_COOKIE;
	u32 width = h->i.pe32plus ? 8 : 4;
	u32 lc_size;
	u64 va, rva;

	*cookie = NULL;
	if (!d->rva)
		return 0;
	if (!pe_range_ok(v, d->rva, 4))
		return pe_fail(c, -ENOEXEC, "load config at RVA 0x%x outside the image", d->rva);
	/* The structure's own Size field says which fields exist. */
	lc_size = pe_le32(v->base + d->rva);
	if (lc_size < off + width)
		return 0;
	if (!pe_range_ok(v, d->rva, off + width))
		return pe_fail(c, -ENOEXEC, "load config of 0x%x bytes at RVA 0x%x runs past the image",
			       lc_size, d->rva);
	va = h->i.pe32plus ? pe_le64(v->base + d->rva + off) : pe_le32(v->base + d->rva + off);
	if (!va)
		return 0;
	rva = va - base;
	if (va < base || rva > v->size - width)
		return pe_fail(c, -ENOEXEC, "load config: security cookie VA 0x%llx outside the image",
			       (unsigned long long)va);
	*cookie = v->base + rva;
	return 0;
}

void pe_cookie_init(const struct pe_hdr *h, u8 *cookie)
{
	u64 def = h->i.pe32plus ? PE64_GS_DEFAULT : PE32_GS_DEFAULT;
	/* MSVC keeps the top 16 bits of a 64-bit cookie clear. */
	u64 mask = h->i.pe32plus ? 0x0000ffffffffffffull : 0xffffffffull;
	u64 val = h->i.pe32plus ? pe_le64(cookie) : pe_le32(cookie);
	unsigned int tries;

	/* A driver that set its own cookie keeps it. */
	if (val && val != def)
		return;
	for (tries = 0; tries < 16; tries++) {
		val = pe_os_random() & mask;
		if (val && val != def)
			break;
	}
	if (!val || val == def)
		val = def ^ 0x5a5a5a5aull;	/* a broken RNG must not leave the default */
	if (h->i.pe32plus)
		pe_put64(cookie, val);
	else
		pe_put32(cookie, (u32)val);
}
