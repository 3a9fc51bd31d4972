// SPDX-License-Identifier: GPL-2.0
/*
 * Resolution with the other INFs of a disk (Include=, Needs=, LayoutFile=)
 * served from memory, TargetOSVersion choice, merged sections and what
 * each copied file is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "test_util.h"

struct mem_file {
	const char *name;
	const char *text;
};

static struct inf *mem_open(void *ctx, const char *name)
{
	const struct mem_file *f;

	for (f = ctx; f->name; f++)
		if (!strcasecmp(f->name, name))
			return inf_parse(f->name, f->text, strlen(f->text));
	return NULL;
}

#define HEAD \
	"[Version]\nSignature=\"$Windows NT$\"\nClass=Display\n"

static const char main_inf[] =
	HEAD						/* 1-3 */
	"LayoutFile=lay.inf\n"				/* 4 */
	"[Manufacturer]\n"				/* 5 */
	"M=M, NTx86.6.0, NTx86.5.1, NT\n"		/* 6 */
	"[M.NTx86.5.1]\n"				/* 7 */
	"D=card, PCI\\VEN_1234&DEV_0001\n"		/* 8 */
	"[M.NTx86.6.0]\n"
	"D=wrong, PCI\\VEN_1234&DEV_0002\n"		/* 10 */
	"[M.NT]\n"
	"D=wrong, PCI\\VEN_1234&DEV_0003\n"		/* 12 */
	"[card]\n"
	"Include=main.inf, common.inf, ks.inf\n"	/* 14 */
	"Needs=Common.Install, KS.Registration\n"	/* 15 */
	"[card.Services]\n"
	"Include=common.inf\n"
	"Needs=Common.Services\n"			/* 18 */
	"[card.SoftwareSettings]\n"
	"AddReg=card.Reg\n"				/* 20 */
	"[card.Reg]\n"
	"HKR,,InstalledDisplayDrivers,0x00010000,carddd\n";

static const char common_inf[] =
	HEAD
	"[Common.Install]\n"				/* 4 */
	"CopyFiles=Common.Files\n"
	"Include=main.inf\n"				/* 6: a cycle */
	"[Common.Files]\n"
	"cardmp.sys\n"					/* 8 */
	"carddd.dll\n"
	"card.hlp\n"					/* 10 */
	"[Common.Services]\n"
	"AddService=cardmp,2,Common.Svc\n"		/* 12 */
	"[Common.Svc]\n"
	"ServiceBinary=%12%\\cardmp.sys\n";		/* 14 */

static const char lay_inf[] =
	HEAD
	"[SourceDisksNames.x86]\n"
	"3=\"CD\",,,\\i386\n"
	"[SourceDisksFiles.x86]\n"
	"cardmp.sys=3,sub\n";

static const struct mem_file disk_files[] = {
	{ "main.inf", main_inf },
	{ "common.inf", common_inf },
	{ "lay.inf", lay_inf },
	{ NULL, NULL },
};

static void include_needs_layout(void **state)
{
	struct inf_disk disk = { mem_open, (void *)disk_files };
	struct inf *inf = parse_str(main_inf);
	struct inf_drivers ds;
	const struct inf_driver *d;

	(void)state;
	assert_int_equal(inf_resolve(inf, INF_ARCH_I686, &disk, &ds), 0);
	assert_int_equal(ds.n, 1);
	d = &ds.d[0];
	/* NTx86.5.1 is the closest to XP; 6.0 is later, NT less specific */
	assert_string_equal(ds.pkg.models, "[M.NTx86.5.1]");
	assert_string_equal(d->image, "cardmp.sys");
	assert_string_equal(d->service, "cardmp");
	assert_int_equal(d->nsources, 1);
	assert_string_equal(d->sources[0], "i386/sub/cardmp.sys");
	assert_non_null(strstr(d->source_how, "of lay.inf"));
	assert_int_equal(d->nfiles, 3);
	assert_int_equal(d->files[0].role, INF_FILE_MINIPORT);
	assert_int_equal(d->files[1].role, INF_FILE_DISPLAY_DLL);
	assert_int_equal(d->files[2].role, INF_FILE_HELP);
	assert_true(has_warning(inf, "test.inf:14: Include=ks.inf is the INF of Windows' kernel streaming"));
	assert_true(has_warning(inf, "test.inf:15: Needs=KS.Registration: not found"));
	inf_drivers_free(&ds);
	inf_free(inf);
}

static void include_broken(void **state)
{
	static const struct mem_file files[] = {
		{ "common.inf", HEAD "[Common.Install]\nCopyFiles=\"open\n" },
		{ NULL, NULL },
	};
	struct inf_disk disk = { mem_open, (void *)files };
	struct inf *inf = parse_str(main_inf);
	struct inf_drivers ds;

	(void)state;
	assert_int_equal(inf_resolve(inf, INF_ARCH_I686, &disk, &ds), -1);
	assert_string_equal(inf->error, "common.inf:5: unterminated quoted string");
	inf_free(inf);
}

/* A models section that shares its name with an install section. */
static void merged_models_and_install(void **state)
{
	static const char text[] =
		HEAD
		"[Manufacturer]\n"
		"M=card\n"
		"[card]\n"
		"D=card, PCI\\VEN_1234&DEV_0001\n"
		"[card]\n"
		"CopyFiles=card.Files\n"
		"Reboot\n"
		"[card.Files]\n"
		"card.sys\n"
		"card.cpl\n"
		"[card.Services]\n"
		"AddService=card,2,card.Svc\n"
		"[card.Svc]\n"
		"ServiceBinary=%12%\\card.sys\n"
		"[card.SoftwareSettings]\n";
	struct inf *inf = parse_str(text);
	struct inf_drivers ds;

	(void)state;
	resolve_ok(inf, INF_ARCH_I686, &ds);
	assert_int_equal(ds.n, 1);
	assert_int_equal(ds.d[0].nids, 1);
	assert_int_equal(inf->nwarnings, 0);
	assert_int_equal(ds.d[0].files[1].role, INF_FILE_CONTROL_PANEL);
	/* not listed anywhere: looked for next to the INF */
	assert_int_equal(ds.d[0].nsources, 1);
	assert_string_equal(ds.d[0].sources[0], "card.sys");
	inf_drivers_free(&ds);
	inf_free(inf);
}

/* An INF that includes itself, over and over: opened once. */
static void include_cycle(void **state)
{
	static const struct mem_file files[] = {
		{ "common.inf", HEAD "[Common.Install]\nInclude=common.inf,common.inf\nNeeds=Common.Install\n" },
		{ NULL, NULL },
	};
	struct inf_disk disk = { mem_open, (void *)files };
	struct inf *inf = parse_str(main_inf);
	struct inf_drivers ds;

	(void)state;
	assert_int_equal(inf_resolve(inf, INF_ARCH_I686, &disk, &ds), -1);
	assert_error(inf, 16, "[card.Services] has no AddService");
	inf_free(inf);
}

int run_disk_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(include_needs_layout),
		cmocka_unit_test(include_broken),
		cmocka_unit_test(merged_models_and_install),
		cmocka_unit_test(include_cycle),
	};

	return cmocka_run_group_tests_name("inf disk", tests, NULL, NULL);
}
