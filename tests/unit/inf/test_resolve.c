// SPDX-License-Identifier: GPL-2.0
/* What an INF installs per architecture, and every missing piece named
 * with file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_util.h"

static const char mini[] =
	"[Version]\n"				/* 1 */
	"Signature=\"$CHICAGO$\"\n"
	"Class=Display\n"
	"[Manufacturer]\n"			/* 4 */
	"%Mfg%=Mfg, NTamd64\n"
	"[Mfg]\n"				/* 6 */
	"\"Card\" = card, PCI\\VEN_1234&DEV_1111\n"
	"[Mfg.NTamd64]\n"			/* 8 */
	"\"Card\" = card, PCI\\VEN_1234&DEV_1111\n"
	"[card]\n"				/* 10 */
	"CopyFiles=card.Files\n"
	"[card.SoftwareSettings]\n"		/* 12 */
	"AddReg=card.Reg\n"
	"[card.Reg]\n"				/* 14 */
	"HKR,,VideoDebugLevel,0x00010001,1\n"
	"[card.Services]\n"			/* 16 */
	"AddService=card,2,card.Svc\n"
	"[card.Svc]\n"				/* 18 */
	"ServiceType=1\n"
	"ServiceBinary=%12%\\card.sys\n"	/* 20 */
	"[card.Files]\n"
	"card.sys\n"				/* 22 */
	"[SourceDisksNames]\n"
	"1=\"Disk\"\n"				/* 24 */
	"[SourceDisksFiles]\n"
	"card.sys=1\n"				/* 26 */
	"[Strings]\n"
	"Mfg=\"M\"\n";

/* @mini with the first @from replaced by @to. */
static struct inf *variant(const char *from, const char *to)
{
	const char *at = strstr(mini, from);
	char *text;
	struct inf *inf;

	assert_non_null(at);
	text = malloc(sizeof(mini) + strlen(to));
	assert_non_null(text);
	sprintf(text, "%.*s%s%s", (int)(at - mini), mini, to, at + strlen(from));
	inf = parse_str(text);
	free(text);
	return inf;
}

static void minimal_inf(void **state)
{
	struct inf_drivers ds;
	struct inf *inf = parse_str(mini);

	(void)state;
	resolve_ok(inf, INF_ARCH_I686, &ds);
	assert_int_equal(ds.n, 1);
	assert_string_equal(ds.d[0].install, "card");
	assert_string_equal(ds.d[0].image, "card.sys");
	assert_string_equal(ds.d[0].sources[0], "card.sys");
	assert_string_equal(ds.d[0].service, "card");
	assert_string_equal(ds.d[0].desc, "Card");
	assert_int_equal(ds.d[0].nids, 1);
	assert_int_equal(devreg(&ds.d[0], "VideoDebugLevel")->dword, 1);
	inf_drivers_free(&ds);
	resolve_ok(inf, INF_ARCH_X86_64, &ds);
	assert_string_equal(ds.d[0].install, "card");
	inf_drivers_free(&ds);
	assert_int_equal(inf->nwarnings, 0);
	inf_free(inf);
}

static void acme_x86(void **state)
{
	struct inf *inf = load_fixture("acme.inf");
	struct inf_drivers ds;
	const struct inf_driver *d;

	(void)state;
	resolve_ok(inf, INF_ARCH_I686, &ds);
	assert_int_equal(ds.n, 1);	/* acme and acme_oem share acme.sys */
	d = &ds.d[0];
	assert_string_equal(d->install, "acme");
	assert_string_equal(d->image, "acme.sys");
	assert_string_equal(d->service, "acme");
	assert_string_equal(d->desc, "ACME Rage 3D");
	assert_string_equal(d->sources[0], "x86/acme.sys");
	assert_int_equal(d->nids, 4);
	assert_int_equal(d->ids[0].device, 0x4742);
	assert_int_equal(d->ids[1].device, 0x4750);
	assert_int_equal(d->ids[1].subvendor, 0x1002);
	assert_int_equal(d->ids[1].subdevice, 0x0084);
	assert_int_equal(d->ids[1].rev, 0x5c);
	assert_int_equal(d->ids[2].class_code, 0x0300);
	assert_int_equal(d->ids[3].subvendor, 0x1043);
	assert_int_equal(d->ids[3].subdevice, 0x8008);
	assert_int_equal(d->devregs.n, 16);
	assert_int_equal(devreg(d, "Device0Value")->dword, 3);	/* HKLM ...\Device0 */
	assert_string_equal(devreg(d, "Device0Value")->subkey, "");
	assert_string_equal(devreg(d, "Display Name")->strs[0],
			    "ACME \"Rage\" 3D, rev. A");
	assert_int_equal(devreg(d, "MemoryMap")->len, 6);
	assert_memory_equal(devreg(d, "MemoryMap")->data, "\x01\x02\x0a\xff\x10\x20", 6);
	assert_int_equal(devreg(d, "Flags")->dword, 0x80000001);
	assert_int_equal(d->svcregs.n, 2);
	assert_string_equal(d->svcregs.r[1].subkey, "Parameters");
	assert_true(has_warning(inf, "acme.inf:94: registry value SOFTWARE\\ACME\\Rage\\Unrelated is outside the device key"));
	assert_true(has_warning(inf, "acme.inf:27: not a PCI ID, skipped: *PNP0900"));
	assert_true(has_warning(inf, "acme.sys also installed by [acme_oem]"));
	inf_drivers_free(&ds);
	inf_free(inf);
}

