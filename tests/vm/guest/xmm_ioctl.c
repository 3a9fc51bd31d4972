// SPDX-License-Identifier: GPL-2.0
/*
 * xmm_ioctl FILE CODE [ARG [OUTLEN]]: send one IOCTL to a miniport through
 * videoport's debugfs file (/sys/kernel/debug/vpwrap-videoport/<pci>/ioctl)
 * with an optional u32 input; print "ret=<errno> len=<bytes>" and the
 * returned u32 words.  Exit status 0 when the request succeeded.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	uint32_t req[3], resp[2 + 64];
	size_t len = 8;
	ssize_t n;
	int fd, i;

	if (argc < 3) {
		fprintf(stderr, "usage: %s FILE CODE [ARG [OUTLEN]]\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	req[0] = strtoul(argv[2], NULL, 0);
	req[1] = argc > 4 ? strtoul(argv[4], NULL, 0) : 64 * 4;
	if (argc > 3) {
		req[2] = strtoul(argv[3], NULL, 0);
		len += 4;
	}
	n = write(fd, req, len);
	memset(resp, 0, sizeof(resp));
	if (read(fd, resp, sizeof(resp)) < 8) {
		perror("read");
		return 2;
	}
	printf("ret=%d len=%u", (int32_t)resp[0], resp[1]);
	for (i = 0; i < (int)(resp[1] / 4) && i < 64; i++)
		printf(" %u", resp[2 + i]);
	printf("\n");
	return n == (ssize_t)len ? 0 : 1;
}
