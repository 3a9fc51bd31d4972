// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: any bytes through the INF parser, the resolution for
 * both architectures and the settings writer.  The sanitizers (ASan, UBSan,
 * LeakSanitizer) are the oracle; the asserts check invariants the tool
 * relies on.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "inf/inf_driver.h"
#include "src/settings.h"

static void resolve(struct inf *inf, enum inf_arch arch)
{
	struct inf_drivers ds;
	unsigned int i;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (inf_resolve(inf, arch, &ds)) {
		assert(inf->error && ds.n == 0);
		return;
	}
	f = open_memstream(&text, &len);
	for (i = 0; f && i < ds.n; i++) {
		assert(ds.d[i].nids > 0 && ds.d[i].image && ds.d[i].source);
		vp_write_settings(f, &ds.d[i], "fuzz", "fuzz.inf", arch);
	}
	if (f)
		fclose(f);
	free(text);
	inf_drivers_free(&ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inf *inf = inf_parse("fuzz.inf", data, size);

	if (!inf)
		return 0;
	resolve(inf, INF_ARCH_X86_64);
	/* a failed resolve leaves the first error; parse again for i686 */
	inf_free(inf);
	inf = inf_parse("fuzz.inf", data, size);
	if (inf)
		resolve(inf, INF_ARCH_I686);
	inf_free(inf);
	return 0;
}
