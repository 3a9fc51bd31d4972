// SPDX-License-Identifier: GPL-2.0
/*
 * VideoPortQueryServices: the optional interfaces a miniport may ask for.
 * The I2C interface is offered (vp_i2c_iface.c), and so is Int10
 * (int10_export.c).  The others cannot be,
 * each for its own reason: they fail with ERROR_INVALID_FUNCTION, the
 * documented "service not available", and the first request per driver
 * and service logs why.
 */
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/vp_i2c.h"
#include "videoport/int10.h"

/* VIDEO_PORT_SERVICES */
enum {
	VP_SERVICES_AGP = 1,
	VP_SERVICES_I2C,
	VP_SERVICES_HEADLESS,
	VP_SERVICES_INT10,
	VP_SERVICES_DEBUG_REPORT,
	VP_SERVICES_WC_MEMORY_PROTECTION,
};

VP_EXPORT(VIDEOPRT, u32, VideoPortQueryServices, void *ext, u32 type, void *iface)
{
	if (!vp_adapter_from_ext(ext) || !iface)
		return ERROR_INVALID_PARAMETER;
	switch (type) {
	case VP_SERVICES_AGP:
		vp_unsupported("VideoPortQueryServices(AGP)", "AGP services are not available");
		break;
	case VP_SERVICES_I2C:
		return vp_i2c_interface(ext, iface);
	case VP_SERVICES_HEADLESS:
		vp_unsupported("VideoPortQueryServices(Headless)", "no headless terminal");
		break;
	case VP_SERVICES_INT10:
		return vp_int10_interface(ext, iface);
	case VP_SERVICES_DEBUG_REPORT:
		vp_unsupported("VideoPortQueryServices(DebugReport)",
			       "no Windows error reporting");
		break;
	case VP_SERVICES_WC_MEMORY_PROTECTION:
		vp_unsupported("VideoPortQueryServices(WCMemoryProtection)",
			       "no protected write-combined memory");
		break;
	default:
		return ERROR_INVALID_PARAMETER;
	}
	return ERROR_INVALID_FUNCTION;
}
