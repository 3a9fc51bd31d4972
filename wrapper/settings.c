// SPDX-License-Identifier: GPL-2.0
/*
 * The settings file parser (settings.h) and the reg= override parser.
 *
 * A line is split into whitespace-separated fields; a field may be quoted
 * ("a b", with \" and \\ as escapes); '#' starts a comment outside quotes.
 * Every error names the file and the line, and refuses the whole file: a
 * half-applied configuration would be worse than none.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "videoport/registry_store.h"
#include "wrapper/settings.h"

#define VPW_LINE_MAX	4096
#define VPW_FIELDS_MAX	256
#define VPW_OVERRIDE_STRINGS	32	/* strings in one reg=Name:multi_sz:a|b|... */

struct vpw_line {
	const char *origin;
	unsigned int no;
	unsigned int n;
	char *f[VPW_FIELDS_MAX];
};

static int vpw_bad(const struct vpw_line *l, const char *why, const char *what)
{
	pr_err("%s:%u: %s%s%s\n", l->origin, l->no, why, what ? ": " : "",
	       what ? what : "");
	return -EINVAL;
}

/* Split @s (NUL-terminated, modified in place) into l->f[]. */
static int vpw_split(struct vpw_line *l, char *s)
{
	l->n = 0;
	for (;;) {
		char *out;

		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s || *s == '#')
			return 0;
		if (l->n == VPW_FIELDS_MAX)
			return vpw_bad(l, "too many fields", NULL);
		out = s;
		l->f[l->n++] = out;
		if (*s != '"') {
			while (*s && *s != ' ' && *s != '\t' && *s != '\r')
				s++;
			if (*s)
				*s++ = '\0';
			continue;
		}
		for (s++; *s != '"'; s++) {
			if (!*s)
				return vpw_bad(l, "unterminated string", NULL);
			if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
			*out++ = *s;
		}
		s++;
		if (*s && *s != ' ' && *s != '\t' && *s != '\r')
			return vpw_bad(l, "text after closing quote", NULL);
		*out = '\0';
	}
}

static int vpw_parse_hex16(const char *s, u32 *v)
{
	u16 x;

	if (strlen(s) != 4 || kstrtou16(s, 16, &x))
		return -EINVAL;
	*v = x;
	return 0;
}

/* "vvvv:dddd" */
static int vpw_parse_pair(char *s, u32 *a, u32 *b)
{
	char *colon = strchr(s, ':');
	int ret;

	if (!colon)
		return -EINVAL;
	*colon = '\0';
	ret = vpw_parse_hex16(s, a);
	if (!ret)
		ret = vpw_parse_hex16(colon + 1, b);
	*colon = ':';
	return ret;
}

/* UTF-8 strings -> UTF-16LE, each NUL-terminated; @multi adds the final NUL. */
static int vpw_encode_strings(char **strs, unsigned int n, bool multi,
			      void **data, size_t *len)
{
	size_t units = multi ? 1 : 0;
	unsigned int i;
	wchar_t *w;
	size_t pos = 0;

	for (i = 0; i < n; i++)
		units += strlen(strs[i]) + 1;	/* UTF-16 never needs more units than UTF-8 bytes */
	if (multi && !n)
		units = 1;
	if (units * 2 > VPW_REG_DATA_MAX)
		return -E2BIG;
	w = kcalloc(units, sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		int r = utf8s_to_utf16s(strs[i], strlen(strs[i]),
					UTF16_LITTLE_ENDIAN, w + pos,
					units - pos - 1);

		if (r < 0) {
			kfree(w);
			return -EILSEQ;
		}
		pos += r + 1;	/* kcalloc'ed: the terminator is already 0 */
	}
	if (multi && n)
		pos++;
	if (multi && !n)
		pos = 1;
	*data = w;
	*len = pos * sizeof(*w);
	return 0;
}

/* Hex bytes, given as separate fields and/or comma-separated ("01,02 ff"). */
static int vpw_encode_binary(char **strs, unsigned int n, void **data,
			     size_t *len)
{
	size_t cap = 0, pos = 0;
	unsigned int i;
	u8 *b;

	for (i = 0; i < n; i++)
		cap += strlen(strs[i]) / 2 + 1;
	if (cap > VPW_REG_DATA_MAX)
		return -E2BIG;
	b = kmalloc(cap ?: 1, GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		char *s = strs[i], *tok;

		while ((tok = strsep(&s, ",")) != NULL) {
			if (!*tok)
				continue;
			if (strlen(tok) > 2 || kstrtou8(tok, 16, &b[pos])) {
				kfree(b);
				return -EINVAL;
			}
			pos++;
		}
	}
	*data = b;
	*len = pos;
	return 0;
}

