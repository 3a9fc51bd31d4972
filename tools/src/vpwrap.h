/* SPDX-License-Identifier: GPL-2.0 */
/* The `vpwrap` command: shared options, commands and helpers. */
#ifndef VPWRAP_TOOLS_VPWRAP_H
#define VPWRAP_TOOLS_VPWRAP_H

#include <stdio.h>
#include "inf/inf_driver.h"

/* Exit codes (inspect: 0 loads, 1 imports missing, 2 malformed image). */
#define EXIT_OK		0
#define EXIT_FAIL	1
#define EXIT_USAGE	2

struct vp_opts {
	const char *root;	/* --root / $VPWRAP_ROOT, "" for / */
	enum inf_arch arch;	/* --arch, default: the running kernel's */
	int dry_run;		/* --dry-run: show, write nothing */
	const char *key;	/* --key, --cert (sign): NULL for the defaults */
	const char *cert;
	int argc;		/* operands after the command */
	char **argv;
};

int cmd_install(const struct vp_opts *o);
int cmd_list(const struct vp_opts *o);
int cmd_remove(const struct vp_opts *o);
int cmd_status(const struct vp_opts *o);
int cmd_inspect(const struct vp_opts *o);
int cmd_sign(const struct vp_opts *o);

/* Messages: "vpwrap: ..." on stderr. */
void vp_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vp_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* malloc'ed printf; exits on out of memory (a CLI has nothing to save). */
char *vp_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Installed-driver locations below the root. */
char *vp_fw_dir(const struct vp_opts *o);		/* <root>/lib/firmware/vpwrap */
char *vp_fw_file(const struct vp_opts *o, const char *name, const char *ext);
char *vp_modprobe_file(const struct vp_opts *o, const char *name);
/* A driver name is the image's base name, lower case: [a-z0-9_.+-]. */
int vp_name_valid(const char *name);

#endif
