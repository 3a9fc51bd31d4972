// SPDX-License-Identifier: GPL-2.0
/*
 * Render the registry as lines a settings file would hold, so that what a
 * miniport wrote can be read back (sysfs) and pasted into its settings:
 *
 *	reg dword DefaultMode 0x3		(always hex, 0x0 included)
 *	reg sz Name "Bochs \"VBE\""
 *	reg multi_sz List "a" "b"
 *	reg binary Blob 01 02
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include "videoport/registry_store.h"
#include "wrapper/registry_text.h"

struct vpw_text {
	char *buf;
	size_t len, cap;
};

static const char *vpw_type_name(u32 type)
{
	switch (type) {
	case VPW_REG_DWORD: return "dword";
	case VPW_REG_QWORD: return "qword";
	case VPW_REG_SZ: return "sz";
	case VPW_REG_EXPAND_SZ: return "expand_sz";
	case VPW_REG_MULTI_SZ: return "multi_sz";
	case VPW_REG_NONE: return "none";
	default: return "binary";
	}
}

/* Worst case of one value: every UTF-16 unit -> 3 UTF-8 bytes, each escaped. */
static int vpw_text_size(void *ctx, const char *name, u32 type,
			 const void *data, size_t len)
{
	*(size_t *)ctx += strlen(name) + 3 * len + 64;
	return 0;
}

static __printf(2, 3) void vpw_put(struct vpw_text *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	t->len += vscnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
}

/* One UTF-16LE string of @units units (no terminator) as a quoted field. */
static void vpw_put_string(struct vpw_text *t, const __le16 *s, size_t units)
{
	u8 *u8s;
	int n, i;

	u8s = kmalloc(units * 3 + 1, GFP_KERNEL);
	if (!u8s)
		return;
	n = utf16s_to_utf8s((const wchar_t *)s, units, UTF16_LITTLE_ENDIAN,
			    u8s, units * 3);
	vpw_put(t, " \"");
	for (i = 0; i < n; i++) {
		if (u8s[i] == '"' || u8s[i] == '\\')
			vpw_put(t, "\\");
		vpw_put(t, "%c", u8s[i]);
	}
	vpw_put(t, "\"");
	kfree(u8s);
}

/*
 * REG_SZ: the string up to its NUL.  REG_MULTI_SZ: the strings between the
 * NULs, up to the empty string that ends the list.
 */
static void vpw_put_strings(struct vpw_text *t, const __le16 *s, size_t units,
			    bool multi)
{
	size_t start = 0, i;

	for (i = 0; i <= units; i++) {
		if (i < units && s[i])
			continue;
		if (multi && i == start)
			return;
		vpw_put_string(t, s + start, i - start);
		if (!multi)
			return;
		start = i + 1;
	}
}

static int vpw_text_value(void *ctx, const char *name, u32 type,
			  const void *data, size_t len)
{
	struct vpw_text *t = ctx;
	__le64 q = 0;
	size_t i;

	vpw_put(t, "reg %s %s", vpw_type_name(type), name);
	switch (type) {
	case VPW_REG_DWORD:
	case VPW_REG_QWORD:
		/* The store guarantees len == 4 / 8; copy: data may be unaligned. */
		memcpy(&q, data, min(len, sizeof(q)));
		vpw_put(t, " 0x%llx", le64_to_cpu(q));
		break;
	case VPW_REG_SZ:
	case VPW_REG_EXPAND_SZ:
	case VPW_REG_MULTI_SZ:
		vpw_put_strings(t, data, len / 2, type == VPW_REG_MULTI_SZ);
		break;
	default:
		for (i = 0; i < len; i++)
			vpw_put(t, " %02x", ((const u8 *)data)[i]);
	}
	vpw_put(t, "\n");
	return 0;
}

char *vpw_registry_text(struct vpw_registry *reg, size_t *len)
{
	struct vpw_text t = { };

	vpw_registry_for_each(reg, vpw_text_size, &t.cap);
	t.cap += 1;	/* vscnprintf's NUL */
	t.buf = kvmalloc(t.cap, GFP_KERNEL);
	if (!t.buf)
		return NULL;
	t.buf[0] = '\0';
	vpw_registry_for_each(reg, vpw_text_value, &t);
	*len = t.len;
	return t.buf;
}

ssize_t vpw_registry_read(struct vpw_registry *reg, char *buf, loff_t off,
			  size_t count)
{
	size_t len;
	char *text;
	ssize_t ret = 0;

	text = vpw_registry_text(reg, &len);
	if (!text)
		return -ENOMEM;
	if (off >= 0 && off < len) {
		ret = min_t(size_t, count, len - off);
		memcpy(buf, text + off, ret);
	}
	kvfree(text);
	return ret;
}
