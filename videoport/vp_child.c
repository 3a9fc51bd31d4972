// SPDX-License-Identifier: GPL-2.0
/*
 * Child devices: VideoPortEnumerateChildren, GetAssociatedDeviceExtension,
 * CreateSecondaryDisplay.
 */
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/pool.h"

/*
 * Asks the miniport again for its children (HwGetVideoChildDescriptor),
 * e.g. after a monitor was plugged in; the adapter's monitor list and
 * EDIDs are refreshed.  PASSIVE_LEVEL: the enumeration allocates and
 * calls back into the miniport as a fresh bridge call.
 */
VP_EXPORT(VIDEOPRT, u32, VideoPortEnumerateChildren, void *ext, void *reserved)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_sleep s;

	if (!a)
		return ERROR_INVALID_PARAMETER;
	if (!vp_sleep_begin(&s))
		return ERROR_INVALID_PARAMETER;
	vp_adapter_enum_children(a);
	vp_sleep_end(&s);
	return NO_ERROR;
}

/*
 * Windows passes a child's device object and gets its parent adapter's
 * HwDeviceExtension.  We create no child device objects: the only device
 * pointers a miniport holds are adapter extensions, which are their own
 * parents.  Anything else is unknown: NULL.
 */
VP_EXPORT(VIDEOPRT, void *, VideoPortGetAssociatedDeviceExtension, void *device)
{
	struct vp_adapter *a = vp_adapter_from_ext(device);

	return a ? a->ext : NULL;
}

/*
 * DualView: the miniport gets a second device extension of the same size
 * for its secondary view.  We hand it out (pool, freed with the driver) so
 * that DualView miniports initialize; drm-glue drives the primary view
 * only, so requests never arrive on the secondary one.
 */
VP_EXPORT(VIDEOPRT, u32, VideoPortCreateSecondaryDisplay, void *ext, void **second,
	  u32 flags)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_sleep s;
	void *p;

	if (!a || !second)
		return ERROR_INVALID_PARAMETER;
	if (!vp_sleep_begin(&s))
		return ERROR_INVALID_PARAMETER;
	p = vp_pool_alloc(a->drv, max_t(u32, a->drv->hw.device_extension_size, 16),
			  true, 0x63655356);
	vp_sleep_end(&s);
	if (!p)
		return ERROR_NOT_ENOUGH_MEMORY;
	*second = p;
	return NO_ERROR;
}
