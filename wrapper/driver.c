// SPDX-License-Identifier: GPL-2.0
/*
 * The driver object (one per loaded image), the services videoport reaches
 * it through (vpw_driver.h, registry.h), and its sysfs directory
 * /sys/module/vpwrap/miniports/<image>/ (not .../drivers/: the driver core
 * owns that name for the pci_driver link).
 */
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "pe-loader/pe_loader.h"
#include "wrapper/registry.h"
#include "wrapper/settings.h"
#include "wrapper/vpw_driver.h"
#include "wrapper/wrapper.h"
#include "wrapper/registry_text.h"

const char *vpw_driver_name(const struct vpw_driver *drv)
{
	return drv->name;
}

void vpw_account_pool(struct vpw_driver *drv, long delta)
{
	atomic64_add(delta, &drv->pool_bytes);
}

void vpw_account_mapping(struct vpw_driver *drv, int delta)
{
	atomic_add(delta, &drv->mappings);
}

int vpw_reg_query(struct vpw_driver *drv, const char *name, u32 *type,
		  void *buf, size_t *len)
{
	return vpw_registry_get(drv->registry, name, type, buf, len);
}

int vpw_reg_set(struct vpw_driver *drv, const char *name, u32 type,
		const void *data, size_t len)
{
	return vpw_registry_put(drv->registry, name, type, data, len);
}

int vpw_reg_delete(struct vpw_driver *drv, const char *name)
{
	return vpw_registry_del(drv->registry, name);
}

static struct vpw_driver *to_vpw_driver(struct kobject *kobj)
{
	return container_of(kobj, struct vpw_driver, kobj);
}

static ssize_t pool_bytes_show(struct kobject *kobj, struct kobj_attribute *a,
			       char *buf)
{
	return sysfs_emit(buf, "%lld\n",
			  (long long)atomic64_read(&to_vpw_driver(kobj)->pool_bytes));
}

static ssize_t mappings_show(struct kobject *kobj, struct kobj_attribute *a,
			     char *buf)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&to_vpw_driver(kobj)->mappings));
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
	return vpw_registry_read(to_vpw_driver(kobj)->registry, buf, off, count);
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

	vpw_registry_destroy(drv->registry);
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
	drv->registry = vpw_registry_create();
	if (!drv->registry) {
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

/* The caller has undone everything else (PCI, videoport, image). */
void vpw_driver_free(struct vpw_driver *drv)
{
	if (drv->kobj_added)
		kobject_del(&drv->kobj);
	kobject_put(&drv->kobj);
}
