// SPDX-License-Identifier: GPL-2.0
/* Messages, string formatting and the paths of installed drivers. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "src/vpwrap.h"

static void vmsg(const char *kind, const char *fmt, va_list ap)
{
	fprintf(stderr, "vpwrap: %s", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void vp_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void vp_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

char *vp_fmt(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		vp_err("out of memory");
		exit(EXIT_FAIL);
	}
	return s;
}

char *vp_fw_dir(const struct vp_opts *o)
{
	return vp_fmt("%s/lib/firmware/vpwrap", o->root);
}

char *vp_fw_file(const struct vp_opts *o, const char *name, const char *ext)
{
	return vp_fmt("%s/lib/firmware/vpwrap/%s%s", o->root, name, ext);
}

char *vp_modprobe_file(const struct vp_opts *o, const char *name)
{
	return vp_fmt("%s/etc/modprobe.d/vpwrap-%s.conf", o->root, name);
}

int vp_name_valid(const char *name)
{
	const char *p;

	if (!*name || name[0] == '.' || strlen(name) > 64)
		return 0;
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      strchr("_.+-", *p)))
			return 0;
	return 1;
}
