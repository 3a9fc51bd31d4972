/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pe_loader.h - load Windows PE32/PE32+ images (drivers), and read them
 * without loading.
 *
 * Every image is untrusted: each RVA, size and count is checked against
 * SizeOfImage and the file length before use.  On failure the functions
 * return a negative errno and write one precise message, prefixed by the
 * image name, into the caller's err buffer:
 *
 *   -ENOEXEC     malformed image
 *   -ENOENT      unresolved imports (all of them listed in one message)
 *   -ENOMEM      out of memory
 *   -EOPNOTSUPP  well-formed but uses something we do not support
 *                (delay-load imports, TLS, an unknown relocation type, ...)
 */
#ifndef VPWRAP_PE_LOADER_H
#define VPWRAP_PE_LOADER_H

#include "pe-loader/pe_os.h"

#define PE_MACHINE_I386		0x14c
#define PE_MACHINE_AMD64	0x8664

/*
 * One exported symbol (function or data) of a DLL we provide.
 *
 * @ordinal: 0 if the symbol cannot be imported by ordinal.
 * @forward: NULL, or "other.dll!Name" / "other.dll!#17": the entry is
 *           forwarded to another registered DLL (@addr is then ignored),
 *           the way hal.dll forwards some names to ntoskrnl.exe.  Chains
 *           are followed up to PE_FORWARD_MAX hops; a longer chain is
 *           reported as a forwarder loop.
 * An entry with neither @addr nor @forward never resolves.
 */
struct pe_export {
	const char *name;
	void *addr;
	unsigned short ordinal;
	const char *forward;
};

/* A DLL we provide, e.g. "videoprt.sys"; names compare case-insensitively. */
struct pe_export_dll {
	const char *name;
	const struct pe_export *exports;
	unsigned int count;
};

#define PE_FORWARD_MAX 8

struct pe_image;

/* pe_load_params.flags */
/*
 * Allow a page that is shared by a writable and an executable section
 * (SectionAlignment below the page size, as in old DDK-built drivers) to
 * stay writable+executable.  Without it such images are refused.
 */
#define PE_LOAD_ALLOW_WX	0x1u

struct pe_load_params {
	const char *name;		/* "vpbochs.sys": messages, symbolizer */
	const void *data;		/* the file; not needed after pe_load() */
	size_t len;
	/*
	 * What imports link against.  The tables must outlive the image:
	 * pe_image_export() follows the image's own forwarders through them.
	 */
	const struct pe_export_dll *dlls;
	unsigned int ndlls;
	char *err;			/* one message on failure, may be NULL */
	size_t errlen;
	unsigned int flags;		/* PE_LOAD_* */
	/*
	 * Optional: a note on an unresolved import imported by name (the DLL
	 * as the image spells it), e.g. why the host refuses it by design, or
	 * NULL.  The unresolved-imports message then shows the import as
	 * "dll!name (note)".
	 */
	const char *(*unresolved_note)(const char *dll, const char *name);
};

/*
 * Validate, map (headers and sections at their RVAs), relocate, link, set
 * the /GS cookie and apply page protections (headers RO, code RX,
 * read-only data RO, data RW+NX).  Nothing of the image has run when this
 * returns; on failure nothing is left allocated.
 */
int pe_load(const struct pe_load_params *p, struct pe_image **out);
void pe_unload(struct pe_image *img);

void *pe_entry_point(const struct pe_image *img);	/* NULL if none */
void *pe_image_base(const struct pe_image *img);
size_t pe_image_size(const struct pe_image *img);	/* SizeOfImage */
unsigned int pe_image_machine(const struct pe_image *img);
const char *pe_image_name(const struct pe_image *img);

/*
 * The address of the image's own export @name (NULL if absent).  Exports
 * forwarded to a registered DLL ("HAL.KeFoo") or to another export of the
 * image itself are followed.
 */
void *pe_image_export(const struct pe_image *img, const char *name);
void *pe_image_export_ordinal(const struct pe_image *img, unsigned int ordinal);

