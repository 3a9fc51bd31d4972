// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over the whole PE loader: pe_parse() (walking every
 * string it returns), then pe_load() against small export tables (x86_64
 * and i686 images both link: the addresses are fake and below 4 GiB), the
 * image's exports and the symbolizer.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pe-loader/pe_loader.h"
#include "pe-loader/user/pe_os_user.h"
#include "tests/unit/pe/pe_fake_dlls.h"

static volatile size_t sink;

static void walk_info(const struct pe_info *info)
{
	unsigned int i, j;

	for (i = 0; i < info->nsections; i++)
		sink += strlen(info->sections[i].name);
	for (i = 0; info->dlls && i < info->ndlls; i++) {
		sink += strlen(info->dlls[i].dll);
		for (j = 0; j < info->dlls[i].count; j++)
			if (info->dlls[i].imports[j].name)
				sink += strlen(info->dlls[i].imports[j].name);
	}
	for (i = 0; info->exports && i < info->nexports; i++) {
		if (info->exports[i].name)
			sink += strlen(info->exports[i].name);
		if (info->exports[i].forward)
			sink += strlen(info->exports[i].forward);
	}
	if (info->export_name)
		sink += strlen(info->export_name);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	pe_os_user_quiet = 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pe_load_params p = {
		.name = "basic.sys", .data = data, .len = size, .dlls = pe_fake_dlls, .ndlls = 3,
	};
	struct pe_info *info;
	struct pe_image *img;
	char err[256], sym[64];

	p.err = err;
	p.errlen = sizeof(err);
	pe_parse("basic.sys", data, size, &info, err, sizeof(err));
	sink += strlen(err);
	if (info) {
		walk_info(info);
		pe_info_free(info);
	}
	if (pe_load(&p, &img)) {
		sink += strlen(err);
		return 0;
	}
	sink += (uintptr_t)pe_image_export(img, "FwdA") + (uintptr_t)pe_image_export(img, "FwdB") +
		(uintptr_t)pe_image_export(img, "BasicPaged") +
		(uintptr_t)pe_image_export_ordinal(img, 9) + (uintptr_t)pe_entry_point(img);
	pe_symbolize(img, (uint8_t *)pe_image_base(img) + pe_image_size(img) / 2, sym, sizeof(sym));
	pe_unload(img);
	return 0;
}
