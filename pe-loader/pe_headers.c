// SPDX-License-Identifier: GPL-2.0
/*
 * pe_headers.c - validate the DOS header, the NT headers, the section table
 * and the data directories of an untrusted file, before anything is mapped.
 *
 * All arithmetic on file values is done in 64 bits or checked against the
 * file length first, so no check can be bypassed by wrapping around.
 */
#include "pe-loader/pe_internal.h"

static const char *const pe_dir_names[PE_NDIRS] = {
	"export", "import", "resource", "exception", "security", "base relocation",
	"debug", "architecture", "global pointer", "TLS", "load config",
	"bound import", "IAT", "delay import", "CLR", "reserved",
};

const char *pe_dir_name(unsigned int index)
{
	return index < PE_NDIRS ? pe_dir_names[index] : "unknown";
}

static bool pe_is_pow2(u32 x)
{
	return x && !(x & (x - 1));
}

static u64 pe_align_up(u64 x, u32 align)
{
	return (x + align - 1) & ~(u64)(align - 1);
}

/* Returns the offset of the "PE\0\0" signature. */
static int pe_check_dos(const struct pe_ctx *c, const u8 *data, size_t len, u32 *nt_off)
{
	u32 lfanew;

	if (!len)
		return pe_fail(c, -ENOEXEC, "file is empty");
	if (len < PE_DOS_SIZE)
		return pe_fail(c, -ENOEXEC, "file too short for a DOS header (%zu bytes)", len);
	if (pe_le16(data) != PE_DOS_MAGIC)
		return pe_fail(c, -ENOEXEC, "no MZ signature");
	lfanew = pe_le32(data + PE_DOS_LFANEW);
	if (lfanew > len || len - lfanew < 4)
		return pe_fail(c, -ENOEXEC, "e_lfanew 0x%x points past the end of the file (0x%zx bytes)",
			       lfanew, len);
	if (pe_le32(data + lfanew) != PE_NT_SIGNATURE)
		return pe_fail(c, -ENOEXEC, "no PE signature at e_lfanew 0x%x", lfanew);
	if (len - lfanew < PE_FH_OFFSET + PE_FH_SIZE)
		return pe_fail(c, -ENOEXEC, "file ends inside the COFF file header (0x%zx bytes)", len);
	*nt_off = lfanew;
	return 0;
}

static const char *pe_machine_name(unsigned int machine)
{
	return machine == PE_MACHINE_AMD64 ? "AMD64" : "i386";
}

static int pe_check_file_header(const struct pe_ctx *c, const u8 *fh, struct pe_hdr *h)
{
	h->i.machine = pe_le16(fh + PE_FH_MACHINE);
	h->nsections = pe_le16(fh + PE_FH_NSECTIONS);
	h->i.timestamp = pe_le32(fh + PE_FH_TIMESTAMP);
	h->i.characteristics = pe_le16(fh + PE_FH_CHARACTERISTICS);

	if (h->i.machine != PE_MACHINE_AMD64 && h->i.machine != PE_MACHINE_I386)
		return pe_fail(c, -EOPNOTSUPP, "unsupported machine 0x%x (only AMD64 and i386)",
			       h->i.machine);
	if (!(h->i.characteristics & PE_FILE_EXECUTABLE))
		return pe_fail(c, -ENOEXEC, "IMAGE_FILE_EXECUTABLE_IMAGE not set: not a linked image");
	if (!h->nsections)
		return pe_fail(c, -ENOEXEC, "no sections");
	if (h->nsections > PE_MAX_SECTIONS)
		return pe_fail(c, -ENOEXEC, "%u sections (cap %u)", h->nsections, PE_MAX_SECTIONS);
	return 0;
}

static int pe_check_dirs_fit(const struct pe_ctx *c, const u8 *opt, u32 opt_size,
			     struct pe_hdr *h)
{
	u32 dirs_off = h->i.pe32plus ? PE64_OPT_DIRS : PE32_OPT_DIRS;
	u32 ndirs = pe_le32(opt + (h->i.pe32plus ? PE64_OPT_NDIRS : PE32_OPT_NDIRS));
	unsigned int i;

