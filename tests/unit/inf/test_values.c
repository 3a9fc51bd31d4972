// SPDX-License-Identifier: GPL-2.0
/* PCI hardware IDs and AddReg lines. */
#include <stdio.h>
#include <string.h>
#include "test_util.h"
#include "inf/inf_addreg.h"
#include "inf/inf_hwid.h"

static void pci_ids(void **state)
{
	struct inf_pci_id id;

	(void)state;
	assert_int_equal(inf_parse_pci_id("PCI\\VEN_1234&DEV_1111", &id), 1);
	assert_int_equal(id.vendor, 0x1234);
	assert_int_equal(id.device, 0x1111);
	assert_false(id.has_subsys);
	assert_false(id.has_rev);
	assert_int_equal(id.class_len, 0);

	assert_int_equal(inf_parse_pci_id("pci\\ven_1013&dev_00b8&subsys_11001af4&rev_5c",
					  &id), 1);
	assert_int_equal(id.vendor, 0x1013);
	assert_int_equal(id.device, 0x00b8);
	assert_true(id.has_subsys);
	assert_int_equal(id.subvendor, 0x1af4);	/* low half */
	assert_int_equal(id.subdevice, 0x1100);	/* high half */
	assert_true(id.has_rev);
	assert_int_equal(id.rev, 0x5c);

	assert_int_equal(inf_parse_pci_id("PCI\\VEN_1002&DEV_4C42&CC_030000", &id), 1);
	assert_int_equal(id.class_len, 3);
	assert_int_equal(id.class_code, 0x030000);
	assert_int_equal(inf_parse_pci_id("PCI\\VEN_1002&DEV_4C42&REV_01&CC_0300", &id), 1);
	assert_int_equal(id.class_len, 2);
	assert_int_equal(id.class_code, 0x0300);
	assert_int_equal(id.rev, 1);
}