/* A run of hex digits without separators ("0102ff"), for reg=. */
static int vpw_encode_hexrun(const char *s, void **data, size_t *len)
{
	size_t n = strlen(s);
	u8 *b;

	if (n % 2 || n / 2 > VPW_REG_DATA_MAX)
		return -EINVAL;
	b = kmalloc(n / 2 ?: 1, GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	if (hex2bin(b, s, n / 2)) {
		kfree(b);
		return -EINVAL;
	}
	*data = b;
	*len = n / 2;
	return 0;
}

static int vpw_encode_number(const char *s, u32 type, void **data, size_t *len)
{
	u64 v;
	__le64 *q;
	__le32 *d;

	if (kstrtou64(s, 0, &v))
		return -EINVAL;
	if (type == VPW_REG_DWORD) {
		if (v > U32_MAX)
			return -ERANGE;
		d = kmalloc(sizeof(*d), GFP_KERNEL);
		if (!d)
			return -ENOMEM;
		*d = cpu_to_le32(v);
		*data = d;
		*len = sizeof(*d);
		return 0;
	}
	q = kmalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		return -ENOMEM;
	*q = cpu_to_le64(v);
	*data = q;
	*len = sizeof(*q);
	return 0;
}

static const struct {
	const char *name;
	u32 type;
} vpw_reg_types[] = {
	{ "dword", VPW_REG_DWORD },	{ "qword", VPW_REG_QWORD },
	{ "sz", VPW_REG_SZ },		{ "expand_sz", VPW_REG_EXPAND_SZ },
	{ "multi_sz", VPW_REG_MULTI_SZ }, { "binary", VPW_REG_BINARY },
};

static int vpw_reg_type_of(const char *name, u32 *type)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vpw_reg_types); i++) {
		if (!strcasecmp(name, vpw_reg_types[i].name)) {
			*type = vpw_reg_types[i].type;
			return 0;
		}
	}
	return -EINVAL;
}

/* Encode the value fields @v[0..n) of a value of @type. */
static int vpw_encode(u32 type, char **v, unsigned int n, void **data,
		      size_t *len)
{
	switch (type) {
	case VPW_REG_DWORD:
	case VPW_REG_QWORD:
		return n == 1 ? vpw_encode_number(v[0], type, data, len) : -EINVAL;
	case VPW_REG_SZ:
	case VPW_REG_EXPAND_SZ:
		return n == 1 ? vpw_encode_strings(v, 1, false, data, len) : -EINVAL;
	case VPW_REG_MULTI_SZ:
		return vpw_encode_strings(v, n, true, data, len);
	default:
		return vpw_encode_binary(v, n, data, len);
	}
}

static int vpw_line_reg(struct vpw_settings *s, struct vpw_line *l)
{
	struct vpw_reg_default *r;
	u32 type;
	int ret;

	if (l->n < 3)
		return vpw_bad(l, "expected: reg TYPE NAME VALUE...", NULL);
	if (vpw_reg_type_of(l->f[1], &type))
		return vpw_bad(l, "unknown registry type", l->f[1]);
	if (!*l->f[2] || strlen(l->f[2]) > VPW_REG_NAME_MAX)
		return vpw_bad(l, "bad value name", l->f[2]);
	if (s->nregs == VPW_SETTINGS_REGS_MAX)
		return vpw_bad(l, "too many registry values", NULL);
	r = &s->regs[s->nregs];
	ret = vpw_encode(type, &l->f[3], l->n - 3, &r->data, &r->len);
	if (ret == -ENOMEM)
		return ret;
	if (ret)
		return vpw_bad(l, "bad value for", l->f[2]);
	r->name = kstrdup(l->f[2], GFP_KERNEL);
	if (!r->name) {
		kfree(r->data);
		return -ENOMEM;
	}
	r->type = type;
	s->nregs++;
	return 0;
}

static int vpw_line_pci(struct vpw_settings *s, struct vpw_line *l)
{
	struct vpw_pci_id *id;

	if (l->n != 2 && !(l->n == 4 && !strcmp(l->f[2], "subsys")))
		return vpw_bad(l, "expected: pci VVVV:DDDD [subsys SSSS:TTTT]", NULL);
	if (s->nids == VPW_SETTINGS_IDS_MAX)
		return vpw_bad(l, "too many PCI IDs", NULL);
	id = &s->ids[s->nids];
	if (vpw_parse_pair(l->f[1], &id->vendor, &id->device))
		return vpw_bad(l, "bad PCI ID", l->f[1]);
	id->subvendor = VPW_PCI_ANY;
	id->subdevice = VPW_PCI_ANY;
	if (l->n == 4 &&
	    vpw_parse_pair(l->f[3], &id->subvendor, &id->subdevice))
		return vpw_bad(l, "bad PCI subsystem ID", l->f[3]);
	s->nids++;
	return 0;
}

static int vpw_line(struct vpw_settings *s, struct vpw_line *l)
{
	const char *key = l->f[0];

	if (!strcmp(key, "pci"))
		return vpw_line_pci(s, l);
	if (!strcmp(key, "reg"))
		return vpw_line_reg(s, l);
	if (!strcmp(key, "image")) {
		if (l->n != 2 || !*l->f[1] || strchr(l->f[1], '/'))
			return vpw_bad(l, "expected: image NAME.sys", NULL);
		if (s->image)
			return vpw_bad(l, "second image line", NULL);
		s->image = kstrdup(l->f[1], GFP_KERNEL);
		return s->image ? 0 : -ENOMEM;
	}
	return vpw_bad(l, "unknown keyword", key);
}

