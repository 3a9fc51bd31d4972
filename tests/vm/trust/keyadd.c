// SPDX-License-Identifier: GPL-2.0
/*
 * keyadd SERIAL CERT.der: add an X.509 certificate as an "asymmetric" key
 * to the keyring SERIAL (busybox has no keyctl).  Prints the new key's
 * serial; exits 1 with the error otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	static char buf[65536];
	size_t n;
	long key;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: keyadd KEYRING-SERIAL CERT.der\n");
		return 2;
	}
	f = fopen(argv[2], "rb");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	key = syscall(SYS_add_key, "asymmetric", NULL, buf, n,
		      strtol(argv[1], NULL, 0));
	if (key < 0) {
		fprintf(stderr, "add_key: %s\n", strerror(errno));
		return 1;
	}
	printf("%ld\n", key);
	return 0;
}