	if (ndirs > (opt_size - dirs_off) / 8)
		return pe_fail(c, -ENOEXEC, "NumberOfRvaAndSizes %u does not fit in SizeOfOptionalHeader %u",
			       ndirs, opt_size);
	/* Entries past the 16 defined ones carry nothing Windows reads. */
	for (i = 0; i < ndirs && i < PE_NDIRS; i++) {
		h->dirs[i].rva = pe_le32(opt + dirs_off + 8 * i);
		h->dirs[i].size = pe_le32(opt + dirs_off + 8 * i + 4);
	}
	return 0;
}

static int pe_check_optional(const struct pe_ctx *c, const u8 *data, size_t len,
			     size_t opt_off, u32 opt_size, struct pe_hdr *h)
{
	const u8 *opt = data + opt_off;
	u16 magic;

	if (opt_size < 2)
		return pe_fail(c, -ENOEXEC, "SizeOfOptionalHeader %u too small", opt_size);
	if (len - opt_off < opt_size)
		return pe_fail(c, -ENOEXEC, "file ends inside the optional header (needs 0x%zx bytes, has 0x%zx)",
			       opt_off + opt_size, len);
	magic = pe_le16(opt + PE_OPT_MAGIC);
	if (magic != PE32_MAGIC && magic != PE64_MAGIC)
		return pe_fail(c, -ENOEXEC, "optional header magic 0x%x is neither PE32 (0x10b) nor PE32+ (0x20b)",
			       magic);
	h->i.pe32plus = magic == PE64_MAGIC;
	if (h->i.pe32plus != (h->i.machine == PE_MACHINE_AMD64))
		return pe_fail(c, -ENOEXEC, "machine %s does not match optional header magic 0x%x",
			       pe_machine_name(h->i.machine), magic);
	if (opt_size < (h->i.pe32plus ? PE64_OPT_DIRS : PE32_OPT_DIRS))
		return pe_fail(c, -ENOEXEC, "SizeOfOptionalHeader %u too small for a %s optional header",
			       opt_size, h->i.pe32plus ? "PE32+" : "PE32");

	h->i.entry_rva = pe_le32(opt + PE_OPT_ENTRY);
	h->i.section_alignment = pe_le32(opt + PE_OPT_SECTION_ALIGN);
	h->i.file_alignment = pe_le32(opt + PE_OPT_FILE_ALIGN);
	h->i.size_of_image = pe_le32(opt + PE_OPT_SIZE_OF_IMAGE);
	h->i.size_of_headers = pe_le32(opt + PE_OPT_SIZE_OF_HEADERS);
	h->i.checksum = pe_le32(opt + PE_OPT_CHECKSUM);
	h->i.subsystem = pe_le16(opt + PE_OPT_SUBSYSTEM);
	h->i.dll_characteristics = pe_le16(opt + PE_OPT_DLL_CHARS);
	h->i.image_base = h->i.pe32plus ? pe_le64(opt + PE64_OPT_IMAGE_BASE) :
				      pe_le32(opt + PE32_OPT_IMAGE_BASE);

	if (!pe_is_pow2(h->i.section_alignment))
		return pe_fail(c, -ENOEXEC, "SectionAlignment 0x%x is not a power of two",
			       h->i.section_alignment);
	if (!pe_is_pow2(h->i.file_alignment) || h->i.file_alignment > h->i.section_alignment)
		return pe_fail(c, -ENOEXEC, "FileAlignment 0x%x is not a power of two up to SectionAlignment 0x%x",
			       h->i.file_alignment, h->i.section_alignment);
	if (!h->i.size_of_image)
		return pe_fail(c, -ENOEXEC, "SizeOfImage is zero");
	if (h->i.size_of_image > PE_MAX_IMAGE_SIZE)
		return pe_fail(c, -ENOEXEC, "SizeOfImage 0x%x exceeds the cap 0x%x",
			       h->i.size_of_image, PE_MAX_IMAGE_SIZE);
	if (h->i.size_of_headers > len)
		return pe_fail(c, -ENOEXEC, "SizeOfHeaders 0x%x past the end of the file (0x%zx bytes)",
			       h->i.size_of_headers, len);
	if (h->i.size_of_headers > h->i.size_of_image)
		return pe_fail(c, -ENOEXEC, "SizeOfHeaders 0x%x exceeds SizeOfImage 0x%x",
			       h->i.size_of_headers, h->i.size_of_image);
	if (h->i.image_base & 0xffff)
		return pe_fail(c, -ENOEXEC, "ImageBase 0x%llx is not 64 KiB aligned",
			       (unsigned long long)h->i.image_base);
	return pe_check_dirs_fit(c, opt, opt_size, h);
}

