/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pe_internal.h - what the loader's files share and nobody else sees.
 *
 * The pipeline, each step in its own file:
 *   pe_headers.c  DOS/NT headers, section table, data directories
 *   pe_map.c      copy headers and sections into a flat image; protections
 *   pe_reloc.c    base relocations
 *   pe_imports.c  read the import tables
 *   pe_link.c     resolve imports against the registered DLLs
 *   pe_exports.c  read and query the image's own export table
 *   pe_extras.c   .pdata and the /GS cookie
 *   pe_load.c / pe_parse.c  the two public entry points
 * Every step after pe_headers.c reads the mapped image (a "view"), so the
 * loader and the parse-only API share all validation code.
 */
#ifndef VPWRAP_PE_INTERNAL_H
#define VPWRAP_PE_INTERNAL_H

#include "pe-loader/pe_os.h"
#include "pe-loader/pe_loader.h"
#include "pe-loader/pe_format.h"

/* Caps that keep a hostile image from making us allocate or loop forever. */
#define PE_MAX_IMAGE_SIZE	(64u << 20)
#define PE_MAX_SECTIONS		96u
#define PE_MAX_IMPORT_DLLS	256u
#define PE_MAX_IMPORTS		65536u	/* all DLLs together */
#define PE_MAX_EXPORTS		65536u
#define PE_MAX_NAME		512u	/* import/export/DLL name, with NUL */
#define PE_PAGE_SIZE		4096u

/* Where errors go: "name: message" into the caller's buffer. */
struct pe_ctx {
	const char *name;
	char *err;
	size_t errlen;
};

int pe_fail(const struct pe_ctx *c, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Appends to a fixed buffer, ending it in "..." if it does not fit. */
struct pe_buf {
	char *s;
	size_t size;
	size_t pos;
};

void pe_buf_add(struct pe_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct pe_dir {
	u32 rva;
	u32 size;
};

/* The validated headers. */
struct pe_hdr {
	struct pe_header_info i;
	struct pe_dir dirs[PE_NDIRS];
	unsigned int nsections;
	struct pe_section_info *sections;	/* pe_os_zalloc()ed */
};

/* A flat, mapped image: headers and sections at their RVAs. */
struct pe_view {
	u8 *base;
	u32 size;	/* SizeOfImage */
};

static inline bool pe_range_ok(const struct pe_view *v, u32 rva, u32 len)
{
	return rva <= v->size && len <= v->size - rva;
}

/* pe_view_str() results besides 0 */
#define PE_STR_OUTSIDE		(-1)
#define PE_STR_UNTERMINATED	(-2)
#define PE_STR_EMPTY		(-3)
int pe_view_str(const struct pe_view *v, u32 rva, u32 limit, const char **out);

/* Size in bytes of an allocation that holds the image (whole pages). */
static inline size_t pe_map_size(const struct pe_hdr *h)
{
	return ((size_t)h->i.size_of_image + PE_PAGE_SIZE - 1) & ~(size_t)(PE_PAGE_SIZE - 1);
}

int pe_headers_parse(const struct pe_ctx *c, const u8 *data, size_t len, struct pe_hdr *h);
void pe_headers_release(struct pe_hdr *h);
const char *pe_dir_name(unsigned int index);

void pe_map_copy(const struct pe_hdr *h, const u8 *data, u8 *base);
int pe_map_protect(const struct pe_ctx *c, const struct pe_hdr *h, u8 *base, unsigned int flags);

int pe_relocs_apply(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
		    u64 new_base, unsigned int *count);

struct pe_imports {
	struct pe_import_dll_info *dlls;
	unsigned int ndlls;
	struct pe_import_info *all;	/* every DLL's entries, back to back */
	unsigned int nall;
};

int pe_imports_read(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
		    struct pe_imports *imp);
void pe_imports_release(struct pe_imports *imp);

int pe_link(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
	    const struct pe_imports *imp, const struct pe_load_params *p);
/* No hint: search the whole table. */
#define PE_NO_HINT	0xffffffffu
int pe_dll_resolve(const struct pe_export_dll *dlls, unsigned int ndlls, const char *dll,
		   size_t dll_len, const char *name, unsigned int ordinal, u32 hint,
		   void **addr);

struct pe_exports {
	const char *dll_name;
	struct pe_export_info *list;	/* named exports first, in name-table order */
	unsigned int count;
	u32 *sorted;		/* list indexes of the named exports, by name */
	unsigned int nnamed;
	u32 *by_slot;		/* function slot -> list index + 1, or 0 */
	u32 ord_base;
	u32 nfuncs;
};

int pe_exports_read(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
		    struct pe_exports *exp);
void pe_exports_release(struct pe_exports *exp);
void *pe_exports_resolve(const struct pe_exports *exp, const struct pe_view *v,
			 const char *self, const struct pe_export_dll *dlls, unsigned int ndlls,
			 const char *name, unsigned int ordinal);

int pe_pdata_check(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
		   unsigned int *count);
int pe_cookie_find(const struct pe_ctx *c, const struct pe_hdr *h, const struct pe_view *v,
		   u64 base, u8 **cookie);
void pe_cookie_init(const struct pe_hdr *h, u8 *cookie);

/*
 * Split a forwarder "dll<sep>Name" or "dll<sep>#17" at the last @sep.
 * Registered tables use '!', images' own export tables use '.'.
 */
bool pe_forward_split(const char *fwd, char sep, size_t *dll_len, const char **name,
		      unsigned int *ordinal);

/* Is the image's name "basic.sys" the DLL "BASIC" of a forwarder string? */
bool pe_name_is_dll(const char *image_name, const char *dll, size_t dll_len);

/* A loaded image (opaque outside the loader). */
struct pe_image {
	char *name;
	u8 *base;
	size_t map_size;
	struct pe_hdr hdr;
	struct pe_exports exports;
	unsigned int pdata_count;
	u8 *cookie;
	const struct pe_export_dll *dlls;	/* for the image's forwarders */
	unsigned int ndlls;
};

#endif /* VPWRAP_PE_INTERNAL_H */
