// SPDX-License-Identifier: GPL-2.0
/*
 * Every hostile image from tests/fixtures/pe/gen_malformed.py is refused
 * with its own errno and message (one cmocka test per image), by pe_load()
 * and, for "both" cases, by pe_parse() with the very same message; nothing
 * is left allocated.  The unmodified fixtures load with the same tables, so
 * each refusal comes from the one mutation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pe-loader/pe_loader.h"
#include "pe-loader/user/pe_os_user.h"
#include "pe_test_util.h"

struct t_case {
	char file[128];
	int err;
	bool both;
	char msg[512];
};

/* Whole-string match, '*' matches any run of characters. */
static bool t_glob(const char *pat, const char *s)
{
	if (!*pat)
		return !*s;
	if (*pat == '*')
		return t_glob(pat + 1, s) || (*s && t_glob(pat, s + 1));
	return *s == *pat && t_glob(pat + 1, s + 1);
}

static int t_errno(const char *name)
{
	if (!strcmp(name, "ENOEXEC"))
		return -ENOEXEC;
	if (!strcmp(name, "EOPNOTSUPP"))
		return -EOPNOTSUPP;
	if (!strcmp(name, "ENOENT"))
		return -ENOENT;
	fail_msg("unknown errno %s", name);
	return 0;
}

static void t_refused(void **state)
{
	const struct t_case *c = *state;
	char rel[256], err[512];
	long live = pe_os_user_live_allocs;
	struct pe_load_params p = {
		.name = "basic.sys", .dlls = t_dlls_fake, .ndlls = 3, .err = err, .errlen = sizeof(err),
	};
	struct pe_image *img = (struct pe_image *)1;
	struct pe_info *info;
	int ret;

	snprintf(rel, sizeof(rel), "malformed/%s", c->file);
	p.data = t_read_file(t_fixture(rel), &p.len);
	ret = pe_load(&p, &img);
	if (!ret)
		pe_unload(img);
	assert_int_equal(ret, c->err);
	assert_null(img);
	if (!t_glob(c->msg, err))
		fail_msg("pe_load message\n  got  \"%s\"\n  want \"%s\"", err, c->msg);
	assert_int_equal(pe_os_user_live_allocs, live);

	ret = pe_parse("basic.sys", p.data, p.len, &info, err, sizeof(err));
	pe_info_free(info);
	assert_int_equal(pe_os_user_live_allocs, live);
	free((void *)p.data);
	if (!c->both) {
		assert_int_equal(ret, 0);
		return;
	}
	assert_int_equal(ret, c->err);
	if (!t_glob(c->msg, err))
		fail_msg("pe_parse message\n  got  \"%s\"\n  want \"%s\"", err, c->msg);
}

static void t_originals_load(void **state)
{
	static const char *const rel[] = { "x86_64/basic.sys", "i686/basic.sys" };
	struct pe_load_params p = { .name = "basic.sys", .dlls = t_dlls_fake, .ndlls = 3 };
	struct pe_image *img;
	unsigned int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		p.data = t_read_file(t_fixture(rel[i]), &p.len);
		assert_int_equal(pe_load(&p, &img), 0);
		pe_unload(img);
		free((void *)p.data);
	}
}

static struct t_case *t_read_cases(unsigned int *n)
{
	FILE *f = fopen(t_fixture("malformed/cases.txt"), "r");
	struct t_case *cases = NULL;
	char line[1024], errname[32], mode[8];

	*n = 0;
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		struct t_case *c;

		cases = realloc(cases, (*n + 1) * sizeof(*cases));
		c = &cases[*n];
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%127[^\t]\t%31[^\t]\t%7[^\t]\t%511[^\n]", c->file, errname, mode,
			   c->msg) != 4)
			continue;
		c->err = t_errno(errname);
		c->both = !strcmp(mode, "both");
		(*n)++;
	}
	fclose(f);
	return cases;
}

int main(void)
{
	struct CMUnitTest *tests;
	struct t_case *cases;
	unsigned int n, i;
	int ret;

	pe_os_user_quiet = 1;
	cases = t_read_cases(&n);
	if (n < 40) {
		fprintf(stderr, "need at least 40 malformed images, found %u in %s\n", n,
			t_fixture("malformed/cases.txt"));
		return 1;
	}
	tests = calloc(n + 1, sizeof(*tests));
	tests[0] = (struct CMUnitTest)cmocka_unit_test(t_originals_load);
	for (i = 0; i < n; i++) {
		tests[i + 1].name = cases[i].file;
		tests[i + 1].test_func = t_refused;
		tests[i + 1].initial_state = &cases[i];
	}
	ret = _cmocka_run_group_tests("pe_malformed", tests, n + 1, NULL, NULL);
	free(tests);
	free(cases);
	return ret;
}