static int pe_check_section(const struct pe_ctx *c, const struct pe_hdr *h, size_t len,
			    const struct pe_section_info *s, u64 *prev_end,
			    const char *prev_name)
{
	u64 end = (u64)s->rva + s->vsize;
	u32 copy = s->raw_size < s->vsize ? s->raw_size : s->vsize;

	if (s->rva & (h->i.section_alignment - 1))
		return pe_fail(c, -ENOEXEC, "section %s: RVA 0x%x not aligned to SectionAlignment 0x%x",
			       s->name, s->rva, h->i.section_alignment);
	if (s->rva < h->i.size_of_headers)
		return pe_fail(c, -ENOEXEC, "section %s at RVA 0x%x overlaps the headers (SizeOfHeaders 0x%x)",
			       s->name, s->rva, h->i.size_of_headers);
	if (s->rva < *prev_end)
		return pe_fail(c, -ENOEXEC, "section %s at RVA 0x%x overlaps section %s (ends at 0x%llx)",
			       s->name, s->rva, prev_name, (unsigned long long)*prev_end);
	if (end > h->i.size_of_image)
		return pe_fail(c, -ENOEXEC, "section %s ends at 0x%llx, past SizeOfImage 0x%x",
			       s->name, (unsigned long long)end, h->i.size_of_image);
	if (copy && (s->raw_offset > len || copy > len - s->raw_offset))
		return pe_fail(c, -ENOEXEC, "section %s: raw data [0x%x+0x%x] past the end of the file (0x%zx bytes)",
			       s->name, s->raw_offset, copy, len);
	*prev_end = pe_align_up(end, h->i.section_alignment);
	return 0;
}

static int pe_check_sections(const struct pe_ctx *c, const u8 *data, size_t len,
			     size_t sec_off, struct pe_hdr *h)
{
	size_t table = (size_t)h->nsections * PE_SH_SIZE;
	u64 prev_end = 0;
	unsigned int i;
	int ret;

	if (sec_off > len || len - sec_off < table)
		return pe_fail(c, -ENOEXEC, "file ends inside the section table (%u sections at 0x%zx)",
			       h->nsections, sec_off);
	if (sec_off + table > h->i.size_of_headers)
		return pe_fail(c, -ENOEXEC, "section table ends at 0x%zx, past SizeOfHeaders 0x%x",
			       sec_off + table, h->i.size_of_headers);

	h->sections = pe_os_zalloc(h->nsections * sizeof(*h->sections));
	if (!h->sections)
		return pe_fail(c, -ENOMEM, "out of memory for %u section headers", h->nsections);

	for (i = 0; i < h->nsections; i++) {
		const u8 *sh = data + sec_off + (size_t)i * PE_SH_SIZE;
		struct pe_section_info *s = &h->sections[i];

		memcpy(s->name, sh, 8);
		s->name[8] = '\0';
		s->rva = pe_le32(sh + PE_SH_RVA);
		s->vsize = pe_le32(sh + PE_SH_VSIZE);
		s->raw_size = pe_le32(sh + PE_SH_RAW_SIZE);
		s->raw_offset = pe_le32(sh + PE_SH_RAW_PTR);
		s->characteristics = pe_le32(sh + PE_SH_CHARACTERISTICS);
		if (!s->vsize)
			s->vsize = s->raw_size;
		ret = pe_check_section(c, h, len, s, &prev_end, i ? h->sections[i - 1].name : "");
		if (ret)
			return ret;
	}
	return 0;
}

static int pe_check_entry(const struct pe_ctx *c, const struct pe_hdr *h)
{
	unsigned int i;

	if (!h->i.entry_rva)
		return 0;	/* no entry point: a pure resource or export image */
	if (h->i.entry_rva >= h->i.size_of_image)
		return pe_fail(c, -ENOEXEC, "entry point RVA 0x%x outside the image (SizeOfImage 0x%x)",
			       h->i.entry_rva, h->i.size_of_image);
	for (i = 0; i < h->nsections; i++) {
		const struct pe_section_info *s = &h->sections[i];

		if (h->i.entry_rva >= s->rva && h->i.entry_rva - s->rva < s->vsize &&
		    (s->characteristics & (PE_SCN_CNT_CODE | PE_SCN_MEM_EXECUTE)))
			return 0;
	}
	return pe_fail(c, -ENOEXEC, "entry point RVA 0x%x is not in an executable section",
		       h->i.entry_rva);
}

