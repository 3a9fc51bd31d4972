// SPDX-License-Identifier: GPL-2.0
/*
 * Where images and settings files come from (design.md §4): an absolute
 * path is read with the kernel's file reader; anything else is a name the
 * firmware loader finds under vpwrap/ (so /lib/firmware/vpwrap/card.sys).
 * The settings file sits beside the image: card.sys -> card.conf.
 *
 * An image is kernel code, so both ways of naming it read it as the module
 * loader reads a module (READING_MODULE): IMA appraisal, LoadPin and other
 * LSM policies for modules see it.  A firmware name is therefore looked up
 * in the firmware loader's directories by vpwrap itself rather than by the
 * firmware loader, which would read it as firmware.  Settings files are
 * data: read as firmware both ways (by the firmware loader for a name, as
 * READING_FIRMWARE for a path), so module policies do not apply to them.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/firmware.h>
#include <linux/kernel_read_file.h>
#include <linux/limits.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <linux/vmalloc.h>
#include "wrapper/wrapper.h"

/* Larger than any miniport; keeps a wrong path from filling memory. */
#define VPW_FILE_MAX	(64 << 20)

int vpw_blob_read(const char *spec, struct vpw_blob *b)
{
	const struct firmware *fw;
	void *buf = NULL;
	ssize_t n;
	int ret;

	memset(b, 0, sizeof(*b));
	if (spec[0] != '/') {
		ret = firmware_request_nowarn(&fw, spec, NULL);
		if (ret)
			return ret;
		b->fw = fw;
		b->data = fw->data;
		b->len = fw->size;
		return 0;
	}
	n = kernel_read_file_from_path(spec, 0, &buf, VPW_FILE_MAX, NULL,
				       READING_FIRMWARE);
	if (n < 0)
		return n;
	b->buf = buf;
	b->data = buf;
	b->len = n;
	return 0;
}

/* The firmware loader's directories, in its order (without firmware_class.path). */
static const char *const vpw_fw_dirs[] = {
	"/lib/firmware/updates/%s", "/lib/firmware/updates",
	"/lib/firmware/%s", "/lib/firmware",
};

static int vpw_read_module(const char *path, bool initns, struct vpw_blob *b)
{
	void *buf = NULL;
	ssize_t n;

	if (initns)
		n = kernel_read_file_from_path_initns(path, 0, &buf, VPW_FILE_MAX,
						      NULL, READING_MODULE);
	else
		n = kernel_read_file_from_path(path, 0, &buf, VPW_FILE_MAX,
					       NULL, READING_MODULE);
	if (n < 0)
		return n;
	b->buf = buf;
	b->data = buf;
	b->len = n;
	return 0;
}

int vpw_image_read(const char *spec, struct vpw_blob *b)
{
	char *path, dir[64];
	unsigned int i;
	int ret = -ENOENT;

	memset(b, 0, sizeof(*b));
	if (spec[0] == '/')
		return vpw_read_module(spec, false, b);
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	/* As the firmware loader: in init's mount namespace, first hit wins. */
	for (i = 0; i < ARRAY_SIZE(vpw_fw_dirs) && ret == -ENOENT; i++) {
		snprintf(dir, sizeof(dir), vpw_fw_dirs[i], init_utsname()->release);
		if (snprintf(path, PATH_MAX, "%s/%s", dir, spec) >= PATH_MAX) {
			ret = -ENAMETOOLONG;
			break;
		}
		ret = vpw_read_module(path, true, b);
	}
	kfree(path);
	return ret;
}

void vpw_blob_release(struct vpw_blob *b)
{
	release_firmware(b->fw);
	vfree(b->buf);
	memset(b, 0, sizeof(*b));
}

/*
 * From miniport= derive: @image (what to read), @name (the image's file
 * name, used in messages and sysfs) and @conf (the settings file).
 *   "/opt/card.sys" -> "/opt/card.sys", "card.sys", "/opt/card.conf"
 *   "card"          -> "vpwrap/card.sys", "card.sys", "vpwrap/card.conf"
 */
int vpw_image_names(const char *spec, char *image, char *name, char *conf,
		    size_t size)
{
	const char *base = strrchr(spec, '/');
	const char *dot;
	size_t stem;
	int n;

	base = base ? base + 1 : spec;
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return -EINVAL;
	if (spec[0] != '/' && base != spec)
		return -EINVAL;	/* names are looked up under vpwrap/ only */
	dot = strrchr(base, '.');
	stem = dot ? dot - base : strlen(base);

	if (spec[0] == '/') {
		n = snprintf(image, size, "%s", spec);
		if ((size_t)n < size)
			n = snprintf(conf, size, "%.*s.conf",
				     (int)(base - spec + stem), spec);
	} else {
		n = snprintf(image, size, "vpwrap/%s%s", base, dot ? "" : ".sys");
		if ((size_t)n < size)
			n = snprintf(conf, size, "vpwrap/%.*s.conf", (int)stem, base);
	}
	if ((size_t)n >= size)
		return -ENAMETOOLONG;
	n = snprintf(name, VPW_NAME_MAX, "%s%s", base,
		     dot || spec[0] == '/' ? "" : ".sys");
	return n < VPW_NAME_MAX ? 0 : -ENAMETOOLONG;
}
