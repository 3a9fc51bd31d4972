// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the PE loader over fixture images built by mingw-w64
 * (tests/fixtures/pe): loading, relocation, linking, exports, protections,
 * the /GS cookie, .pdata, the symbolizer and the parse-only API.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "pe-loader/pe_loader.h"
#include "pe-loader/user/pe_os_user.h"
#include "pe_test_util.h"

typedef __attribute__((ms_abi)) long (*t_entry_fn)(void *drv, void *reg);
typedef __attribute__((ms_abi)) unsigned int (*t_ulong_fn)(unsigned int x);

static char t_err[512];

static int t_load(const char *rel, const char *name, const struct pe_export_dll *dlls,
		  unsigned int ndlls, struct pe_image **img)
{
	struct pe_load_params p = {
		.name = name, .dlls = dlls, .ndlls = ndlls, .err = t_err, .errlen = sizeof(t_err),
	};
	int ret;

	p.data = t_read_file(t_fixture(rel), &p.len);
	ret = pe_load(&p, img);
	free((void *)p.data);
	return ret;
}

static struct pe_info *t_parse(const char *rel, const char *name)
{
	struct pe_info *info;
	size_t len;
	void *data = t_read_file(t_fixture(rel), &len);
	int ret = pe_parse(name, data, len, &info, t_err, sizeof(t_err));

	free(data);
	if (ret)
		fail_msg("pe_parse(%s) = %d: %s", rel, ret, t_err);
	return info;
}

static const struct pe_section_info *t_section(const struct pe_info *info, const char *name)
{
	unsigned int i;

	for (i = 0; i < info->nsections; i++)
		if (!strcmp(info->sections[i].name, name))
			return &info->sections[i];
	fail_msg("no section %s", name);
	return NULL;
}

static bool t_in_section(const struct pe_info *info, const char *name, const uint8_t *base,
			 const void *p)
{
	const struct pe_section_info *s = t_section(info, name);

	return (const uint8_t *)p >= base + s->rva && (const uint8_t *)p < base + s->rva + s->vsize;
}

static void x64_basic_entry_returns_sum(void **state)
{
	struct pe_image *img;
	t_entry_fn entry;

	(void)state;
	assert_int_equal(t_load("x86_64/basic.sys", "basic.sys", t_dlls_real, 3, &img), 0);
	assert_int_equal(pe_image_machine(img), PE_MACHINE_AMD64);
	assert_string_equal(pe_image_name(img), "basic.sys");
	entry = (t_entry_fn)pe_entry_point(img);
	assert_non_null(entry);
	t_seen_table = NULL;
	assert_int_equal(entry(NULL, NULL), T_BASIC_RESULT);
	assert_ptr_equal(t_seen_table, pe_image_export(img, "basic_table"));
	pe_unload(img);
}

static void x64_basic_relocated_pointers(void **state)
{
	struct pe_info *info = t_parse("x86_64/basic.sys", "basic.sys");
	struct pe_image *img;
	void **table;
	uint8_t *base;

	(void)state;
	assert_int_equal(t_load("x86_64/basic.sys", "basic.sys", t_dlls_real, 3, &img), 0);
	base = pe_image_base(img);
	/* Not at its preferred base, so the relocations really ran. */
	assert_true((uintptr_t)base != info->hdr.image_base);
	assert_int_equal(pe_image_size(img), info->hdr.size_of_image);
	table = pe_image_export(img, "basic_table");
	assert_non_null(table);
	assert_ptr_equal(table[0], pe_image_export(img, "basic_counter"));
	assert_ptr_equal(table[2], pe_image_export(img, "BasicPaged"));
	assert_true(t_in_section(info, ".rdata", base, table[1]));
	assert_true(t_in_section(info, ".bss", base, table[3]));
	assert_int_equal(*(unsigned int *)table[0], 5);
	assert_int_equal(*(unsigned int *)table[1], 0x1234);
	assert_int_equal(info->nrelocs, 5);	/* basic_table[4] + the cookie pointer */
	pe_unload(img);
	pe_info_free(info);
}

