// SPDX-License-Identifier: GPL-2.0
/*
 * pe_strings.c - reading NUL-terminated names out of an untrusted image,
 * and matching DLL names the way Windows does (case-insensitively, with
 * or without the extension).
 */
#include "pe-loader/pe_internal.h"

int pe_view_str(const struct pe_view *v, u32 rva, u32 limit, const char **out)
{
	const u8 *s, *nul;
	u32 room;

	if (rva >= v->size)
		return PE_STR_OUTSIDE;
	room = v->size - rva;
	if (room > limit)
		room = limit;
	s = v->base + rva;
	nul = memchr(s, 0, room);
	if (!nul)
		return PE_STR_UNTERMINATED;
	if (nul == s)
		return PE_STR_EMPTY;
	*out = (const char *)s;
	return 0;
}

bool pe_name_is_dll(const char *image_name, const char *dll, size_t dll_len)
{
	const char *slash = strrchr(image_name, '/');
	const char *dot;
	size_t base_len;

	if (slash)
		image_name = slash + 1;
	dot = strrchr(image_name, '.');
	base_len = dot ? (size_t)(dot - image_name) : strlen(image_name);

	if (dll_len == strlen(image_name) && !strncasecmp(image_name, dll, dll_len))
		return true;
	return dll_len == base_len && !strncasecmp(image_name, dll, dll_len);
}

bool pe_forward_split(const char *fwd, char sep, size_t *dll_len, const char **name,
		      unsigned int *ordinal)
{
	const char *at = strrchr(fwd, sep);
	const char *p;

	if (!at || at == fwd || !at[1])
		return false;
	*dll_len = (size_t)(at - fwd);
	if (at[1] != '#') {
		*name = at + 1;
		return true;
	}
	*name = NULL;
	*ordinal = 0;
	for (p = at + 2; *p >= '0' && *p <= '9' && *ordinal <= 0xffff; p++)
		*ordinal = *ordinal * 10 + (unsigned int)(*p - '0');
	return !*p && *ordinal && *ordinal <= 0xffff;
}
