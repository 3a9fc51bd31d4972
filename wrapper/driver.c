// SPDX-License-Identifier: GPL-2.0
/*
 * The driver object (one per loaded image, with videoport's vp_driver
 * embedded: registry store, accounting) and its sysfs directory
 * /sys/module/vpwrap/miniports/<image>/ (not .../drivers/: the driver core
 * owns that name for the pci_driver link).
 */
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "pe-loader/pe_loader.h"
#include "videoport/registry_store.h"
#include "wrapper/settings.h"
#include "wrapper/wrapper.h"
#include "wrapper/registry_text.h"

static struct vpw_driver *to_vpw_driver(struct kobject *kobj)
{
	return container_of(kobj, struct vpw_driver, kobj);
}

static ssize_t pool_bytes_show(struct kobject *kobj, struct kobj_attribute *a,
			       char *buf)
{
	return sysfs_emit(buf, "%lld\n",
			  (long long)atomic64_read(&to_vpw_driver(kobj)->vp.pool_bytes));
}

static ssize_t mappings_show(struct kobject *kobj, struct kobj_attribute *a,
			     char *buf)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&to_vpw_driver(kobj)->vp.mappings));
}

static ssize_t image_show(struct kobject *kobj, struct kobj_attribute *a,
			  char *buf)
{
	struct vpw_driver *drv = to_vpw_driver(kobj);

	/* No address: %px would hand out a kernel pointer (KASLR). */
	return sysfs_emit(buf, "%s size=%#zx\n", drv->name,
			  pe_image_size(drv->image));
}

/* The registry as settings-file lines ("reg dword Name 0x1"); root only. */
static ssize_t registry_read(struct file *file, struct kobject *kobj,
			     struct bin_attribute *attr, char *buf, loff_t off,
			     size_t count)
{
	return vpw_registry_read(to_vpw_driver(kobj)->vp.registry, buf, off, count);
}

static struct kobj_attribute pool_bytes_attr = __ATTR_RO(pool_bytes);
static struct kobj_attribute mappings_attr = __ATTR_RO(mappings);
static struct kobj_attribute image_attr = __ATTR(image, 0400, image_show, NULL);
static BIN_ATTR(registry, 0400, registry_read, NULL, 0);

static struct attribute *vpw_driver_attrs[] = {
	&pool_bytes_attr.attr,
	&mappings_attr.attr,
	&image_attr.attr,
	NULL
};

static struct bin_attribute *vpw_driver_bin_attrs[] = {
	&bin_attr_registry,
	NULL
};

static const struct attribute_group vpw_driver_group = {
	.attrs = vpw_driver_attrs,
	.bin_attrs = vpw_driver_bin_attrs,
};

static const struct attribute_group *vpw_driver_groups[] = {
	&vpw_driver_group,
	NULL
};

static void vpw_driver_release(struct kobject *kobj)
{
	struct vpw_driver *drv = to_vpw_driver(kobj);

	vp_driver_release(&drv->vp);
	vpw_settings_free(drv->settings);
	kfree(drv->id_table);
	kfree(drv);
}

static const struct kobj_type vpw_driver_ktype = {
	.release = vpw_driver_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = vpw_driver_groups,
};

struct vpw_driver *vpw_driver_alloc(const char *name)
{
	struct vpw_driver *drv = kzalloc(sizeof(*drv), GFP_KERNEL);

	if (!drv)
		return NULL;
	strscpy(drv->name, name, sizeof(drv->name));
	kobject_init(&drv->kobj, &vpw_driver_ktype);
	if (vp_driver_init(&drv->vp, drv->name)) {
		kobject_put(&drv->kobj);
		return NULL;
	}
	return drv;
}

/* Make the directory visible; the image must be loaded by then. */
int vpw_driver_publish(struct vpw_driver *drv, struct kobject *parent)
{
	int ret = kobject_add(&drv->kobj, parent, "%s", drv->name);

	if (!ret)
		drv->kobj_added = true;
	return ret;
}

/*
 * Removes the directory; returns once no show() of it runs any more, so
 * what they print (the image) can go after this.
 */
void vpw_driver_unpublish(struct vpw_driver *drv)
{
	if (drv->kobj_added)
		kobject_del(&drv->kobj);
	drv->kobj_added = false;
}

/* The caller has undone everything else (PCI, videoport, image). */
void vpw_driver_free(struct vpw_driver *drv)
{
	vpw_driver_unpublish(drv);
	kobject_put(&drv->kobj);
}