static void x64_basic_exports_and_forwarders(void **state)
{
	struct pe_image *img;
	t_ulong_fn fn;

	(void)state;
	assert_int_equal(t_load("x86_64/basic.sys", "basic.sys", t_dlls_real, 3, &img), 0);
	fn = (t_ulong_fn)pe_image_export(img, "BasicPaged");
	assert_non_null(fn);
	assert_int_equal(fn(3), 6 + 0x1234);
	assert_ptr_equal(pe_image_export_ordinal(img, 5), (void *)fn);
	/* NONAME: only by ordinal */
	assert_null(pe_image_export(img, "BasicOrdOnly"));
	fn = (t_ulong_fn)pe_image_export_ordinal(img, 9);
	assert_non_null(fn);
	assert_int_equal(fn(1), 8);
	/* NTOSKRNL.KeReal, and HAL.KeForwarded which our hal.dll forwards on */
	fn = (t_ulong_fn)pe_image_export(img, "FwdA");
	assert_non_null(fn);
	assert_int_equal(fn(10), T_KEREAL_BASE + 10);
	assert_ptr_equal(pe_image_export(img, "FwdB"), (void *)fn);
	assert_null(pe_image_export(img, "NoSuchExport"));
	assert_null(pe_image_export_ordinal(img, 4242));
	pe_unload(img);
}

static void x64_basic_page_protections(void **state)
{
	struct pe_info *info = t_parse("x86_64/basic.sys", "basic.sys");
	static const struct { const char *sec, *prot; } want[] = {
		{ ".text", "r-x" }, { "PAGE", "r-x" }, { "INIT", "r-x" }, { ".data", "rw-" },
		{ ".rdata", "r--" }, { ".pdata", "r--" }, { ".bss", "rw-" }, { ".edata", "r--" },
		{ ".idata", "rw-" }, { ".reloc", "r--" },
	};
	struct pe_image *img;
	uint8_t *base;
	char prot[4];
	unsigned int i;

	(void)state;
	assert_int_equal(t_load("x86_64/basic.sys", "basic.sys", t_dlls_real, 3, &img), 0);
	base = pe_image_base(img);
	assert_string_equal(t_prot_at(base, prot), "r--");	/* headers */
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct pe_section_info *s = t_section(info, want[i].sec);

		if (strcmp(t_prot_at(base + s->rva, prot), want[i].prot))
			fail_msg("section %s mapped %s, want %s", want[i].sec, prot, want[i].prot);
	}
	pe_unload(img);
	pe_info_free(info);
}

/* Offset of section @name's header in the raw file. */
static size_t t_section_header(const uint8_t *file, const char *name)
{
	uint32_t nt, i;
	uint16_t nsec, optsz;

	memcpy(&nt, file + 0x3c, 4);
	memcpy(&nsec, file + nt + 6, 2);
	memcpy(&optsz, file + nt + 20, 2);
	for (i = 0; i < nsec; i++) {
		size_t h = nt + 24 + optsz + 40 * i;

		if (!strncmp((const char *)file + h, name, 8))
			return h;
	}
	fail_msg("no section %s", name);
	return 0;
}

static void t_zero_checksum(uint8_t *file)
{
	uint32_t lfanew;

	memcpy(&lfanew, file + 0x3c, 4);
	memset(file + lfanew + 24 + 64, 0, 4);
}

/* A writable+executable section (old INIT style) loads read+execute. */
static void x64_wx_section_mapped_rx(void **state)
{
	struct pe_info *info = t_parse("x86_64/basic.sys", "basic.sys");
	struct pe_load_params p = {
		.name = "basic.sys", .dlls = t_dlls_real, .ndlls = 3, .err = t_err, .errlen = sizeof(t_err),
	};
	struct pe_image *img;
	uint8_t *file;
	uint32_t chars;
	size_t h;
	char prot[4];

	(void)state;
	file = t_read_file(t_fixture("x86_64/basic.sys"), &p.len);
	h = t_section_header(file, "INIT");
	memcpy(&chars, file + h + 36, 4);
	chars |= PE_SCN_MEM_WRITE;
	memcpy(file + h + 36, &chars, 4);
	p.data = file;
	/* the edit breaks the CheckSum ld wrote */
	assert_int_equal(pe_load(&p, &img), -ENOEXEC);
	assert_non_null(strstr(t_err, "does not match the file's checksum"));
	/* CheckSum 0 means "not set": not verified, as on Windows */
	t_zero_checksum(file);
	assert_int_equal(pe_load(&p, &img), 0);
	assert_string_equal(t_prot_at((uint8_t *)pe_image_base(img) + t_section(info, "INIT")->rva, prot),
			    "r-x");
	assert_int_equal(((t_entry_fn)pe_entry_point(img))(NULL, NULL), T_BASIC_RESULT);
	pe_unload(img);
	free(file);
	pe_info_free(info);
}

