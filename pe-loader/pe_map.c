// SPDX-License-Identifier: GPL-2.0
/*
 * pe_map.c - lay the file out as the image it describes, and give each
 * page the protection its section asks for once the loader is done
 * writing to it.
 */
#include "pe-loader/pe_internal.h"

void pe_map_copy(const struct pe_hdr *h, const u8 *data, u8 *base)
{
	unsigned int i;

	/* pe_headers_parse() checked every range used here. */
	memcpy(base, data, h->i.size_of_headers);
	for (i = 0; i < h->nsections; i++) {
		const struct pe_section_info *s = &h->sections[i];
		u32 copy = s->raw_size < s->vsize ? s->raw_size : s->vsize;

		if (copy)
			memcpy(base + s->rva, data + s->raw_offset, copy);
	}
}

static unsigned int pe_section_prot(const struct pe_section_info *s)
{
	unsigned int prot = PE_PROT_READ;

	if (s->characteristics & (PE_SCN_MEM_EXECUTE | PE_SCN_CNT_CODE))
		prot |= PE_PROT_EXEC;
	if (s->characteristics & PE_SCN_MEM_WRITE)
		prot |= PE_PROT_WRITE;
	if ((prot & PE_PROT_WRITE) && (prot & PE_PROT_EXEC)) {
		/*
		 * Old drivers mark INIT (or a merged .text) writable so the
		 * linker could put import data there.  Only the loader writes
		 * it, and it is done: keep the code, drop the write.
		 */
		pe_os_warn("section %s is writable and executable: mapped read+execute",
			   s->name);
		prot &= ~PE_PROT_WRITE;
	}
	return prot;
}

/* Merge each section's protection into the pages it covers. */
static int pe_page_prots(const struct pe_ctx *c, const struct pe_hdr *h, u8 *prots,
			 unsigned int flags)
{
	unsigned int i, p;
	bool warned = false;

	for (i = 0; i < h->nsections; i++) {
		const struct pe_section_info *s = &h->sections[i];
		unsigned int prot = pe_section_prot(s);

		if (!s->vsize)
			continue;
		for (p = s->rva / PE_PAGE_SIZE; p <= (s->rva + s->vsize - 1) / PE_PAGE_SIZE; p++) {
			unsigned int merged = prots[p] | prot;

			if ((merged & PE_PROT_WRITE) && (merged & PE_PROT_EXEC)) {
				if (!(flags & PE_LOAD_ALLOW_WX))
					return pe_fail(c, -EOPNOTSUPP,
						       "section %s shares page 0x%x with code or data of another kind (SectionAlignment 0x%x): cannot keep W^X",
						       s->name, p * PE_PAGE_SIZE, h->i.section_alignment);
				if (!warned)
					pe_os_warn("%s: pages shared by code and data mapped writable+executable",
						   c->name);
				warned = true;
			}
			prots[p] = (u8)merged;
		}
	}
	return 0;
}

int pe_map_protect(const struct pe_ctx *c, const struct pe_hdr *h, u8 *base, unsigned int flags)
{
	size_t npages = pe_map_size(h) / PE_PAGE_SIZE;
	size_t start, p;
	u8 *prots;
	int ret;

	prots = pe_os_zalloc(npages);
	if (!prots)
		return pe_fail(c, -ENOMEM, "out of memory for the page protection map");
	/* Headers, gaps and the tail stay read-only: prots[] 0 means READ. */
	ret = pe_page_prots(c, h, prots, flags);
	for (start = 0; !ret && start < npages; start = p) {
		unsigned int prot = prots[start] | PE_PROT_READ;

		for (p = start + 1; p < npages && (prots[p] | PE_PROT_READ) == prot; p++)
			;
		ret = pe_os_image_protect(base + start * PE_PAGE_SIZE,
					  (p - start) * PE_PAGE_SIZE, prot);
		if (ret)
			ret = pe_fail(c, ret, "cannot protect pages 0x%zx-0x%zx (error %d)",
				      start * PE_PAGE_SIZE, p * PE_PAGE_SIZE, ret);
	}
	pe_os_free(prots);
	return ret;
}
