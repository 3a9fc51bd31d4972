// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "pe_test_util.h"
#include "pe_fake_dlls.h"

const struct pe_export_dll *const t_dlls_fake = pe_fake_dlls;

void *t_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;
	void *buf;

	if (!f)
		fail_msg("cannot open fixture %s (run make -C tests/fixtures/pe)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n ? (size_t)n : 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

const char *t_fixture(const char *rel)
{
	static char path[4096];
	const char *dir = getenv("PE_FIXTURES");

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/fixtures/pe/out", rel);
	return path;
}

void *t_seen_table;

static __attribute__((ms_abi)) unsigned int t_vpinit(void *a, void *b, void *c, void *d)
{
	(void)a;
	(void)b;
	(void)d;
	t_seen_table = c;
	return T_VPINIT_RET;
}

static unsigned int t_data_value = T_DATA_VALUE;

static __attribute__((ms_abi)) unsigned int t_hal17(unsigned int x)
{
	return T_HAL17_BASE + x;
}

static __attribute__((ms_abi)) unsigned int t_kereal(unsigned int x)
{
	return T_KEREAL_BASE + x;
}

static const struct pe_export t_videoprt_real[] = {
	{ "VideoPortInitialize", (void *)t_vpinit, 0, NULL },
	{ "VpDataValue", &t_data_value, 0, NULL },
};

static const struct pe_export t_hal_real[] = {
	{ "HalOrdinal17", (void *)t_hal17, 17, NULL },
	{ "KeForwarded", NULL, 0, "ntoskrnl.exe!KeReal" },
};

static const struct pe_export t_nt_real[] = {
	{ "KeReal", (void *)t_kereal, 0, NULL },
};

/* DLL names in other cases than the images use: lookups ignore case. */
const struct pe_export_dll t_dlls_real[3] = {
	{ "VIDEOPRT.SYS", t_videoprt_real, 2 },
	{ "HAL.dll", t_hal_real, 2 },
	{ "ntoskrnl.exe", t_nt_real, 1 },
};

const char *t_prot_at(const void *addr, char buf[4])
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	uintptr_t a = (uintptr_t)addr;

	strcpy(buf, "???");
	if (!f)
		return buf;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char perms[5];

		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 && a >= lo && a < hi) {
			memcpy(buf, perms, 3);
			buf[3] = '\0';
			break;
		}
	}
	fclose(f);
	return buf;
}
