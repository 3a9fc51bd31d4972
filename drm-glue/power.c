// SPDX-License-Identifier: GPL-2.0
/*
 * System sleep: the DRM side.  Before the adapter goes to D3 the helpers
 * save the display state and turn the CRTC off (the monitors go to DPMS
 * off, the frame buffer is unmapped); after the adapter is back in D0 they
 * commit the saved state again, which sets the mode through the miniport,
 * loads the palette and copies every plane in full.  The wrapper's PCI
 * power callbacks call these around the adapter's own power requests.
 */
#include <drm/drm_modeset_helper.h>

#include "drm-glue/drm_glue.h"
#include "drm-glue/vpdrm.h"

int vpdrm_suspend(struct vp_adapter *a)
{
	struct vpdrm_device *vdev = vp_adapter_get_drvdata(a);

	return vdev ? drm_mode_config_helper_suspend(&vdev->drm) : 0;
}

int vpdrm_resume(struct vp_adapter *a)
{
	struct vpdrm_device *vdev = vp_adapter_get_drvdata(a);

	return vdev ? drm_mode_config_helper_resume(&vdev->drm) : 0;
}
