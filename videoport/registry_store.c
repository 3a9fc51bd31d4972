// SPDX-License-Identifier: GPL-2.0
/*
 * The registry store (registry_store.h): a small list of named values guarded by
 * a mutex.  A miniport has a handful of values, so a list is the right size;
 * limits on names, sizes and count keep a misbehaving miniport from using
 * the store to exhaust kernel memory.
 */
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "videoport/registry_store.h"

struct vpw_reg_value {
	struct list_head node;
	char *name;
	u32 type;
	size_t len;
	u8 data[];
};

struct vpw_registry {
	struct mutex lock;	/* guards values and count */
	struct list_head values;
	unsigned int count;
};

struct vpw_registry *vpw_registry_create(void)
{
	struct vpw_registry *reg = kzalloc(sizeof(*reg), GFP_KERNEL);

	if (!reg)
		return NULL;
	mutex_init(&reg->lock);
	INIT_LIST_HEAD(&reg->values);
	return reg;
}

static void vpw_reg_value_free(struct vpw_reg_value *v)
{
	kfree(v->name);
	kfree(v);
}

void vpw_registry_destroy(struct vpw_registry *reg)
{
	struct vpw_reg_value *v, *tmp;

	if (!reg)
		return;
	list_for_each_entry_safe(v, tmp, &reg->values, node)
		vpw_reg_value_free(v);
	mutex_destroy(&reg->lock);
	kfree(reg);
}

/* Printable ASCII only: names end up in sysfs output and log lines. */
static bool vpw_reg_name_ok(const char *name)
{
	size_t n;

	if (!name || !*name)
		return false;
	for (n = 0; name[n]; n++)
		if (n >= VPW_REG_NAME_MAX || name[n] < 0x20 || name[n] > 0x7e)
			return false;
	return true;
}

static int vpw_reg_type_check(u32 type, size_t len)
{
	switch (type) {
	case VPW_REG_DWORD:
		return len == 4 ? 0 : -EINVAL;
	case VPW_REG_QWORD:
		return len == 8 ? 0 : -EINVAL;
	case VPW_REG_NONE:
	case VPW_REG_SZ:
	case VPW_REG_EXPAND_SZ:
	case VPW_REG_BINARY:
	case VPW_REG_MULTI_SZ:
		return 0;
	default:
		return -EINVAL;
	}
}

static struct vpw_reg_value *vpw_reg_find(struct vpw_registry *reg,
					  const char *name)
{
	struct vpw_reg_value *v;

	list_for_each_entry(v, &reg->values, node)
		if (!strcasecmp(v->name, name))
			return v;
	return NULL;
}

int vpw_registry_get(struct vpw_registry *reg, const char *name, u32 *type,
		     void *buf, size_t *len)
{
	struct vpw_reg_value *v;
	int ret = 0;

	if (!reg || !name || !len)
		return -EINVAL;
	mutex_lock(&reg->lock);
	v = vpw_reg_find(reg, name);
	if (!v) {
		ret = -ENOENT;
		goto out;
	}
	if (type)
		*type = v->type;
	if (*len < v->len)
		ret = -EOVERFLOW;
	else if (v->len)
		memcpy(buf, v->data, v->len);
	*len = v->len;
out:
	mutex_unlock(&reg->lock);
	return ret;
}

int vpw_registry_put(struct vpw_registry *reg, const char *name, u32 type,
		     const void *data, size_t len)
{
	struct vpw_reg_value *v, *old;
	int ret;

	if (!reg || !vpw_reg_name_ok(name) || (len && !data))
		return -EINVAL;
	ret = vpw_reg_type_check(type, len);
	if (ret)
		return ret;
	if (len > VPW_REG_DATA_MAX)
		return -E2BIG;

	v = kmalloc(struct_size(v, data, len), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	v->name = kstrdup(name, GFP_KERNEL);
	if (!v->name) {
		kfree(v);
		return -ENOMEM;
	}
	v->type = type;
	v->len = len;
	if (len)
		memcpy(v->data, data, len);

	mutex_lock(&reg->lock);
	old = vpw_reg_find(reg, name);
	if (old) {
		/* Replace in place: the original spelling of the name stays. */
		swap(v->name, old->name);
		list_replace(&old->node, &v->node);
	} else if (reg->count >= VPW_REG_VALUES_MAX) {
		ret = -ENOSPC;
	} else {
		list_add_tail(&v->node, &reg->values);
		reg->count++;
	}
	mutex_unlock(&reg->lock);

	if (old)
		vpw_reg_value_free(old);
	else if (ret)
		vpw_reg_value_free(v);
	return ret;
}

int vpw_registry_del(struct vpw_registry *reg, const char *name)
{
	struct vpw_reg_value *v;

	if (!reg || !name)
		return -EINVAL;
	mutex_lock(&reg->lock);
	v = vpw_reg_find(reg, name);
	if (v) {
		list_del(&v->node);
		reg->count--;
	}
	mutex_unlock(&reg->lock);
	if (!v)
		return -ENOENT;
	vpw_reg_value_free(v);
	return 0;
}

int vpw_registry_for_each(struct vpw_registry *reg, vpw_reg_visit_fn fn,
			  void *ctx)
{
	struct vpw_reg_value *v;
	int ret = 0;

	mutex_lock(&reg->lock);
	list_for_each_entry(v, &reg->values, node) {
		ret = fn(ctx, v->name, v->type, v->data, v->len);
		if (ret)
			break;
	}
	mutex_unlock(&reg->lock);
	return ret;
}
