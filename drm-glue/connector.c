// SPDX-License-Identifier: GPL-2.0
/*
 * Encoders and connectors: one of each per monitor child the miniport
 * reports (at least one), all cloning the single CRTC.
 *
 * The connector lists exactly the miniport's modes; the EDID (if the monitor
 * child has one) only feeds the EDID property, the display info and the
 * choice of the preferred mode.
 */
#include <linux/slab.h>
#include <drm/drm_atomic_state_helper.h>
#include <drm/drm_drv.h>
#include <drm/drm_edid.h>
#include <drm/drm_modeset_helper_vtables.h>
#include <drm/drm_probe_helper.h>
#include <drm/drm_simple_kms_helper.h>

#include "vpwrap/compat_drm.h"
#include "drm-glue/vpdrm.h"

/* Base block plus up to three extensions is plenty for a monitor child. */
#define VPDRM_EDID_MAX	(4 * EDID_LENGTH)

static struct vpdrm_output *to_output(struct drm_connector *connector)
{
	return container_of(connector, struct vpdrm_output, connector);
}

static const struct drm_edid *vpdrm_read_edid(struct vpdrm_device *vdev,
					      unsigned int monitor)
{
	const struct drm_edid *drm_edid = NULL;
	u8 *buf;
	int len, idx;

	if (!drm_dev_enter(&vdev->drm, &idx))
		return NULL;
	buf = kmalloc(VPDRM_EDID_MAX, GFP_KERNEL);
	if (buf) {
		len = vp_adapter_get_edid(vdev->adapter, monitor, buf,
					  VPDRM_EDID_MAX);
		if (len >= EDID_LENGTH)
			drm_edid = drm_edid_alloc(buf, len);
		kfree(buf);
	}
	drm_dev_exit(idx);
	return drm_edid;
}

static int vpdrm_connector_get_modes(struct drm_connector *connector)
{
	struct vpdrm_device *vdev = to_vpdrm(connector->dev);
	struct drm_display_mode *m, *tmp;
	const struct drm_edid *drm_edid;
	u32 pref_w = 0, pref_h = 0;

	drm_edid = vpdrm_read_edid(vdev, to_output(connector)->monitor);
	vpdrm_edid_connector_update(connector, drm_edid);
	drm_edid_free(drm_edid);

	/*
	 * Keep only what the EDID prefers: the monitor's modes are not the
	 * miniport's, and the miniport decides the timings it programs.
	 */
	list_for_each_entry_safe(m, tmp, &connector->probed_modes, head) {
		if ((m->type & DRM_MODE_TYPE_PREFERRED) && !pref_w) {
			pref_w = m->hdisplay;
			pref_h = m->vdisplay;
		}
		list_del(&m->head);
		drm_mode_destroy(connector->dev, m);
	}

	return vpdrm_modes_add(vdev, connector, pref_w, pref_h);
}

static enum drm_mode_status
vpdrm_connector_mode_valid(struct drm_connector *connector,
			   struct drm_display_mode *mode)
{
	return vpdrm_mode_offered(to_vpdrm(connector->dev), mode) ?
	       MODE_OK : MODE_BAD;
}

static const struct drm_connector_helper_funcs vpdrm_connector_helper_funcs = {
	.get_modes = vpdrm_connector_get_modes,
	.mode_valid = vpdrm_connector_mode_valid,
};

static const struct drm_connector_funcs vpdrm_connector_funcs = {
	.fill_modes = drm_helper_probe_single_connector_modes,
	.destroy = drm_connector_cleanup,
	.reset = drm_atomic_helper_connector_reset,
	.atomic_duplicate_state = drm_atomic_helper_connector_duplicate_state,
	.atomic_destroy_state = drm_atomic_helper_connector_destroy_state,
};

int vpdrm_outputs_init(struct vpdrm_device *vdev)
{
	struct drm_device *dev = &vdev->drm;
	unsigned int i, n, clones;
	int ret;

	n = vp_adapter_num_monitors(vdev->adapter);
	n = clamp(n, 1U, (unsigned int)VPDRM_MAX_OUTPUTS);
	clones = GENMASK(n - 1, 0);

	for (i = 0; i < n; i++) {
		struct vpdrm_output *out = &vdev->outputs[i];

		out->monitor = i;
		ret = drm_simple_encoder_init(dev, &out->encoder,
					      DRM_MODE_ENCODER_DAC);
		if (ret)
			return ret;
		out->encoder.possible_crtcs = drm_crtc_mask(&vdev->crtc);
		out->encoder.possible_clones = clones;

		ret = drm_connector_init(dev, &out->connector,
					 &vpdrm_connector_funcs,
					 DRM_MODE_CONNECTOR_VGA);
		if (ret)
			return ret;
		drm_connector_helper_add(&out->connector,
					 &vpdrm_connector_helper_funcs);
		ret = drm_connector_attach_encoder(&out->connector,
						   &out->encoder);
		if (ret)
			return ret;
	}
	vdev->num_outputs = n;
	return 0;
}
