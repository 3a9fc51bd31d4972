// SPDX-License-Identifier: GPL-2.0
/*
 * pe_reloc.c - apply base relocations for the address the image really got.
 *
 * Drivers only ever need the two absolute forms (HIGHLOW for 32-bit
 * addresses, DIR64 for 64-bit ones) plus ABSOLUTE padding; every other type
 * belongs to another architecture and is refused by name.  With no delta
 * the walk still runs, which is how the parse-only API validates and counts.
 */
#include "pe-loader/pe_internal.h"

static const char *const pe_reloc_names[16] = {
	"ABSOLUTE", "HIGH", "LOW", "HIGHLOW", "HIGHADJ", "MIPS_JMPADDR/ARM_MOV32",
	"reserved", "THUMB_MOV32/RISCV_LOW12I", "RISCV_LOW12S", "MIPS_JMPADDR16",
	"DIR64", "reserved", "reserved", "reserved", "reserved", "reserved",
};

static int pe_reloc_one(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
			u64 new_base, unsigned int type, u64 rva)
{
	u32 width = type == PE_REL_DIR64 ? 8 : 4;
	bool moved = new_base != h->i.image_base;
	u8 *p;

	if (type != PE_REL_HIGHLOW && type != PE_REL_DIR64)
		return pe_fail(c, -EOPNOTSUPP, "unsupported relocation type %u (%s) at RVA 0x%llx",
			       type, pe_reloc_names[type], (unsigned long long)rva);
	if (type == PE_REL_DIR64 && !h->i.pe32plus)
		return pe_fail(c, -ENOEXEC, "DIR64 relocation at RVA 0x%llx in a PE32 image",
			       (unsigned long long)rva);
	if (rva > v->size || width > v->size - rva)
		return pe_fail(c, -ENOEXEC, "%s relocation at RVA 0x%llx past SizeOfImage 0x%x",
			       pe_reloc_names[type], (unsigned long long)rva, v->size);
	if (!moved)
		return 0;

	p = v->base + rva;
	if (type == PE_REL_DIR64) {
		pe_put64(p, pe_le64(p) - h->i.image_base + new_base);
	} else {
		u64 target = (u64)pe_le32(p) - h->i.image_base + new_base;

		if (target > 0xffffffffull)
			return pe_fail(c, -EOPNOTSUPP, "HIGHLOW relocation at RVA 0x%llx cannot reach an image at 0x%llx",
				       (unsigned long long)rva, (unsigned long long)new_base);
		pe_put32(p, (u32)target);
	}
	return 0;
}

static int pe_reloc_block(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
			  u64 new_base, const u8 *block, u32 block_size, unsigned int *count)
{
	u32 page = pe_le32(block);
	u32 i;
	int ret;

	if (page >= v->size)
		return pe_fail(c, -ENOEXEC, "relocation block page RVA 0x%x outside the image", page);
	for (i = PE_RELOC_BLOCK_HDR; i < block_size; i += 2) {
		u16 entry = pe_le16(block + i);
		unsigned int type = entry >> 12;

		if (type == PE_REL_ABSOLUTE)
			continue;
		ret = pe_reloc_one(c, h, v, new_base, type, (u64)page + (entry & 0xfff));
		if (ret)
			return ret;
		(*count)++;
	}
	return 0;
}

int pe_relocs_apply(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
		    u64 new_base, unsigned int *count)
{
	const struct pe_dir *d = &h->dirs[PE_DIR_BASERELOC];
	u32 off = 0;
	int ret;

	*count = 0;
	if (!d->rva)
		return 0;
	/* pe_headers_parse() checked the directory lies inside the image. */
	while (off < d->size) {
		const u8 *block = v->base + d->rva + off;
		u32 block_size;

		if (d->size - off < PE_RELOC_BLOCK_HDR)
			return pe_fail(c, -ENOEXEC, "relocation directory ends with %u bytes that are not a block",
				       d->size - off);
		block_size = pe_le32(block + 4);
		if (block_size < PE_RELOC_BLOCK_HDR || (block_size & 1))
			return pe_fail(c, -ENOEXEC, "relocation block at offset 0x%x: SizeOfBlock %u invalid",
				       off, block_size);
		if (block_size > d->size - off)
			return pe_fail(c, -ENOEXEC, "relocation block at offset 0x%x: SizeOfBlock %u runs past the directory end 0x%x",
				       off, block_size, d->size);
		ret = pe_reloc_block(c, h, v, new_base, block, block_size, count);
		if (ret)
			return ret;
		off += block_size;
	}
	return 0;
}