static void acme_amd64(void **state)
{
	struct inf *inf = load_fixture("acme.inf");
	struct inf_drivers ds;
	const struct inf_driver *d;

	(void)state;
	resolve_ok(inf, INF_ARCH_X86_64, &ds);
	assert_int_equal(ds.n, 1);
	d = &ds.d[0];
	assert_string_equal(d->install, "acme64.NTamd64");
	assert_string_equal(d->image, "acme64.sys");
	assert_string_equal(d->service, "acme64");
	assert_string_equal(d->sources[0], "amd64/drivers/acme_x64.sys");
	assert_int_equal(d->nids, 2);
	assert_int_equal(d->ids[1].subdevice, 0x0084);
	assert_int_equal(d->devregs.n, 2);
	assert_int_equal(devreg(d, "VideoDebugLevel")->dword, 2);
	assert_int_equal(d->svcregs.n, 0);
	inf_drivers_free(&ds);
	inf_free(inf);
}

struct broken {
	const char *from, *to;
	enum inf_arch arch;
	unsigned int line;
	const char *msg;
};

static const struct broken broken[] = {
	{ "[Version]\nSignature=\"$CHICAGO$\"\nClass=Display\n", "", INF_ARCH_I686,
	  0, "no [Version] section" },
	{ "Signature=\"$CHICAGO$\"", "Sig=1", INF_ARCH_I686, 1, "[Version] has no Signature" },
	{ "$CHICAGO$", "$Win95$", INF_ARCH_I686, 2, "unknown Signature '$Win95$'" },
	{ "[Manufacturer]\n%Mfg%=Mfg, NTamd64\n", "", INF_ARCH_I686, 0,
	  "no [Manufacturer] section" },
	{ "%Mfg%=Mfg, NTamd64", "%Mfg%=, NTamd64", INF_ARCH_I686, 5,
	  "manufacturer without a models section" },
	{ "[Mfg.NTamd64]", "[Other]", INF_ARCH_X86_64, 5,
	  "models section [Mfg.NTamd64] not found" },
	{ "%Mfg%=Mfg, NTamd64", "%Mfg%=Mfg", INF_ARCH_X86_64, 4,
	  "this driver is 32-bit: it runs on an i386 kernel (see README)" },
	{ "%Mfg%=Mfg, NTamd64\n[Mfg]", "%Mfg%=Mfg, NTamd64.6.0\n[MfgOld]", INF_ARCH_X86_64, 4,
	  "its models are for Windows Vista (6.0) or later" },
	{ "%Mfg%=Mfg, NTamd64\n[Mfg]", "%Mfg%=Mfg, NTamd64\n[MfgOld]", INF_ARCH_I686, 4,
	  "this driver is 64-bit: it runs on an x86_64 kernel (see README)" },
	{ "%Mfg%=Mfg, NTamd64\n[Mfg]", "%Mfg%=Mfg, NTia64\n[MfgOld]", INF_ARCH_X86_64, 4,
	  "this driver is for Itanium or ARM Windows" },
	{ "[card]", "[cardx]", INF_ARCH_I686, 7, "install section [card] not found" },
	{ "card, PCI\\VEN_1234&DEV_1111", "card", INF_ARCH_I686, 7,
	  "model line needs an install section and a hardware ID" },
	{ "PCI\\VEN_1234&DEV_1111", "PCI\\VEN_12&DEV_1111", INF_ARCH_I686, 7,
	  "bad PCI hardware ID 'PCI\\VEN_12&DEV_1111'" },
	{ "[card.Services]", "[card.Svcs]", INF_ARCH_I686, 10,
	  "no [card.Services] section for the miniport" },
	{ "AddService=card,2,card.Svc", "Include=x.inf", INF_ARCH_I686, 16,
	  "[card.Services] has no AddService" },
	{ "card,2,card.Svc", "card,2,card.Nope", INF_ARCH_I686, 17,
	  "service install section [card.Nope] not found" },
	{ "ServiceBinary=%12%\\card.sys", "StartType=3", INF_ARCH_I686, 18,
	  "[card.Svc] names no ServiceBinary" },
	{ "CopyFiles=card.Files", "CopyFiles=card.Nope", INF_ARCH_I686, 11,
	  "CopyFiles section [card.Nope] not found" },
	{ "card.sys\n[SourceDisksNames]", "other.sys\n[SourceDisksNames]",
	  INF_ARCH_I686, 10, "card.sys is not copied by CopyFiles of [card]" },
	{ "1=\"Disk\"", "2=\"Disk\"", INF_ARCH_I686, 26,
	  "disk '1' is not listed in [SourceDisksNames]" },
	{ "1=\"Disk\"", "1=\"Disk\",,,..\\up", INF_ARCH_I686, 26,
	  "source path of card.sys leaves the INF's folder" },
	{ "AddReg=card.Reg", "AddReg=card.Nope", INF_ARCH_I686, 13,
	  "AddReg section [card.Nope] not found" },
	{ "HKR,,VideoDebugLevel,0x00010001,1", "HKR,,VideoDebugLevel,0x00010001",
	  INF_ARCH_I686, 15, "bad REG_DWORD value for VideoDebugLevel" },
};

