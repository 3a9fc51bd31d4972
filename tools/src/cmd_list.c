// SPDX-License-Identifier: GPL-2.0
/* vpwrap list / vpwrap remove NAME: the drivers installed below the root. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "src/files.h"
#include "src/settings.h"
#include "src/vpwrap.h"

static void list_one(const struct vp_opts *o, const char *name)
{
	char *conf = vp_fw_file(o, name, ".conf");
	char *sys = vp_fw_file(o, name, ".sys");
	struct vp_settings_summary s;
	unsigned int i;

	if (vp_read_settings(conf, &s)) {
		printf("%s\tunreadable settings %s\n", name, conf);
	} else {
		printf("%s\t%s%s\t", name, s.image,
		       access(sys, R_OK) ? " (image missing)" : "");
		for (i = 0; i < s.npci; i++)
			printf("%s%s", i ? ", " : "", s.pci[i]);
		printf("\n");
		vp_settings_summary_free(&s);
	}
	free(conf);
	free(sys);
}

int cmd_list(const struct vp_opts *o)
{
	char *dir = vp_fw_dir(o), **names;
	unsigned int i, n;

	vp_list_dir(dir, ".conf", &names, &n);
	if (!n)
		printf("no drivers installed in %s\n", dir);
	for (i = 0; i < n; i++)
		list_one(o, names[i]);
	vp_free_names(names, n);
	free(dir);
	return EXIT_OK;
}

static int remove_file(char *path, int *found)
{
	int r = 0;

	if (!unlink(path))
		*found = 1;
	else if (errno != ENOENT)
		r = -1;
	if (r)
		vp_err("cannot remove %s: %s", path, strerror(errno));
	free(path);
	return r;
}

int cmd_remove(const struct vp_opts *o)
{
	const char *name = o->argv[0];
	int found = 0, r = 0;

	if (!vp_name_valid(name)) {
		vp_err("'%s' is not a driver name (see vpwrap list)", name);
		return EXIT_FAIL;
	}
	r |= remove_file(vp_fw_file(o, name, ".conf"), &found);
	r |= remove_file(vp_fw_file(o, name, ".sys"), &found);
	r |= remove_file(vp_fw_file(o, name, ".inf"), &found);
	r |= remove_file(vp_modprobe_file(o, name), &found);
	if (!found) {
		vp_err("%s is not installed", name);
		return EXIT_FAIL;
	}
	if (!r)
		printf("removed %s\n", name);
	return r ? EXIT_FAIL : EXIT_OK;
}