static void pci_ids_other_and_bad(void **state)
{
	static const char *const bad[] = {
		"PCI\\VEN_123&DEV_1111", "PCI\\VEN_12345&DEV_1111",
		"PCI\\VEN_1234", "PCI\\VEN_1234&DEV_11G1",
		"PCI\\DEV_1111&VEN_1234", "PCI\\VEN_1234&DEV_1111&",
		"PCI\\VEN_1234&DEV_1111&SUBSYS_1234", "PCI\\VEN_1234&DEV_1111&FOO_1",
		"PCI\\VEN_1234&DEV_1111&REV_01&REV_02", "PCI\\VEN_1234&DEV_1111&CC_03",
		"PCI\\VEN_1234&DEV_1111 ",
	};
	struct inf_pci_id id;
	unsigned int i;

	(void)state;
	assert_int_equal(inf_parse_pci_id("*PNP0900", &id), 0);
	assert_int_equal(inf_parse_pci_id("ACPI\\VEN_1234&DEV_1111", &id), 0);
	assert_int_equal(inf_parse_pci_id("", &id), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (inf_parse_pci_id(bad[i], &id) != -1)
			fail_msg("accepted '%s'", bad[i]);
}

/* Parse the first line of [R] as AddReg. */
static int addreg(const char *line, struct inf **inf, struct inf_reg *r)
{
	char text[512];

	snprintf(text, sizeof(text), "[R]\n%s\n[Strings]\nREG_DWORD=0x00010001\n"
		 "REG_MULTI_SZ = 0x00010000\n", line);
	*inf = parse_str(text);
	assert_null((*inf)->error);
	return inf_parse_addreg(*inf, entry_of(*inf, "R", 0), r);
}

static void addreg_types(void **state)
{
	struct inf *inf;
	struct inf_reg r;

	(void)state;
	assert_int_equal(addreg("HKR,,VideoDebugLevel,%REG_DWORD%,0x10", &inf, &r), 0);
	assert_int_equal(r.root, INF_HKR);
	assert_string_equal(r.subkey, "");
	assert_string_equal(r.name, "VideoDebugLevel");
	assert_int_equal(r.kind, INF_REG_DWORD);
	assert_int_equal(r.regtype, 4);
	assert_int_equal(r.dword, 16);
	inf_reg_free(&r);
	inf_free(inf);

	assert_int_equal(addreg("hklm,\"Sub\\Key\",Name,,\"a b\"", &inf, &r), 0);
	assert_int_equal(r.root, INF_HKLM);
	assert_string_equal(r.subkey, "Sub\\Key");
	assert_int_equal(r.kind, INF_REG_SZ);
	assert_int_equal(r.nstrs, 1);
	assert_string_equal(r.strs[0], "a b");
	inf_reg_free(&r);
	inf_free(inf);

	assert_int_equal(addreg("HKR,,M,%REG_MULTI_SZ%,one,,\"two, three\"", &inf, &r), 0);
	assert_int_equal(r.kind, INF_REG_MULTI_SZ);
	assert_int_equal(r.nstrs, 2);
	assert_string_equal(r.strs[1], "two, three");
	inf_reg_free(&r);
	inf_free(inf);

	assert_int_equal(addreg("HKR,,E,0x00020000,%%SystemRoot%%\\x", &inf, &r), 0);
	assert_int_equal(r.kind, INF_REG_EXPAND_SZ);
	assert_string_equal(r.strs[0], "%SystemRoot%\\x");
	inf_reg_free(&r);
	inf_free(inf);
}

static void addreg_binary_and_flags(void **state)
{
	struct inf *inf;
	struct inf_reg r;

	(void)state;
	assert_int_equal(addreg("HKR,,B,1,00,0x7f,FF", &inf, &r), 0);
	assert_int_equal(r.kind, INF_REG_BINARY);
	assert_int_equal(r.regtype, 3);
	assert_int_equal(r.len, 3);
	assert_memory_equal(r.data, "\x00\x7f\xff", 3);
	inf_reg_free(&r);
	inf_free(inf);

	assert_int_equal(addreg("HKR,,D,0x00010001,01,02,03,84", &inf, &r), 0);
	assert_int_equal(r.kind, INF_REG_DWORD);
	assert_int_equal(r.dword, 0x84030201);
	inf_reg_free(&r);
	inf_free(inf);

	assert_int_equal(addreg("HKR,,Q,0x000B0001,1,0,0,0,0,0,0,2", &inf, &r), 0);
	assert_int_equal(r.kind, INF_REG_BINARY);
	assert_int_equal(r.regtype, 11);	/* REG_QWORD as raw bytes */
	assert_int_equal(r.len, 8);
	inf_reg_free(&r);
	inf_free(inf);

	assert_int_equal(addreg("HKR,,N,0x00020001", &inf, &r), 0);
	assert_int_equal(r.kind, INF_REG_NONE);
	inf_reg_free(&r);
	inf_free(inf);

	assert_int_equal(addreg("HKR,Sub,,0x10", &inf, &r), 0);
	assert_int_equal(r.kind, INF_REG_KEY);
	inf_reg_free(&r);
	inf_free(inf);

	assert_int_equal(addreg("HKR,Sub", &inf, &r), 0);
	assert_int_equal(r.kind, INF_REG_KEY);
	inf_reg_free(&r);
	inf_free(inf);

	assert_int_equal(addreg("HKR,,Gone,0x4,ignored,values", &inf, &r), 0);
	assert_int_equal(r.flags, FLG_ADDREG_DELVAL);
	inf_reg_free(&r);
	inf_free(inf);
}

static void addreg_errors(void **state)
{
	static const struct {
		const char *line;
		const char *msg;
	} cases[] = {
		{ "HKXX,,A,0,x", "must start with HKR" },
		{ "Key = HKR,,A,0,x", "must start with HKR" },
		{ "HKR,,A,%REG_WORD%,1", "bad AddReg flags '%REG_WORD%'" },
		{ "HKR,,A,0x00030000,1", "unknown AddReg value type" },
		{ "HKR,,A,%REG_DWORD%,twelve", "bad REG_DWORD value for A" },
		{ "HKR,,A,%REG_DWORD%,1,2", "bad REG_DWORD value for A" },
		{ "HKR,,A,%REG_DWORD%", "bad REG_DWORD value for A" },
		{ "HKR,,A,1,01,0x100", "bad binary byte '0x100' for A" },
		{ "HKR,,A,1,01,,02", "bad binary byte '' for A" },
		{ "HKR,,A,1,zz", "bad binary byte 'zz' for A" },
	};
	struct inf *inf;
	struct inf_reg r;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(addreg(cases[i].line, &inf, &r), -1);
		assert_error(inf, 2, cases[i].msg);
		inf_reg_free(&r);
		inf_free(inf);
	}
}

static void numbers(void **state)
{
	unsigned int v;

	(void)state;
	assert_int_equal(inf_parse_u32("0x10", &v), 0);
	assert_int_equal(v, 16);
	assert_int_equal(inf_parse_u32(" 010 ", &v), 0);
	assert_int_equal(v, 10);		/* decimal, not octal */
	assert_int_equal(inf_parse_u32("0XFFFFFFFF", &v), 0);
	assert_int_equal(v, 0xffffffffu);
	assert_int_equal(inf_parse_u32("0x100000000", &v), -1);
	assert_int_equal(inf_parse_u32("", &v), -1);
	assert_int_equal(inf_parse_u32("0x", &v), -1);
	assert_int_equal(inf_parse_u32("-1", &v), -1);
	assert_int_equal(inf_parse_u32("12abc", &v), -1);
}

int run_values_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pci_ids),
		cmocka_unit_test(pci_ids_other_and_bad),
		cmocka_unit_test(addreg_types),
		cmocka_unit_test(addreg_binary_and_flags),
		cmocka_unit_test(addreg_errors),
		cmocka_unit_test(numbers),
	};

	return cmocka_run_group_tests_name("inf values", tests, NULL, NULL);
}
