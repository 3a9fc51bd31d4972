// SPDX-License-Identifier: GPL-2.0
/*
 * vpwrap status: what the loaded module reports in sysfs.  The layout is
 * the contract with wrapper/ (settings-format.md, "sysfs"):
 *
 *   /sys/module/vpwrap/                          module loaded
 *   /sys/module/vpwrap/parameters/miniport       miniport= (may be empty)
 *   /sys/bus/pci/drivers/vpwrap/<BDF>            bound devices (driver core)
 *   <BDF>/vpwrap/miniport                        driver name serving it
 *   <BDF>/vpwrap/mode                            current mode, one line
 *   <BDF>/vpwrap/video_bios                      the video BIOS string and VBE
 *                                                version Int10 found
 *   <BDF>/vpwrap/registry                        VideoPortSetRegistryParameters
 *                                                values, settings `reg` syntax
 *   <BDF>/drm/cardN                              the DRM device (DRM core)
 *
 * $VPWRAP_SYSFS replaces /sys (tests use a fake tree).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "src/vpwrap.h"

static int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* First line of a sysfs file, or NULL. */
static char *read_line(const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[256];

	if (!f)
		return NULL;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return vp_fmt("%s", buf);
}

static void print_attr(const char *dev, const char *attr, const char *label)
{
	char *path = vp_fmt("%s/vpwrap/%s", dev, attr);
	char *v = read_line(path);

	printf("  %-9s %s\n", label, v ? v : "(not reported)");
	free(v);
	free(path);
}

static void print_drm(const char *dev)
{
	char *path = vp_fmt("%s/drm", dev);
	DIR *d = opendir(path);
	struct dirent *e;
	int any = 0;

	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, "card", 4)) {
			printf("  %-9s /dev/dri/%s\n", any ? "" : "drm", e->d_name);
			any = 1;
		}
	if (!any)
		printf("  %-9s (none)\n", "drm");
	if (d)
		closedir(d);
	free(path);
}

static void print_registry(const char *dev)
{
	char *path = vp_fmt("%s/vpwrap/registry", dev), line[1024];
	FILE *f = fopen(path, "r");

	printf("  registry%s\n", f ? ":" : "  (not reported)");
	while (f && fgets(line, sizeof(line), f))
		printf("    %s", line);
	if (f)
		fclose(f);
	free(path);
}

static int is_bdf(const char *s)
{
	unsigned int a, b, c, d;
	char end;

	return sscanf(s, "%x:%x:%x.%x%c", &a, &b, &c, &d, &end) == 4;
}

static void print_devices(const char *sysfs)
{
	char *drv = vp_fmt("%s/bus/pci/drivers/vpwrap", sysfs);
	DIR *d = opendir(drv);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d))) {
		char *dev;

		if (!is_bdf(e->d_name))
			continue;
		dev = vp_fmt("%s/%s", drv, e->d_name);
		printf("device %s\n", e->d_name);
		print_attr(dev, "miniport", "miniport");
		print_attr(dev, "mode", "mode");
		print_attr(dev, "video_bios", "video BIOS");
		print_drm(dev);
		print_registry(dev);
		free(dev);
		n++;
	}
	if (!n)
		printf("no device bound\n");
	if (d)
		closedir(d);
	free(drv);
}

int cmd_status(const struct vp_opts *o)
{
	const char *sysfs = getenv("VPWRAP_SYSFS");
	char *mod, *param, *mp;

	(void)o;
	if (!sysfs)
		sysfs = "/sys";
	mod = vp_fmt("%s/module/vpwrap", sysfs);
	if (!is_dir(mod)) {
		printf("vpwrap module not loaded\n");
		free(mod);
		return EXIT_FAIL;
	}
	param = vp_fmt("%s/parameters/miniport", mod);
	mp = read_line(param);
	/* An unset charp parameter reads back as "(null)". */
	printf("vpwrap module loaded, miniport=%s\n",
	       mp && *mp && strcmp(mp, "(null)") ? mp : "(none: chosen by PCI ID)");
	print_devices(sysfs);
	free(mp);
	free(param);
	free(mod);
	return EXIT_OK;
}
