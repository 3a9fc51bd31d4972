// SPDX-License-Identifier: GPL-2.0
/*
 * With no miniport= given, pick an installed driver for the hardware that is
 * present: every /lib/firmware/vpwrap/<base>.conf is parsed, and the first
 * (in byte order of <base>) that lists a PCI ID found in the system wins.
 * Its image is the conf's "image" line, else <base>.sys.  This is what lets
 * the modprobe alias written by "vpwrap install" load the right driver.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/fs.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "wrapper/settings.h"
#include "wrapper/wrapper.h"

#define VPW_FW_DIR	"/lib/firmware/vpwrap"

/* Installed drivers considered; more are ignored (with a log line). */
#define VPW_SCAN_MAX	64

struct vpw_scan {
	struct dir_context ctx;
	unsigned int n;
	bool overflow;
	char base[VPW_SCAN_MAX][VPW_NAME_MAX];
};

static bool vpw_present(const struct vpw_settings *s)
{
	struct pci_dev *pdev;
	unsigned int i;

	for (i = 0; i < s->nids; i++) {
		const struct vpw_pci_id *id = &s->ids[i];

		pdev = pci_get_subsys(id->vendor, id->device, id->subvendor,
				      id->subdevice, NULL);
		if (pdev) {
			pci_dev_put(pdev);
			return true;
		}
	}
	return false;
}

/* Settings vpwrap/<base>.conf name an installed device that is present? */
static bool vpw_candidate(const char *base, char *image)
{
	char conf[VPW_NAME_MAX + 16];
	struct vpw_settings *s;
	struct vpw_blob b;
	bool hit = false;

	snprintf(conf, sizeof(conf), "vpwrap/%s.conf", base);
	if (vpw_blob_read(conf, &b))
		return false;
	if (!vpw_settings_parse(conf, b.data, b.len, &s)) {
		hit = vpw_present(s);
		if (hit)
			snprintf(image, VPW_NAME_MAX, "%s", s->image ? s->image : base);
		vpw_settings_free(s);
	}
	vpw_blob_release(&b);
	return hit;
}

/*
 * Only collect names here: the directory is locked while it is iterated, so
 * the files are read after it is closed.
 */
static bool vpw_scan_entry(struct dir_context *ctx, const char *name, int len,
			   loff_t off, u64 ino, unsigned int type)
{
	struct vpw_scan *scan = container_of(ctx, struct vpw_scan, ctx);
	int blen = len - 5;

	if (len <= 5 || len >= VPW_NAME_MAX || strncmp(name + blen, ".conf", 5))
		return true;
	if (scan->n == VPW_SCAN_MAX) {
		scan->overflow = true;
		return true;
	}
	memcpy(scan->base[scan->n], name, blen);
	scan->base[scan->n][blen] = '\0';
	scan->n++;
	return true;
}

/* 0 and the image name in @name, -ENOENT if nothing fits. */
int vpw_autoselect(char *name, size_t size)
{
	char image[VPW_NAME_MAX];
	struct vpw_scan *scan;
	const char *best = NULL;
	struct file *dir;
	unsigned int i;
	int ret;

	dir = filp_open(VPW_FW_DIR, O_RDONLY | O_DIRECTORY, 0);
	if (IS_ERR(dir))
		return -ENOENT;
	scan = kzalloc(sizeof(*scan), GFP_KERNEL);
	if (!scan) {
		filp_close(dir, NULL);
		return -ENOMEM;
	}
	scan->ctx.actor = vpw_scan_entry;
	ret = iterate_dir(dir, &scan->ctx);
	filp_close(dir, NULL);
	if (scan->overflow)
		pr_warn("more than %d drivers in %s; only %d considered\n",
			VPW_SCAN_MAX, VPW_FW_DIR, VPW_SCAN_MAX);
	for (i = 0; i < scan->n && !ret; i++) {
		if (best && strcmp(scan->base[i], best) >= 0)
			continue;
		if (vpw_candidate(scan->base[i], image)) {
			best = scan->base[i];
			strscpy(name, image, size);
		}
	}
	kfree(scan);
	if (ret)
		return ret;
	return best ? 0 : -ENOENT;
}
