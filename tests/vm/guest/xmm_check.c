// SPDX-License-Identifier: GPL-2.0
/*
 * xmm_check FILE CODE N [--sabotage]
 *
 * Do user-space XMM registers survive calls into a miniport that uses SSE?
 * Each of N iterations loads xmm0-15 with a fresh pattern, enters the kernel
 * with a raw write() on videoport's debugfs ioctl file (IOCTL CODE, the
 * conformance miniport's SSE workload, which overwrites xmm0-15), and
 * stores xmm0-15 right after the syscall, in the same asm block, so that
 * nothing of ours touches them in between.  Every 1000th call also checks
 * the miniport's result (out = in * 2 + 1).
 *
 * --sabotage clears xmm3 after the syscall: the check must then fail (the
 * proof that it can).  Prints "xmm ok: N calls" and exits 0, or names the
 * first corrupted register.
 *
 * xmm_check --spin SECONDS: keep xmm0-15 loaded with 0xa5 bytes in a busy
 * loop, a user task whose FPU state the scheduler swaps in and out while a
 * miniport sleeps on the same CPU.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct req {
	uint32_t code;
	uint32_t out_len;
	float in[16];
};

#define LOAD(n)  "movdqu " #n "*16(%[in]), %%xmm" #n "\n\t"
#define STORE(n) "movdqu %%xmm" #n ", " #n "*16(%[out])\n\t"
#define ALL(m) m(0) m(1) m(2) m(3) m(4) m(5) m(6) m(7) m(8) m(9) m(10) m(11) \
	m(12) m(13) m(14) m(15)
#define XMM_CLOBBERS "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", \
	"xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"

static long call(int fd, const struct req *r, const uint8_t *in, uint8_t *out,
		 int sabotage)
{
	long ret = 1;	/* SYS_write */

	if (!sabotage)
		asm volatile(ALL(LOAD) "syscall\n\t" ALL(STORE)
			     : "+a"(ret)
			     : "D"((long)fd), "S"(r), "d"(sizeof(*r)), [in] "r"(in),
			       [out] "r"(out)
			     : "rcx", "r11", "memory", XMM_CLOBBERS);
	else
		asm volatile(ALL(LOAD) "syscall\n\tpxor %%xmm3, %%xmm3\n\t" ALL(STORE)
			     : "+a"(ret)
			     : "D"((long)fd), "S"(r), "d"(sizeof(*r)), [in] "r"(in),
			       [out] "r"(out)
			     : "rcx", "r11", "memory", XMM_CLOBBERS);
	return ret;
}

static int spin(unsigned long seconds)
{
	static const uint8_t fill[16] __attribute__((aligned(16))) = {
		0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5,
		0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5 };
	time_t end = time(NULL) + seconds;

	while (time(NULL) < end) {
		int k;

		for (k = 0; k < 100000; k++)
			asm volatile("movdqa (%0), %%xmm6\n\tmovdqa %%xmm6, %%xmm7\n\t"
				     "movdqa %%xmm6, %%xmm8\n\tmovdqa %%xmm6, %%xmm9\n\t"
				     "movdqa %%xmm6, %%xmm10\n\tmovdqa %%xmm6, %%xmm11\n\t"
				     "movdqa %%xmm6, %%xmm12\n\tmovdqa %%xmm6, %%xmm13\n\t"
				     "movdqa %%xmm6, %%xmm14\n\tmovdqa %%xmm6, %%xmm15\n\t"
				     : : "r"(fill) : XMM_CLOBBERS);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static uint8_t in[256], out[256];
	struct req r;
	unsigned long n, i;
	uint32_t resp[2 + 16];
	int fd, sabotage, j;
	long ret;

	if (argc == 3 && !strcmp(argv[1], "--spin"))
		return spin(strtoul(argv[2], NULL, 0));
	if (argc < 4) {
		fprintf(stderr, "usage: %s FILE CODE N [--sabotage] | --spin SECONDS\n", argv[0]);
		return 2;
	}
	sabotage = argc > 4 && !strcmp(argv[4], "--sabotage");
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	r.code = strtoul(argv[2], NULL, 0);
	r.out_len = 64;
	for (j = 0; j < 16; j++)
		r.in[j] = (float)j;
	n = strtoul(argv[3], NULL, 0);
	for (i = 0; i < n; i++) {
		for (j = 0; j < 256; j++)
			in[j] = (uint8_t)(i * 131 + j * 7 + 1);
		memset(out, 0, sizeof(out));
		ret = call(fd, &r, in, out, sabotage);
		if (ret != (long)sizeof(r)) {
			printf("xmm call %lu: write returned %ld\n", i, ret);
			return 1;
		}
		if (memcmp(in, out, sizeof(in))) {
			for (j = 0; j < 256 && in[j] == out[j]; j++)
				;
			printf("xmm corrupted: xmm%d after call %lu of %lu\n", j / 16, i + 1, n);
			return 1;
		}
		if (i % 1000 == 0) {
			if (read(fd, resp, sizeof(resp)) != sizeof(resp) || resp[0] || resp[1] != 64) {
				printf("xmm call %lu: bad result header\n", i);
				return 1;
			}
			for (j = 0; j < 16; j++) {
				float f;

				memcpy(&f, &resp[2 + j], 4);
				if (f != r.in[j] * 2 + 1) {
					printf("xmm call %lu: miniport result %d is %f\n", i, j, f);
					return 1;
				}
			}
		}
	}
	printf("xmm ok: %lu calls\n", n);
	return 0;
}
