/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pe_format.h - the on-disk PE/COFF layout the loader reads.
 *
 * Fields are read by offset with little-endian byte readers instead of
 * through C structs: the file buffer and RVAs inside an image may be
 * unaligned, and offsets make every bounds check explicit.
 */
#ifndef VPWRAP_PE_FORMAT_H
#define VPWRAP_PE_FORMAT_H

#include "pe-loader/pe_os.h"

/* DOS header */
#define PE_DOS_SIZE		64
#define PE_DOS_MAGIC		0x5a4d	/* "MZ" */
#define PE_DOS_LFANEW		0x3c

/* "PE\0\0" and the COFF file header that follows it */
#define PE_NT_SIGNATURE		0x00004550
#define PE_FH_OFFSET		4
#define PE_FH_SIZE		20
#define PE_FH_MACHINE		0
#define PE_FH_NSECTIONS		2
#define PE_FH_TIMESTAMP		4
#define PE_FH_OPT_SIZE		16
#define PE_FH_CHARACTERISTICS	18

#define PE_FILE_RELOCS_STRIPPED	0x0001
#define PE_FILE_EXECUTABLE	0x0002

/* Optional header: offsets common to PE32 and PE32+ */
#define PE_OPT_MAGIC		0
#define PE_OPT_ENTRY		16
#define PE_OPT_SECTION_ALIGN	32
#define PE_OPT_FILE_ALIGN	36
#define PE_OPT_SIZE_OF_IMAGE	56
#define PE_OPT_SIZE_OF_HEADERS	60
#define PE_OPT_CHECKSUM		64
#define PE_OPT_SUBSYSTEM	68
#define PE_OPT_DLL_CHARS	70
/* ... and those that differ */
#define PE32_OPT_IMAGE_BASE	28
#define PE32_OPT_NDIRS		92
#define PE32_OPT_DIRS		96
#define PE64_OPT_IMAGE_BASE	24
#define PE64_OPT_NDIRS		108
#define PE64_OPT_DIRS		112

#define PE32_MAGIC		0x10b
#define PE64_MAGIC		0x20b

/* Data directory indexes */
enum pe_dir_index {
	PE_DIR_EXPORT = 0,
	PE_DIR_IMPORT = 1,
	PE_DIR_RESOURCE = 2,
	PE_DIR_EXCEPTION = 3,
	PE_DIR_SECURITY = 4,	/* a file offset, not an RVA */
	PE_DIR_BASERELOC = 5,
	PE_DIR_DEBUG = 6,
	PE_DIR_ARCH = 7,
	PE_DIR_GLOBALPTR = 8,
	PE_DIR_TLS = 9,
	PE_DIR_LOAD_CONFIG = 10,
	PE_DIR_BOUND_IMPORT = 11,
	PE_DIR_IAT = 12,
	PE_DIR_DELAY_IMPORT = 13,
	PE_DIR_CLR = 14,
	PE_DIR_RESERVED = 15,
	PE_NDIRS = 16,
};

/* Section header */
#define PE_SH_SIZE		40
#define PE_SH_VSIZE		8
#define PE_SH_RVA		12
#define PE_SH_RAW_SIZE		16
#define PE_SH_RAW_PTR		20
#define PE_SH_CHARACTERISTICS	36

/* Import descriptor */
#define PE_IMP_DESC_SIZE	20
#define PE_IMP_ILT		0
#define PE_IMP_NAME		12
#define PE_IMP_IAT		16

/* Export directory */
#define PE_EXP_SIZE		40
#define PE_EXP_NAME		12
#define PE_EXP_BASE		16
#define PE_EXP_NFUNCS		20
#define PE_EXP_NNAMES		24
#define PE_EXP_FUNCS		28
#define PE_EXP_NAMES		32
#define PE_EXP_ORDINALS		36

/* Base relocations */
#define PE_RELOC_BLOCK_HDR	8
#define PE_REL_ABSOLUTE		0
#define PE_REL_HIGHLOW		3
#define PE_REL_DIR64		10

/* x64 RUNTIME_FUNCTION in .pdata */
#define PE_RUNTIME_FUNCTION_SIZE 12
#define PE_RF_BEGIN		0
#define PE_RF_END		4
#define PE_RF_UNWIND		8

/*
 * x64 UNWIND_INFO: a header, then CountOfCodes 16-bit unwind code slots
 * (padded to an even number) and, with PE_UNW_FLAG_CHAININFO, the
 * RUNTIME_FUNCTION of the entry it continues, or with PE_UNW_FLAG_EHANDLER /
 * UHANDLER the RVA of the language handler and that handler's data.
 */
#define PE_UI_FLAGS		0	/* version in bits 0-2, flags in 3-7 */
#define PE_UI_PROLOG		1	/* size of the prolog in bytes */
#define PE_UI_NCODES		2
#define PE_UI_FRAME		3	/* frame register in bits 0-3, its offset / 16 in 4-7 */
#define PE_UI_CODES		4
#define PE_UI_FLAGS_SHIFT	3
#define PE_UNW_FLAG_EHANDLER	0x1	/* a language handler for exceptions ... */
#define PE_UNW_FLAG_UHANDLER	0x2	/* ... and/or for unwinding follows the codes */
#define PE_UNW_FLAG_CHAININFO	0x4

/*
 * An unwind code: the prolog offset after its operation (byte 0), the
 * operation (bits 0-3 of byte 1) and its info (bits 4-7).  Some take one
 * or two more slots.
 */
#define PE_UC_PROLOG_OFFSET	0
#define PE_UC_OP_INFO		1
enum pe_unwind_op {
	PE_UWOP_PUSH_NONVOL = 0,
	PE_UWOP_ALLOC_LARGE,
	PE_UWOP_ALLOC_SMALL,
	PE_UWOP_SET_FPREG,
	PE_UWOP_SAVE_NONVOL,
	PE_UWOP_SAVE_NONVOL_FAR,
	PE_UWOP_EPILOG,		/* version 2 */
	PE_UWOP_SPARE,
	PE_UWOP_SAVE_XMM128,
	PE_UWOP_SAVE_XMM128_FAR,
	PE_UWOP_PUSH_MACHFRAME,
};

/* Load config: where the /GS security cookie VA sits */
#define PE32_LC_COOKIE		0x3c
#define PE64_LC_COOKIE		0x58
/* the values MSVC's CRT leaves there until someone initialises the cookie */
#define PE32_GS_DEFAULT		0xbb40e64eull
#define PE64_GS_DEFAULT		0x00002b992ddfa232ull

static inline u16 pe_le16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static inline u32 pe_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static inline u64 pe_le64(const u8 *p)
{
	return (u64)pe_le32(p) | (u64)pe_le32(p + 4) << 32;
}

static inline void pe_put32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

static inline void pe_put64(u8 *p, u64 v)
{
	pe_put32(p, (u32)v);
	pe_put32(p + 4, (u32)(v >> 32));
}

#endif /* VPWRAP_PE_FORMAT_H */