static void missing_sections(void **state)
{
	struct inf_drivers ds;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		struct inf *inf = variant(broken[i].from, broken[i].to);

		if (!inf_resolve(inf, broken[i].arch, NULL, &ds))
			fail_msg("case %u (%s) resolved", i, broken[i].msg);
		assert_int_equal(ds.n, 0);
		assert_error(inf, broken[i].line, broken[i].msg);
		inf_free(inf);
	}
}

static void warnings_and_decorations(void **state)
{
	struct inf_drivers ds;
	struct inf *inf;

	(void)state;
	/* undecorated models are x86 only; the NTamd64-less INF still
	 * installs on i686 and says why x86_64 gets nothing */
	inf = variant("%Mfg%=Mfg, NTamd64", "%Mfg%=Mfg");
	assert_int_equal(inf_resolve(inf, INF_ARCH_X86_64, NULL, &ds), -1);
	assert_error(inf, 4, "its models have no NTamd64 section for x86_64");
	inf_free(inf);
	/* NT decoration with a version suffix counts as its architecture */
	inf = variant("%Mfg%=Mfg, NTamd64\n[Mfg]", "%Mfg%=Mfg, NTx86.5.1, NTamd64.5.2\n[Mfg.NTx86.5.1]");
	resolve_ok(inf, INF_ARCH_I686, &ds);
	inf_drivers_free(&ds);
	inf_free(inf);
	inf = variant("Class=Display", "Class=Net");
	resolve_ok(inf, INF_ARCH_I686, &ds);
	assert_true(has_warning(inf, "test.inf:3: Class is 'Net', not Display"));
	inf_drivers_free(&ds);
	inf_free(inf);
	inf = variant("[card.SoftwareSettings]\nAddReg=card.Reg\n", "");
	resolve_ok(inf, INF_ARCH_I686, &ds);
	assert_int_equal(ds.d[0].devregs.n, 0);
	assert_true(has_warning(inf, "no [card.SoftwareSettings]"));
	inf_drivers_free(&ds);
	inf_free(inf);
}

static void syntax_error_stops_resolve(void **state)
{
	struct inf_drivers ds;
	struct inf *inf = variant("Class=Display", "Class=\"Display");

	(void)state;
	assert_int_equal(inf_resolve(inf, INF_ARCH_I686, NULL, &ds), -1);
	assert_error(inf, 3, "unterminated quoted string");
	inf_free(inf);
}

int run_resolve_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(minimal_inf),
		cmocka_unit_test(acme_x86),
		cmocka_unit_test(acme_amd64),
		cmocka_unit_test(missing_sections),
		cmocka_unit_test(warnings_and_decorations),
		cmocka_unit_test(syntax_error_stops_resolve),
	};

	return cmocka_run_group_tests_name("inf resolve", tests, NULL, NULL);
}
