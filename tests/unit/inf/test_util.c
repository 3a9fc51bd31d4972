// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the INF parser tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "test_util.h"

struct inf *parse_str(const char *text)
{
	struct inf *inf = inf_parse("test.inf", text, strlen(text));

	assert_non_null(inf);
	return inf;
}

char *read_fixture(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

struct inf *load_fixture(const char *name)
{
	char path[512];
	struct inf *inf;

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, name);
	inf = inf_load(path);
	assert_non_null(inf);
	if (inf->error)
		fail_msg("%s", inf->error);
	return inf;
}

char *to_utf16le(const char *s, size_t n, int bom, size_t *len)
{
	char *out = malloc(2 * n + 2);
	size_t i, o = 0;

	assert_non_null(out);
	if (bom) {
		out[o++] = (char)0xff;
		out[o++] = (char)0xfe;
	}
	for (i = 0; i < n; i++) {
		out[o++] = s[i];
		out[o++] = 0;
	}
	*len = o;
	return out;
}

const struct inf_entry *entry_of(const struct inf *inf, const char *sec,
				 unsigned int i)
{
	const struct inf_section *s = inf_section(inf, sec);

	assert_non_null(s);
	assert_true(i < s->nentries);
	return &s->entries[i];
}

void assert_error(struct inf *inf, unsigned int line, const char *msg)
{
	char want[256];

	assert_non_null(inf->error);
	if (line)
		snprintf(want, sizeof(want), "%s:%u: ", inf->path, line);
	else
		snprintf(want, sizeof(want), "%s: ", inf->path);
	if (strncmp(inf->error, want, strlen(want)) || !strstr(inf->error, msg))
		fail_msg("error '%s', want '%s...%s'", inf->error, want, msg);
}

void resolve_ok(struct inf *inf, enum inf_arch arch, struct inf_drivers *ds)
{
	int r = inf_resolve(inf, arch, NULL, ds);

	if (r)
		fail_msg("resolve: %s", inf->error);
	assert_true(ds->n > 0);
}

const struct inf_reg *devreg(const struct inf_driver *d, const char *name)
{
	unsigned int i;

	for (i = 0; i < d->devregs.n; i++)
		if (!strcasecmp(d->devregs.r[i].name, name))
			return &d->devregs.r[i];
	fail_msg("no device value %s", name);
	return NULL;
}

int has_warning(const struct inf *inf, const char *needle)
{
	unsigned int i;

	for (i = 0; i < inf->nwarnings; i++)
		if (strstr(inf->warnings[i], needle))
			return 1;
	return 0;
}
