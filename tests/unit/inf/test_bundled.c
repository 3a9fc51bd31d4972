// SPDX-License-Identifier: GPL-2.0
/*
 * A bundled miniport's INF (miniports/<card>/<name>.inf): it must resolve
 * for both architectures to the expected image and exactly the expected
 * PCI IDs, with no warnings, as UTF-16LE too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_util.h"

static const char *b_path, *b_ids, *b_image;

static void check_drivers(struct inf *inf, enum inf_arch arch)
{
	struct inf_drivers ds;
	char got[512] = "";
	unsigned int i;

	resolve_ok(inf, arch, &ds);
	assert_int_equal(ds.n, 1);
	assert_string_equal(ds.d[0].image, b_image);
	assert_true(ds.d[0].nsources > 0);
	for (i = 0; i < ds.d[0].nids; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%04x:%04x",
			 i ? "," : "", ds.d[0].ids[i].vendor, ds.d[0].ids[i].device);
	assert_string_equal(got, b_ids);
	inf_drivers_free(&ds);
	for (i = 0; i < inf->nwarnings; i++)
		fail_msg("warning: %s", inf->warnings[i]);
}

static void bundled_x86_64(void **state)
{
	struct inf *inf = inf_load(b_path);

	(void)state;
	check_drivers(inf, INF_ARCH_X86_64);
	inf_free(inf);
}

static void bundled_i686(void **state)
{
	struct inf *inf = inf_load(b_path);

	(void)state;
	check_drivers(inf, INF_ARCH_I686);
	inf_free(inf);
}

static void bundled_utf16(void **state)
{
	FILE *f = fopen(b_path, "rb");
	char buf[65536], *wide;
	size_t n, wlen;
	struct inf *inf;

	(void)state;
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	assert_true(n > 0 && n < sizeof(buf));
	wide = to_utf16le(buf, n, 1, &wlen);
	inf = inf_parse(b_path, wide, wlen);
	check_drivers(inf, INF_ARCH_X86_64);
	inf_free(inf);
	free(wide);
}

int run_bundled_tests(const char *path, const char *ids, const char *image)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bundled_x86_64),
		cmocka_unit_test(bundled_i686),
		cmocka_unit_test(bundled_utf16),
	};
	char name[256];

	b_path = path;
	b_ids = ids;
	b_image = image;
	snprintf(name, sizeof(name), "bundled %s", path);
	return cmocka_run_group_tests_name(name, tests, NULL, NULL);
}