static int pe_check_dirs(const struct pe_ctx *c, const struct pe_hdr *h, size_t len)
{
	unsigned int i;

	for (i = 0; i < PE_NDIRS; i++) {
		const struct pe_dir *d = &h->dirs[i];

		if (i == PE_DIR_SECURITY) {
			/* Authenticode: a file offset, never mapped. */
			if ((u64)d->rva + d->size > len)
				return pe_fail(c, -ENOEXEC, "security directory [0x%x+0x%x] past the end of the file",
					       d->rva, d->size);
			continue;
		}
		if (!d->rva)
			continue;
		if ((u64)d->rva + d->size > h->i.size_of_image)
			return pe_fail(c, -ENOEXEC, "%s directory [0x%x+0x%x] past SizeOfImage 0x%x",
				       pe_dir_name(i), d->rva, d->size, h->i.size_of_image);
	}
	if (h->dirs[PE_DIR_DELAY_IMPORT].rva)
		return pe_fail(c, -EOPNOTSUPP, "delay-load imports are not supported (delay import directory at RVA 0x%x)",
			       h->dirs[PE_DIR_DELAY_IMPORT].rva);
	if (h->dirs[PE_DIR_TLS].rva)
		return pe_fail(c, -EOPNOTSUPP, "TLS directory present: thread-local storage is not supported");
	if (h->dirs[PE_DIR_CLR].rva)
		return pe_fail(c, -EOPNOTSUPP, ".NET (CLR) images are not supported");
	return 0;
}

/*
 * The image checksum Windows computes for kernel images: the file's 16-bit
 * little-endian words (an odd last byte padded with zero) summed with the
 * carry folded back in, the CheckSum field itself counted as zero, plus the
 * file length.  Zero in the header means "not set" and is accepted, as
 * Windows does; anything else must match, or Windows refuses the driver with
 * STATUS_IMAGE_CHECKSUM_MISMATCH.
 */
static u32 pe_file_checksum(const u8 *data, size_t len, size_t field)
{
	u32 sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		if (i >= field && i < field + 4)
			continue;
		sum += pe_le16(data + i);
		sum = (sum & 0xffff) + (sum >> 16);
	}
	if (len & 1) {
		sum += data[len - 1];
		sum = (sum & 0xffff) + (sum >> 16);
	}
	return (sum & 0xffff) + (u32)len;
}

static int pe_check_checksum(const struct pe_ctx *c, const u8 *data, size_t len,
			     size_t opt_off, const struct pe_hdr *h)
{
	u32 sum;

	if (!h->i.checksum)
		return 0;
	sum = pe_file_checksum(data, len, opt_off + PE_OPT_CHECKSUM);
	if (sum != h->i.checksum)
		return pe_fail(c, -ENOEXEC, "CheckSum 0x%x in the optional header does not match the file's checksum 0x%x (Windows refuses it: STATUS_IMAGE_CHECKSUM_MISMATCH)",
			       h->i.checksum, sum);
	return 0;
}

int pe_headers_parse(const struct pe_ctx *c, const u8 *data, size_t len, struct pe_hdr *h)
{
	size_t opt_off;
	u32 nt_off = 0, opt_size;
	int ret;

	memset(h, 0, sizeof(*h));
	ret = pe_check_dos(c, data, len, &nt_off);
	if (ret)
		return ret;
	ret = pe_check_file_header(c, data + nt_off + PE_FH_OFFSET, h);
	if (ret)
		return ret;
	opt_size = pe_le16(data + nt_off + PE_FH_OFFSET + PE_FH_OPT_SIZE);
	opt_off = (size_t)nt_off + PE_FH_OFFSET + PE_FH_SIZE;
	ret = pe_check_optional(c, data, len, opt_off, opt_size, h);
	if (!ret)
		ret = pe_check_sections(c, data, len, opt_off + opt_size, h);
	if (!ret)
		ret = pe_check_entry(c, h);
	if (!ret)
		ret = pe_check_dirs(c, h, len);
	/* last: a structural error names what is wrong more precisely */
	if (!ret)
		ret = pe_check_checksum(c, data, len, opt_off, h);
	if (ret)
		pe_headers_release(h);
	return ret;
}

void pe_headers_release(struct pe_hdr *h)
{
	pe_os_free(h->sections);
	h->sections = NULL;
}
