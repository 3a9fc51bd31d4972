// SPDX-License-Identifier: GPL-2.0
/*
 * vpwrap - install Windows display miniports for the vpwrap module, and
 * tell whether one will load.  See vpwrap(8).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include "src/vpwrap.h"

struct command {
	const char *name;
	int (*run)(const struct vp_opts *o);
	int nargs;		/* operands required */
	const char *usage;
};

static const struct command commands[] = {
	{ "install", cmd_install, 1, "install FILE.inf [--arch ARCH] [--root DIR] [--dry-run]" },
	{ "list", cmd_list, 0, "list [--root DIR]" },
	{ "remove", cmd_remove, 1, "remove NAME [--root DIR]" },
	{ "status", cmd_status, 0, "status" },
	{ "inspect", cmd_inspect, 1, "inspect FILE.sys" },
	{ "sign", cmd_sign, 1, "sign NAME|FILE.sys [--key KEY] [--cert CERT] [--root DIR]" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static int usage(FILE *f)
{
	unsigned int i;

	fprintf(f, "usage:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  vpwrap %s\n", commands[i].usage);
	fprintf(f, "ARCH is x86_64 or i686 (default: the running kernel's).\n");
	return f == stdout ? EXIT_OK : EXIT_USAGE;
}

/* "i686", "x86_64": the kernel's machine name. */
static int is_x86_32(const char *machine)
{
	return machine[0] == 'i' && strstr(machine, "86");
}

/*
 * The running kernel's architecture: /proc/sys/kernel/arch names it even
 * under a 32-bit personality (setarch i686), where uname() says i686 on a
 * 64-bit kernel; older kernels lack the file and uname() is all there is.
 */
static enum inf_arch host_arch(void)
{
	FILE *f = fopen("/proc/sys/kernel/arch", "r");
	char machine[65] = "";
	struct utsname u;

	if (f) {
		if (!fgets(machine, sizeof(machine), f))
			machine[0] = '\0';
		fclose(f);
	}
	if (!machine[0] && !uname(&u))
		snprintf(machine, sizeof(machine), "%s", u.machine);
	return is_x86_32(machine) ? INF_ARCH_I686 : INF_ARCH_X86_64;
}

/* Pull --root/--arch/--key/--cert out of argv (anywhere after the command). */
static int parse_opts(int argc, char **argv, struct vp_opts *o)
{
	int i, n = 0;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if ((!strcmp(a, "--root") || !strcmp(a, "--arch") ||
		     !strcmp(a, "--key") || !strcmp(a, "--cert")) &&
		    i + 1 >= argc) {
			vp_err("%s needs a value", a);
			return -1;
		}
		if (!strcmp(a, "--dry-run")) {
			o->dry_run = 1;
		} else if (!strcmp(a, "--root")) {
			o->root = argv[++i];
		} else if (!strcmp(a, "--key")) {
			o->key = argv[++i];
		} else if (!strcmp(a, "--cert")) {
			o->cert = argv[++i];
		} else if (!strcmp(a, "--arch")) {
			if (inf_arch_parse(argv[++i], &o->arch)) {
				vp_err("unknown architecture '%s' (x86_64 or i686)",
				       argv[i]);
				return -1;
			}
		} else if (a[0] == '-' && a[1]) {
			vp_err("unknown option '%s'", a);
			return -1;
		} else {
			argv[n++] = argv[i];
		}
	}
	o->argc = n;
	o->argv = argv;
	return 0;
}

int main(int argc, char **argv)
{
	struct vp_opts o = { .root = getenv("VPWRAP_ROOT"),
			     .arch = host_arch() };
	unsigned int i;

	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help"))
		return usage(stdout);
	if (parse_opts(argc - 2, argv + 2, &o))
		return EXIT_USAGE;
	if (!o.root || !strcmp(o.root, "/"))
		o.root = "";
	for (i = 0; i < NCOMMANDS; i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		if (o.argc != commands[i].nargs) {
			fprintf(stderr, "usage: vpwrap %s\n", commands[i].usage);
			return EXIT_USAGE;
		}
		return commands[i].run(&o);
	}
	vp_err("unknown command '%s'", argv[1]);
	return usage(stderr);
}
