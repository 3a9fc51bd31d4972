// SPDX-License-Identifier: GPL-2.0
/*
 * dropuid UID CMD ARGS...: run CMD as UID (gid UID, no supplementary groups,
 * so no capabilities), for the permission suite.  Static, no NSS.
 */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	uid_t id;

	if (argc < 3) {
		fprintf(stderr, "usage: dropuid UID CMD ARGS...\n");
		return 2;
	}
	id = atoi(argv[1]);
	if (setgroups(0, NULL) || setgid(id) || setuid(id)) {
		perror("dropuid");
		return 2;
	}
	if (getuid() != id || geteuid() != id) {
		fprintf(stderr, "dropuid: still uid %d\n", geteuid());
		return 2;
	}
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 127;
}
