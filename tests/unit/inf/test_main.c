// SPDX-License-Identifier: GPL-2.0
/*
 * INF parser tests.  Output is TAP (one "ok"/"not ok" line per test case)
 * for tests/suites/40-tools-unit.sh.
 *
 *   test_inf                          all tests on the fixtures
 *   test_inf --bundled INF IDS IMAGE  a bundled miniport's INF: it must
 *                                     resolve for x86_64 and i686 to IMAGE
 *                                     with exactly the PCI IDs IDS
 *                                     ("1234:1111[,vvvv:dddd]")
 */
#include <string.h>
#include "test_util.h"

int main(int argc, char **argv)
{
	cmocka_set_message_output(CM_OUTPUT_TAP);
	if (argc == 5 && !strcmp(argv[1], "--bundled"))
		return run_bundled_tests(argv[2], argv[3], argv[4]);
	if (argc != 1)
		return 2;
	return run_syntax_tests() | run_values_tests() | run_resolve_tests() |
	       run_settings_tests() | run_disk_tests();
}
