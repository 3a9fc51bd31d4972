// SPDX-License-Identifier: GPL-2.0
/*
 * Time pe_load() + pe_unload() (validate, map, relocate, link, protect) of
 * one image in userspace: median, min and max over 50 runs.
 * usage: bench_pe_load IMAGE
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pe-loader/pe_loader.h"
#include "pe-loader/user/pe_os_user.h"
#include "pe_fake_dlls.h"

#define RUNS 50

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct pe_load_params p = { .name = "big.sys", .dlls = pe_fake_dlls, .ndlls = 3 };
	struct pe_info *info;
	double t[RUNS];
	char err[256];
	FILE *f;
	int i;

	if (argc != 2 || !(f = fopen(argv[1], "rb")))
		return fprintf(stderr, "usage: bench_pe_load IMAGE\n"), 2;
	fseek(f, 0, SEEK_END);
	p.len = (size_t)ftell(f);
	rewind(f);
	p.data = malloc(p.len);
	if (!p.data || fread((void *)p.data, 1, p.len, f) != p.len)
		return 2;
	fclose(f);
	p.err = err;
	p.errlen = sizeof(err);
	pe_os_user_quiet = 1;
	if (pe_parse("big.sys", p.data, p.len, &info, err, sizeof(err)))
		return fprintf(stderr, "%s\n", err), 1;

	for (i = 0; i < RUNS; i++) {
		struct pe_image *img;
		double t0 = now_us();

		if (pe_load(&p, &img))
			return fprintf(stderr, "%s\n", err), 1;
		pe_unload(img);
		t[i] = now_us() - t0;
	}
	qsort(t, RUNS, sizeof(t[0]), cmp);
	printf("pe-bench: %s: SizeOfImage %.2f MiB, file %.2f MiB, %u relocations, %u import DLLs: "
	       "validate+map+relocate+link+protect median %.0f us (min %.0f, max %.0f, %d runs)\n",
	       argv[1], info->hdr.size_of_image / 1048576.0, p.len / 1048576.0, info->nrelocs,
	       info->ndlls, t[RUNS / 2], t[0], t[RUNS - 1], RUNS);
	pe_info_free(info);
	free((void *)p.data);
	return 0;
}
