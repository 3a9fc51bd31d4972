// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: any bytes through the INF parser, the resolution for
 * both architectures (with a disk whose every other INF, for Include= and
 * LayoutFile=, is the same bytes again), the install report and the
 * settings writer.  The sanitizers (ASan, UBSan,
 * LeakSanitizer) are the oracle; the asserts check invariants the tool
 * relies on.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "inf/inf_driver.h"
#include "src/install_report.h"
#include "src/settings.h"

struct input {
	const uint8_t *data;
	size_t size;
};

static struct inf *open_same(void *ctx, const char *name)
{
	const struct input *in = ctx;

	return inf_parse(name, in->data, in->size);
}

static void resolve(struct inf *inf, enum inf_arch arch,
		    const struct inf_disk *disk)
{
	struct inf_drivers ds;
	unsigned int i;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (inf_resolve(inf, arch, disk, &ds)) {
		assert(inf->error && ds.n == 0);
		return;
	}
	f = open_memstream(&text, &len);
	if (f)
		vp_report_package(f, "fuzz.inf", &ds, arch);
	for (i = 0; f && i < ds.n; i++) {
		assert(ds.d[i].nids > 0 && ds.d[i].image && ds.d[i].nsources);
		vp_report_driver(f, &ds, &ds.d[i], ds.d[i].sources[0]);
		vp_write_settings(f, &ds.d[i], "fuzz", "fuzz.inf", arch);
	}
	if (f)
		fclose(f);
	free(text);
	inf_drivers_free(&ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct inf_disk disk = { open_same, &in };
	struct inf *inf = inf_parse("fuzz.inf", data, size);

	if (!inf)
		return 0;
	resolve(inf, INF_ARCH_X86_64, &disk);
	/* a failed resolve leaves the first error; parse again for i686 */
	inf_free(inf);
	inf = inf_parse("fuzz.inf", data, size);
	if (inf)
		resolve(inf, INF_ARCH_I686, NULL);
	inf_free(inf);
	return 0;
}