static void x64_basic_cookie_randomised(void **state)
{
	struct pe_info *info = t_parse("x86_64/basic.sys", "basic.sys");
	struct pe_image *a, *b;
	uint64_t ca, cb;

	(void)state;
	assert_true(info->has_cookie);
	assert_int_equal(info->cookie, 0x2B992DDFA232ull);
	assert_int_equal(t_load("x86_64/basic.sys", "basic.sys", t_dlls_real, 3, &a), 0);
	assert_int_equal(t_load("x86_64/basic.sys", "basic.sys", t_dlls_real, 3, &b), 0);
	assert_non_null(pe_image_cookie(a));
	memcpy(&ca, pe_image_cookie(a), 8);
	memcpy(&cb, pe_image_cookie(b), 8);
	assert_int_not_equal(ca, 0x2B992DDFA232ull);
	assert_int_not_equal(ca, 0);
	assert_int_equal(ca >> 48, 0);
	assert_int_not_equal(ca, cb);
	/* the cookie is the image's __security_cookie in .data */
	assert_true((uint8_t *)pe_image_cookie(a) - (uint8_t *)pe_image_base(a) >=
		    t_section(info, ".data")->rva);
	assert_true((uint8_t *)pe_image_cookie(a) - (uint8_t *)pe_image_base(a) <
		    t_section(info, ".data")->rva + t_section(info, ".data")->vsize);
	pe_unload(a);
	pe_unload(b);
	pe_info_free(info);
}

static void x64_basic_pdata(void **state)
{
	struct pe_image *img;
	const struct pe_runtime_function *rf;
	unsigned int n, i;

	(void)state;
	assert_int_equal(t_load("x86_64/basic.sys", "basic.sys", t_dlls_real, 3, &img), 0);
	rf = pe_image_pdata(img, &n);
	assert_non_null(rf);
	assert_int_equal(n, 3);	/* BasicPaged, BasicOrdOnly, DriverEntry */
	for (i = 0; i < n; i++) {
		assert_true(rf[i].begin_rva < rf[i].end_rva);
		assert_true(rf[i].end_rva <= pe_image_size(img));
	}
	pe_unload(img);
}

