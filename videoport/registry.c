// SPDX-License-Identifier: GPL-2.0
/*
 * VideoPortGet/SetRegistryParameters on the driver's registry store
 * (registry_store.h).  The store takes a mutex, so both run the store
 * access outside the FPU bracket (vp_sleep_begin) and only at PASSIVE_LEVEL,
 * as the DDK requires.  Value names arrive as UTF-16 and must be ASCII.
 */
#include <linux/slab.h>
#include "videoport/registry_store.h"
#include "videoport/vp.h"
#include "videoport/export.h"

static bool vp_reg_name(char *dst, const u16 *name)
{
	char tmp[VPW_REG_NAME_MAX + 2];
	size_t n = vp_utf16_to_ascii(tmp, sizeof(tmp), name, VPW_REG_NAME_MAX + 1);

	if (!n || n > VPW_REG_NAME_MAX || strchr(tmp, '?'))
		return false;
	memcpy(dst, tmp, n + 1);
	return true;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortGetRegistryParameters, void *ext, u16 *name,
	  u8 is_file_name, void *callback, void *context)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	char aname[VPW_REG_NAME_MAX + 1];
	struct vpw_registry *reg;
	struct vp_sleep s;
	size_t len = 0;
	void *data = NULL;
	u32 type, st;
	int ret;

	VP_VERIFY_IRQL(VP_V_IRQL_GETREG, "VideoPortGetRegistryParameters", PASSIVE_LEVEL,
		       PASSIVE_LEVEL);
	if (!a || !callback || !vp_reg_name(aname, name))
		return ERROR_INVALID_PARAMETER;
	if (is_file_name) {
		vp_warn_once(a->drv, VP_ONCE_REG_FILE,
			     "VideoPortGetRegistryParameters: parameter files are not supported\n");
		return ERROR_INVALID_PARAMETER;
	}
	if (!vp_sleep_begin(&s)) {
		vp_warn_once(a->drv, VP_ONCE_SLEEP_ATOMIC,
			     "VideoPortGetRegistryParameters called above PASSIVE_LEVEL\n");
		return ERROR_INVALID_PARAMETER;
	}
	reg = a->drv->registry;
	ret = vpw_registry_get(reg, aname, &type, NULL, &len);
	if (ret == -EOVERFLOW || (!ret && !len)) {
		data = kzalloc(len + 2, GFP_KERNEL);	/* +2: a REG_SZ without NUL stays terminated */
		ret = data ? vpw_registry_get(reg, aname, &type, data, &len) : -ENOMEM;
	}
	vp_sleep_end(&s);
	if (ret) {
		kfree(data);
		return ret == -ENOMEM ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER;
	}
	st = (u32)VP_CALL(a->drv, a, callback, ext, context, name, data, len);
	kfree(data);
	return st;
}

/* The value is stored as REG_BINARY, as Windows' videoprt does. */
VP_EXPORT(VIDEOPRT, u32, VideoPortSetRegistryParameters, void *ext, u16 *name,
	  const void *data, u32 len)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	char aname[VPW_REG_NAME_MAX + 1];
	struct vp_sleep s;
	int ret;

	VP_VERIFY_IRQL(VP_V_IRQL_SETREG, "VideoPortSetRegistryParameters", PASSIVE_LEVEL,
		       PASSIVE_LEVEL);
	if (!a || (len && !data) || !vp_reg_name(aname, name))
		return ERROR_INVALID_PARAMETER;
	if (!vp_sleep_begin(&s)) {
		vp_warn_once(a->drv, VP_ONCE_SLEEP_ATOMIC,
			     "VideoPortSetRegistryParameters called above PASSIVE_LEVEL\n");
		return ERROR_INVALID_PARAMETER;
	}
	ret = vpw_registry_put(a->drv->registry, aname, VPW_REG_BINARY, data, len);
	vp_sleep_end(&s);
	switch (ret) {
	case 0:
		return NO_ERROR;
	case -ENOMEM:
	case -ENOSPC:
		return ERROR_NOT_ENOUGH_MEMORY;
	default:
		return ERROR_INVALID_PARAMETER;
	}
}
