// SPDX-License-Identifier: GPL-2.0
/*
 * drmbench: a driver-free reference figure.  Under TCG the guest runs only as
 * fast as the host lets it; the same pixel writes into ordinary memory, timed
 * in every boot, show how loaded the host was during that boot, so the
 * report can tell host noise from a driver difference.
 */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define REF_BYTES	(1024 * 768 * 4)
#define REF_ROUNDS	20

void bench_reference(void)
{
	uint32_t *buf = malloc(REF_BYTES);
	size_t i, n = REF_BYTES / sizeof(*buf);
	unsigned int r;
	double t0;

	if (!buf) {
		bench_na("ref_write_mbps", "no memory");
		return;
	}
	memset(buf, 0, REF_BYTES);	/* fault the pages in, untimed */
	t0 = now_ms();
	for (r = 0; r < REF_ROUNDS; r++) {
		for (i = 0; i < n; i++)
			buf[i] = r;
		/* Keep the stores: the compiler may not drop a loop we read. */
		__asm__ volatile("" : : "r"(buf) : "memory");
	}
	bench_value("ref_write_mbps", REF_ROUNDS * (REF_BYTES / 1048576.0) * 1e3 /
		    (now_ms() - t0));
	free(buf);
}