/* x64 unwind data: the RUNTIME_FUNCTION array (.pdata), validated. */
struct pe_runtime_function {
	u32 begin_rva;
	u32 end_rva;
	u32 unwind_rva;
};
const void *pe_image_pdata(const struct pe_image *img, unsigned int *count);

/* The /GS cookie in the image (NULL if it has none); already randomised. */
void *pe_image_cookie(const struct pe_image *img);

/* "name.sys+0x1234"; -ERANGE if @addr is outside the image. */
int pe_symbolize(const struct pe_image *img, const void *addr, char *buf, size_t len);

/*
 * Parse-only API for tools: everything pe_load() validates except linking,
 * without executable memory.  Strings point into the info's own copy of
 * the image and live until pe_info_free().
 */

/* Section characteristics worth showing */
#define PE_SCN_CNT_CODE		0x00000020u
#define PE_SCN_CNT_IDATA	0x00000040u
#define PE_SCN_CNT_UDATA	0x00000080u
#define PE_SCN_DISCARDABLE	0x02000000u
#define PE_SCN_NOT_PAGED	0x08000000u
#define PE_SCN_MEM_EXECUTE	0x20000000u
#define PE_SCN_MEM_READ		0x40000000u
#define PE_SCN_MEM_WRITE	0x80000000u

struct pe_section_info {
	char name[9];		/* NUL-terminated */
	u32 rva;
	u32 vsize;		/* bytes mapped: VirtualSize, or SizeOfRawData if 0 */
	u32 raw_offset;
	u32 raw_size;
	u32 characteristics;	/* PE_SCN_* and the rest, as in the file */
};

struct pe_import_info {
	const char *name;	/* NULL when imported by ordinal */
	u16 ordinal;		/* valid when name is NULL */
	u16 hint;		/* valid when name is set */
	u32 iat_rva;		/* where the address is written */
};

struct pe_import_dll_info {
	const char *dll;	/* as written in the image */
	unsigned int count;
	const struct pe_import_info *imports;
};

struct pe_export_info {
	const char *name;	/* NULL if exported by ordinal only */
	u32 ordinal;		/* biased: Base + index */
	u32 rva;		/* 0 for forwarders */
	const char *forward;	/* "DLL.Name" / "DLL.#12", or NULL */
};

/* The optional and file header fields a tool shows. */
struct pe_header_info {
	unsigned int machine;		/* PE_MACHINE_* */
	bool pe32plus;
	u16 subsystem;			/* 1 = native (drivers) */
	u16 characteristics;
	u16 dll_characteristics;
	u32 timestamp;
	u32 checksum;
	u64 image_base;
	u32 entry_rva;
	u32 size_of_image;
	u32 size_of_headers;
	u32 section_alignment;
	u32 file_alignment;
};

struct pe_info {
	struct pe_header_info hdr;

	unsigned int nsections;
	const struct pe_section_info *sections;

	unsigned int ndlls;
	const struct pe_import_dll_info *dlls;

	const char *export_name;	/* the export directory's DLL name */
	unsigned int nexports;
	const struct pe_export_info *exports;

	unsigned int nrelocs;		/* fixups, padding not counted */
	bool has_reloc_dir;
	u32 pdata_rva;
	unsigned int pdata_count;
	bool has_cookie;
	u64 cookie;			/* as in the file */
};

/*
 * Returns 0 for an image pe_load() would accept if its imports resolved,
 * otherwise a negative errno with the message in @err.  *@out is set
 * whenever the headers and section table could be read, also on a later
 * failure (the parts after the failing step are then empty), so a tool can
 * show what it found next to the error; free it with pe_info_free().
 */
int pe_parse(const char *name, const void *data, size_t len,
	     struct pe_info **out, char *err, size_t errlen);
void pe_info_free(struct pe_info *info);

#endif /* VPWRAP_PE_LOADER_H */
