/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AddReg entries: root, [subkey], [value name], [flags], [value...].
 * The flags carry the value type (FLG_ADDREG_TYPE_*), numeric or through
 * [Strings] names such as %REG_DWORD%.
 */
#ifndef VPWRAP_TOOLS_INF_ADDREG_H
#define VPWRAP_TOOLS_INF_ADDREG_H

#include <stddef.h>
#include "inf.h"

#define FLG_ADDREG_BINVALUETYPE		0x00000001
#define FLG_ADDREG_NOCLOBBER		0x00000002
#define FLG_ADDREG_DELVAL		0x00000004
#define FLG_ADDREG_APPEND		0x00000008
#define FLG_ADDREG_KEYONLY		0x00000010
#define FLG_ADDREG_OVERWRITEONLY	0x00000020
#define FLG_ADDREG_TYPE_SZ		0x00000000
#define FLG_ADDREG_TYPE_MULTI_SZ	0x00010000
#define FLG_ADDREG_TYPE_EXPAND_SZ	0x00020000
#define FLG_ADDREG_TYPE_BINARY		0x00000001
#define FLG_ADDREG_TYPE_DWORD		0x00010001
#define FLG_ADDREG_TYPE_NONE		0x00020001

enum inf_reg_root { INF_HKR, INF_HKLM, INF_HKCU, INF_HKCR, INF_HKU };

enum inf_reg_kind {
	INF_REG_SZ,
	INF_REG_EXPAND_SZ,
	INF_REG_MULTI_SZ,
	INF_REG_DWORD,
	INF_REG_BINARY,		/* REG_BINARY or another type as raw bytes */
	INF_REG_NONE,
	INF_REG_KEY,		/* FLG_ADDREG_KEYONLY or no value name field */
};

struct inf_reg {
	unsigned int line;
	enum inf_reg_root root;
	char *subkey;		/* "" for the root key itself */
	char *name;		/* "" for the key's default value */
	unsigned int flags;
	enum inf_reg_kind kind;
	unsigned int regtype;	/* REG_* number (REG_BINARY = 3, ...) */
	unsigned int nstrs;	/* SZ/EXPAND_SZ: 1, MULTI_SZ: n */
	char **strs;
	unsigned int dword;
	size_t len;		/* BINARY bytes */
	unsigned char *data;
};

/* Parse one AddReg line; -1 with the error (file:line) recorded. */
int inf_parse_addreg(struct inf *inf, const struct inf_entry *e,
		     struct inf_reg *out);
int inf_reg_copy(struct inf_reg *dst, const struct inf_reg *src);
void inf_reg_free(struct inf_reg *r);

#endif