static void x64_symbolize(void **state)
{
	struct pe_image *img;
	uint8_t *base;
	char buf[64];

	(void)state;
	assert_int_equal(t_load("x86_64/basic.sys", "/lib/firmware/vpwrap/basic.sys",
				t_dlls_real, 3, &img), 0);
	base = pe_image_base(img);
	assert_int_equal(pe_symbolize(img, base + 0x1234, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "basic.sys+0x1234");
	assert_int_equal(pe_symbolize(img, base, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "basic.sys+0x0");
	assert_int_equal(pe_symbolize(img, base + pe_image_size(img), buf, sizeof(buf)), -ERANGE);
	assert_int_equal(pe_symbolize(img, base - 1, buf, sizeof(buf)), -ERANGE);
	pe_unload(img);
}

static void x64_noreloc_runs_anywhere(void **state)
{
	struct pe_info *info = t_parse("x86_64/noreloc.sys", "noreloc.sys");
	struct pe_image *img;

	(void)state;
	assert_false(info->has_reloc_dir);
	assert_int_equal(info->nrelocs, 0);
	assert_int_equal(t_load("x86_64/noreloc.sys", "noreloc.sys", t_dlls_real, 3, &img), 0);
	assert_true((uintptr_t)pe_image_base(img) != info->hdr.image_base);
	assert_int_equal(((t_entry_fn)pe_entry_point(img))(NULL, NULL), 40 + T_VPINIT_RET + 2);
	pe_unload(img);
	pe_info_free(info);
}

static void i686_basic_linked_and_relocated(void **state)
{
	struct pe_info *info = t_parse("i686/basic.sys", "basic.sys");
	struct pe_image *img;
	uint8_t *base;
	uint32_t table[4], slot, cookie;
	unsigned int i, j;

	(void)state;
	assert_int_equal(info->hdr.machine, PE_MACHINE_I386);
	assert_false(info->hdr.pe32plus);
	assert_int_equal(info->cookie, 0xBB40E64Eu);
	assert_int_equal(t_load("i686/basic.sys", "basic.sys", t_dlls_fake, 3, &img), 0);
	assert_int_equal(pe_image_machine(img), PE_MACHINE_I386);
	base = pe_image_base(img);
	assert_true((uintptr_t)base < 0x100000000ull);
	memcpy(table, pe_image_export(img, "basic_table"), sizeof(table));
	assert_int_equal(table[0], (uint32_t)(uintptr_t)pe_image_export(img, "basic_counter"));
	assert_int_equal(table[2], (uint32_t)(uintptr_t)pe_image_export(img, "BasicPaged"));
	assert_true(t_in_section(info, ".rdata", base, (void *)(uintptr_t)table[1]));
	assert_true(t_in_section(info, ".bss", base, (void *)(uintptr_t)table[3]));
	/* every IAT slot holds the registered (fake) address */
	for (i = 0; i < info->ndlls; i++) {
		const struct pe_import_dll_info *d = &info->dlls[i];

		for (j = 0; j < d->count; j++) {
			const struct pe_import_info *e = &d->imports[j];
			uint32_t want = !e->name ? T_FAKE_HAL17 :
				!strcmp(e->name, "VideoPortInitialize") ? T_FAKE_VPINIT :
				!strcmp(e->name, "VpDataValue") ? T_FAKE_DATA :
				!strcmp(e->name, "KeForwarded") ? T_FAKE_KEREAL : 0;

			memcpy(&slot, base + e->iat_rva, 4);
			assert_int_equal(slot, want);
		}
	}
	memcpy(&cookie, pe_image_cookie(img), 4);
	assert_int_not_equal(cookie, 0xBB40E64Eu);
	assert_int_not_equal(cookie, 0);
	assert_null(pe_image_export(img, "BasicOrdOnly"));
	assert_non_null(pe_image_export_ordinal(img, 9));
	pe_unload(img);
	pe_info_free(info);
}

static void i686_refuses_addresses_above_4g(void **state)
{
	static const struct pe_export vp[] = {
		{ "VideoPortInitialize", (void *)(uintptr_t)0x123456789000ull, 0, NULL },
		{ "VpDataValue", (void *)(uintptr_t)T_FAKE_DATA, 0, NULL },
	};
	struct pe_export_dll dlls[3] = { { "videoprt.sys", vp, 2 }, t_dlls_fake[1], t_dlls_fake[2] };
	struct pe_image *img;

	(void)state;
	assert_int_equal(t_load("i686/basic.sys", "basic.sys", dlls, 3, &img), -EOPNOTSUPP);
	assert_null(img);
	assert_string_equal(t_err, "basic.sys: i386 image: videoprt.sys!VideoPortInitialize resolves to 0x123456789000, above 4 GiB");
}

static void i686_noreloc_stripped_refused(void **state)
{
	struct pe_image *img;

	(void)state;
	assert_int_equal(t_load("i686/noreloc.sys", "noreloc.sys", t_dlls_fake, 3, &img), -EOPNOTSUPP);
	assert_null(img);
	assert_string_equal(t_err, "noreloc.sys: relocations stripped and the image cannot stay at its base 0x62740000");
}

static void missing_listed_in_one_message(void **state)
{
	static const char *const arch[] = { "x86_64/missing.sys", "i686/missing.sys" };
	long live = pe_os_user_live_allocs;
	struct pe_image *img;
	unsigned int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		assert_int_equal(t_load(arch[i], "missing.sys", t_dlls_fake, 3, &img), -ENOENT);
		assert_null(img);
		assert_string_equal(t_err, "missing.sys: 3 unresolved imports: hal.dll!#18, ntoskrnl.exe!NtBar, videoprt.sys!VideoPortFoo");
		assert_int_equal(pe_os_user_live_allocs, live);
	}
}

static unsigned int t_note_calls;

/* The host's note: one import annotated, the other unresolved ones not. */
static const char *t_note(const char *dll, const char *name)
{
	t_note_calls++;
	assert_non_null(name);		/* never asked about ordinals */
	if (!strcasecmp(dll, "NTOSKRNL.EXE") && !strcmp(name, "NtBar"))
		return "refused by design";
	return NULL;
}

static void missing_annotated_by_host(void **state)
{
	static const char *const arch[] = { "x86_64/missing.sys", "i686/missing.sys" };
	struct pe_load_params p = {
		.name = "missing.sys", .dlls = t_dlls_fake, .ndlls = 3,
		.err = t_err, .errlen = sizeof(t_err), .unresolved_note = t_note,
	};
	struct pe_image *img;
	unsigned int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		t_note_calls = 0;
		p.data = t_read_file(t_fixture(arch[i]), &p.len);
		assert_int_equal(pe_load(&p, &img), -ENOENT);
		free((void *)p.data);
		assert_null(img);
		assert_string_equal(t_err, "missing.sys: 3 unresolved imports: hal.dll!#18, ntoskrnl.exe!NtBar (refused by design), videoprt.sys!VideoPortFoo");
		/* the two unresolved names; not the ordinal, not what resolved */
		assert_int_equal(t_note_calls, 2);
	}
}

