// SPDX-License-Identifier: GPL-2.0
/* The settings file written for a resolved INF, byte for byte. */
#include <stdio.h>
#include <stdlib.h>
#include "test_util.h"
#include "src/settings.h"

/*
 * The end state of acme.inf's AddReg lines: APPEND added "vga", NOCLOBBER
 * kept KeepOld, OVERWRITEONLY skipped an absent value, DELVAL removed
 * Obsolete, HKLM ...\\Services\\acme\\Device0 landed in the device key;
 * what the module cannot use is a comment.
 */
static const char expected_acme_x86[] =
	"# vpwrap settings for acme.sys (from acme.inf, i686), written by vpwrap install\n"
	"# service acme, device \"ACME Rage 3D\"\n"
	"# DriverVer 04/14/2005, 5.1.2600.2180\n"
	"image acme.sys\n"
	"pci 1002:4742\n"
	"# INF ID 1002:4750 subsys 1002:0084 rev 5c (revision/class not matched by the module)\n"
	"pci 1002:4750 subsys 1002:0084\n"
	"# INF ID 1002:4c42 class 0300 (revision/class not matched by the module)\n"
	"pci 1002:4c42\n"
	"pci 1002:4742 subsys 1043:8008\n"
	"reg multi_sz InstalledDisplayDrivers \"acmedd\" \"acme dd2\" \"vga\"\n"
	"reg dword VideoDebugLevel 0\n"
	"reg dword Acceleration.Level 5\n"
	"reg dword DefaultSettings.BitsPerPel 32\n"
	"reg sz \"Display Name\" \"ACME \\\"Rage\\\" 3D, rev. A\"\n"
	"reg binary MemoryMap 01 02 0a ff 10 20\n"
	"reg dword Flags 2147483649\n"
	"reg dword KeepOld 1\n"
	"reg dword Device0Value 3\n"
	"# in a subkey: reg dword \"Subkey\"\\Hidden 1\n"
	"reg qword UserMode.Timeout 16\n"
	"# service key: reg dword Tag 4\n"
	"# service key: reg sz \"Parameters\"\\Mode \"fast\"\n";

static char *settings_of(const char *fixture, enum inf_arch arch)
{
	struct inf *inf = load_fixture(fixture);
	struct inf_drivers ds;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	resolve_ok(inf, arch, &ds);
	assert_int_equal(vp_write_settings(f, &ds.d[0], "acme", "acme.inf", arch), 0);
	fclose(f);
	inf_drivers_free(&ds);
	inf_free(inf);
	return text;
}

static void acme_settings(void **state)
{
	char *text = settings_of("acme.inf", INF_ARCH_I686);

	(void)state;
	assert_string_equal(text, expected_acme_x86);
	free(text);
}

int run_settings_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(acme_settings),
	};

	return cmocka_run_group_tests_name("settings file", tests, NULL, NULL);
}