int vpw_settings_parse(const char *origin, const char *text, size_t len,
		       struct vpw_settings **out)
{
	struct vpw_settings *s;
	struct vpw_line *l;
	size_t pos = 0;
	char *buf;
	int ret = 0;

	s = kvzalloc(sizeof(*s), GFP_KERNEL);
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	buf = kmalloc(VPW_LINE_MAX + 1, GFP_KERNEL);
	if (!s || !l || !buf) {
		ret = -ENOMEM;
		goto out;
	}
	l->origin = origin;
	while (pos < len && !ret) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? nl - (text + pos) : len - pos;

		l->no++;
		if (n > VPW_LINE_MAX) {
			ret = vpw_bad(l, "line too long", NULL);
			break;
		}
		memcpy(buf, text + pos, n);
		buf[n] = '\0';
		pos += n + 1;
		if (strlen(buf) != n) {
			ret = vpw_bad(l, "NUL byte in line", NULL);
			break;
		}
		ret = vpw_split(l, buf);
		if (!ret && l->n)
			ret = vpw_line(s, l);
	}
out:
	kfree(buf);
	kfree(l);
	if (ret) {
		vpw_settings_free(s);
		return ret;
	}
	*out = s;
	return 0;
}

void vpw_settings_free(struct vpw_settings *s)
{
	unsigned int i;

	if (!s)
		return;
	for (i = 0; i < s->nregs; i++) {
		kfree(s->regs[i].name);
		kfree(s->regs[i].data);
	}
	kfree(s->image);
	kvfree(s);
}

int vpw_settings_set_ids(struct vpw_settings *s, const char *list)
{
	struct vpw_pci_id *ids;		/* 1 KiB: too much for a 32-bit kernel stack */
	unsigned int n = 0;
	char *copy, *p, *tok;
	int ret = 0;

	ids = kmalloc_array(VPW_SETTINGS_IDS_MAX, sizeof(*ids), GFP_KERNEL);
	copy = kstrdup(list, GFP_KERNEL);
	if (!ids || !copy) {
		kfree(ids);
		kfree(copy);
		return -ENOMEM;
	}
	p = strim(copy);
	while ((tok = strsep(&p, ",")) != NULL) {
		tok = strim(tok);
		if (!*tok)
			continue;
		if (n == VPW_SETTINGS_IDS_MAX ||
		    vpw_parse_pair(tok, &ids[n].vendor, &ids[n].device)) {
			pr_err("pci_ids: bad entry \"%s\" (expected vvvv:dddd[,vvvv:dddd...])\n",
			       tok);
			ret = -EINVAL;
			break;
		}
		ids[n].subvendor = VPW_PCI_ANY;
		ids[n].subdevice = VPW_PCI_ANY;
		n++;
	}
	kfree(copy);
	if (!ret) {
		memcpy(s->ids, ids, n * sizeof(ids[0]));
		s->nids = n;
	}
	kfree(ids);
	return ret;
}

int vpw_settings_seed(const struct vpw_settings *s, struct vpw_registry *reg)
{
	unsigned int i;
	int ret;

	for (i = 0; i < s->nregs; i++) {
		const struct vpw_reg_default *r = &s->regs[i];

		ret = vpw_registry_put(reg, r->name, r->type, r->data, r->len);
		if (ret) {
			pr_err("registry default %s: error %d\n", r->name, ret);
			return ret;
		}
	}
	return 0;
}

int vpw_settings_reg_override(struct vpw_registry *reg, const char *spec)
{
	char *copy, *name, *tname, *val, *parts[VPW_OVERRIDE_STRINGS];
	unsigned int n = 0;
	void *data = NULL;
	size_t len = 0;
	u32 type;
	int ret;

	copy = kstrdup(spec, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	val = copy;
	name = strsep(&val, ":");
	tname = strsep(&val, ":");
	ret = -EINVAL;
	if (!val || !*name || vpw_reg_type_of(tname, &type))
		goto bad;
	if (type == VPW_REG_BINARY) {
		ret = vpw_encode_hexrun(val, &data, &len);
	} else if (type == VPW_REG_MULTI_SZ) {
		while (val && n < ARRAY_SIZE(parts))
			parts[n++] = strsep(&val, "|");
		ret = val ? -E2BIG : vpw_encode_strings(parts, n, true, &data, &len);
	} else {
		ret = vpw_encode(type, &val, 1, &data, &len);
	}
	if (!ret)
		ret = vpw_registry_put(reg, name, type, data, len);
	kfree(data);
bad:
	if (ret && ret != -ENOMEM)
		pr_err("reg=%s: bad override (expected Name:type:value, type dword|qword|sz|expand_sz|multi_sz|binary)\n",
		       spec);
	kfree(copy);
	return ret;
}