static void unregistered_dlls_all_unresolved(void **state)
{
	struct pe_image *img;

	(void)state;
	assert_int_equal(t_load("x86_64/basic.sys", "basic.sys", t_dlls_real, 1, &img), -ENOENT);
	assert_string_equal(t_err, "basic.sys: 2 unresolved imports: hal.dll!#17, hal.dll!KeForwarded");
	assert_int_equal(t_load("x86_64/basic.sys", "basic.sys", NULL, 0, &img), -ENOENT);
	assert_string_equal(t_err, "basic.sys: 4 unresolved imports: hal.dll!#17, hal.dll!KeForwarded, videoprt.sys!VideoPortInitialize, videoprt.sys!VpDataValue");
}

static void registered_forwarder_loop(void **state)
{
	static const struct pe_export hal[] = {
		{ "HalOrdinal17", (void *)(uintptr_t)T_FAKE_HAL17, 17, NULL },
		{ "KeForwarded", NULL, 0, "ntoskrnl.exe!KeLoop" },
	};
	static const struct pe_export nt[] = {
		{ "KeLoop", NULL, 0, "hal.dll!KeForwarded" },
	};
	struct pe_export_dll dlls[3] = { t_dlls_fake[0], { "hal.dll", hal, 2 }, { "ntoskrnl.exe", nt, 1 } };
	struct pe_image *img;

	(void)state;
	assert_int_equal(t_load("x86_64/basic.sys", "basic.sys", dlls, 3, &img), -ENOENT);
	assert_string_equal(t_err, "basic.sys: 1 unresolved import: hal.dll!KeForwarded (forwarder loop)");
}

static void registered_forward_by_ordinal(void **state)
{
	static const struct pe_export hal[] = {
		{ "HalOrdinal17", NULL, 17, "ntoskrnl.exe!#3" },
		{ "KeForwarded", NULL, 0, "ntoskrnl.exe!KeReal" },
	};
	static const struct pe_export nt[] = {
		{ "KeReal", (void *)(uintptr_t)T_FAKE_KEREAL, 0, NULL },
		{ "NtThree", (void *)(uintptr_t)0x10005000u, 3, NULL },
	};
	struct pe_export_dll dlls[3] = { t_dlls_fake[0], { "hal.dll", hal, 2 }, { "ntoskrnl.exe", nt, 2 } };
	struct pe_info *info = t_parse("i686/basic.sys", "basic.sys");
	struct pe_image *img;
	unsigned int i, j, found = 0;
	uint32_t slot;

	(void)state;
	assert_int_equal(t_load("i686/basic.sys", "basic.sys", dlls, 3, &img), 0);
	for (i = 0; i < info->ndlls; i++)
		for (j = 0; j < info->dlls[i].count; j++)
			if (!info->dlls[i].imports[j].name) {
				memcpy(&slot, (uint8_t *)pe_image_base(img) + info->dlls[i].imports[j].iat_rva, 4);
				assert_int_equal(slot, 0x10005000u);
				found++;
			}
	assert_int_equal(found, 1);
	pe_unload(img);
	pe_info_free(info);
}

static void parse_reports_structure(void **state)
{
	struct pe_info *info = t_parse("x86_64/basic.sys", "basic.sys");
	const struct pe_import_dll_info *hal = NULL;
	unsigned int i, fwd = 0;

	(void)state;
	assert_int_equal(info->hdr.machine, PE_MACHINE_AMD64);
	assert_true(info->hdr.pe32plus);
	assert_int_equal(info->hdr.subsystem, 1);	/* native */
	assert_int_equal(info->hdr.section_alignment, 0x1000);
	assert_true(t_section(info, "INIT")->characteristics & PE_SCN_MEM_EXECUTE);
	assert_true(t_section(info, "PAGE")->characteristics & PE_SCN_CNT_CODE);
	assert_true(t_section(info, ".data")->characteristics & PE_SCN_MEM_WRITE);
	assert_int_equal(info->ndlls, 2);	/* hal.dll, videoprt.sys */
	for (i = 0; i < info->ndlls; i++)
		if (!strcmp(info->dlls[i].dll, "hal.dll"))
			hal = &info->dlls[i];
	assert_non_null(hal);
	assert_int_equal(hal->count, 2);
	assert_null(hal->imports[0].name);
	assert_int_equal(hal->imports[0].ordinal, 17);
	assert_string_equal(hal->imports[1].name, "KeForwarded");
	assert_string_equal(info->export_name, "basic.sys");
	assert_int_equal(info->nexports, 6);
	for (i = 0; i < info->nexports; i++) {
		const struct pe_export_info *e = &info->exports[i];

		if (e->forward) {
			fwd++;
			assert_int_equal(e->rva, 0);
		}
		if (e->name && !strcmp(e->name, "FwdA"))
			assert_string_equal(e->forward, "NTOSKRNL.KeReal");
		if (!e->name)
			assert_int_equal(e->ordinal, 9);
	}
	assert_int_equal(fwd, 2);
	assert_int_equal(info->pdata_count, 3);
	pe_info_free(info);
}

/* Every allocation failing in turn: a clean -ENOMEM, nothing leaked. */
static void out_of_memory_at_each_step(void **state)
{
	long live = pe_os_user_live_allocs;
	struct pe_image *img;
	int n, ret, nomem = 0;

	(void)state;
	for (n = 0; n < 64; n++) {
		pe_os_user_fail_alloc_after = n;
		ret = t_load("x86_64/basic.sys", "basic.sys", t_dlls_real, 3, &img);
		pe_os_user_fail_alloc_after = -1;
		if (!ret) {
			pe_unload(img);
			break;
		}
		assert_int_equal(ret, -ENOMEM);
		assert_null(img);
		assert_non_null(strstr(t_err, "basic.sys: "));
		assert_int_equal(pe_os_user_live_allocs, live);
		nomem++;
	}
	assert_true(nomem >= 5);
	assert_true(n < 64);
	assert_int_equal(pe_os_user_live_allocs, live);
}

static void error_message_truncated_safely(void **state)
{
	struct pe_load_params p = { .name = "missing.sys", .dlls = t_dlls_fake, .ndlls = 3 };
	struct pe_image *img;
	char small[40];

	(void)state;
	memset(small, 'Z', sizeof(small));
	p.err = small;
	p.errlen = sizeof(small);
	p.data = t_read_file(t_fixture("x86_64/missing.sys"), &p.len);
	assert_int_equal(pe_load(&p, &img), -ENOENT);
	free((void *)p.data);
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_string_equal(small, "missing.sys: 3 unresolved imports: h...");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(x64_basic_entry_returns_sum),
		cmocka_unit_test(x64_basic_relocated_pointers),
		cmocka_unit_test(x64_basic_exports_and_forwarders),
		cmocka_unit_test(x64_basic_page_protections),
		cmocka_unit_test(x64_wx_section_mapped_rx),
		cmocka_unit_test(x64_basic_cookie_randomised),
		cmocka_unit_test(x64_basic_pdata),
		cmocka_unit_test(x64_symbolize),
		cmocka_unit_test(x64_noreloc_runs_anywhere),
		cmocka_unit_test(i686_basic_linked_and_relocated),
		cmocka_unit_test(i686_refuses_addresses_above_4g),
		cmocka_unit_test(i686_noreloc_stripped_refused),
		cmocka_unit_test(missing_listed_in_one_message),
		cmocka_unit_test(missing_annotated_by_host),
		cmocka_unit_test(unregistered_dlls_all_unresolved),
		cmocka_unit_test(registered_forwarder_loop),
		cmocka_unit_test(registered_forward_by_ordinal),
		cmocka_unit_test(parse_reports_structure),
		cmocka_unit_test(out_of_memory_at_each_step),
		cmocka_unit_test(error_message_truncated_safely),
	};

	pe_os_user_quiet = 1;
	return cmocka_run_group_tests_name("pe_load", tests, NULL, NULL);
}
