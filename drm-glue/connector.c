// SPDX-License-Identifier: GPL-2.0
/*
 * Encoders and connectors: one of each per monitor child the miniport
 * reports (at least one), all cloning the single CRTC.
 *
 * The connector lists exactly the miniport's modes; the EDID (the monitor
 * child's, or the kernel's override) only feeds the EDID property, the
 * display info and the choice of the preferred mode.  A mode set the
 * miniport fails after the checks turns their link-status BAD.
 */
#include <linux/slab.h>
#include <drm/drm_atomic_state_helper.h>
#include <drm/drm_drv.h>
#include <drm/drm_edid.h>
#include <drm/drm_modeset_helper_vtables.h>
#include <drm/drm_modeset_lock.h>
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

/* The monitor child's EDID, fetched from the miniport at the first block. */
struct vpdrm_edid_source {
	struct vpdrm_device *vdev;
	unsigned int monitor;
	u8 *buf;
	int len;	/* bytes the miniport returned; < 0: not asked yet */
};

static int vpdrm_edid_read_block(void *context, u8 *block, unsigned int n,
				 size_t len)
{
	struct vpdrm_edid_source *src = context;
	int idx;

	if (src->len < 0) {
		src->len = 0;
		if (!drm_dev_enter(&src->vdev->drm, &idx))
			return -ENODEV;
		src->len = vp_adapter_get_edid(src->vdev->adapter,
					       src->monitor, src->buf,
					       VPDRM_EDID_MAX);
		drm_dev_exit(idx);
		if (src->len < 0)
			src->len = 0;	/* the miniport has none */
	}
	if ((size_t)n * EDID_LENGTH + len <= (size_t)src->len) {
		memcpy(block, src->buf + n * EDID_LENGTH, len);
		return 0;
	}
	if (!n)
		return -EIO;	/* no EDID */
	/*
	 * An extension the base block counts but the miniport did not
	 * return: an empty block, which the helpers drop as invalid.
	 */
	memset(block, 0, len);
	return 0;
}

/*
 * The connector's EDID through the EDID helpers, so that the kernel's
 * overrides win over the miniport's: the debugfs edid_override and the
 * drm.edid_firmware parameter, as for any upstream driver.
 */
static const struct drm_edid *vpdrm_read_edid(struct vpdrm_device *vdev,
					      struct drm_connector *connector,
					      unsigned int monitor)
{
	struct vpdrm_edid_source src = {
		.vdev = vdev, .monitor = monitor, .len = -1,
	};
	const struct drm_edid *drm_edid;

	src.buf = kmalloc(VPDRM_EDID_MAX, GFP_KERNEL);
	if (!src.buf)
		return NULL;
	drm_edid = drm_edid_read_custom(connector, vpdrm_edid_read_block, &src);
	kfree(src.buf);
	return drm_edid;
}

static int vpdrm_connector_get_modes(struct drm_connector *connector)
{
	struct vpdrm_device *vdev = to_vpdrm(connector->dev);
	struct drm_display_mode *m, *tmp;
	const struct drm_edid *drm_edid;
	u32 pref_w = 0, pref_h = 0;

	drm_edid = vpdrm_read_edid(vdev, connector, to_output(connector)->monitor);
	vpdrm_edid_connector_update(connector, drm_edid);
	drm_edid_free(drm_edid);

	/*
	 * Keep only the size the EDID prefers (it becomes the preferred mode
	 * if the miniport can set it).  The monitor's modes are not the
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

/*
 * The miniport failed a mode set after the commit's checks had passed: as
 * upstream drivers do when a link fails to train, the commit stands, the
 * connectors' link-status goes BAD and a hotplug event tells userspace to
 * set the mode again.  Runs as work: the commit tail may hold the
 * connection lock this takes.
 */
static void vpdrm_link_bad_work(struct work_struct *work)
{
	struct vpdrm_device *vdev = container_of(work, struct vpdrm_device,
						 link_work);
	struct drm_device *dev = &vdev->drm;
	unsigned long good = 0;
	unsigned int i;
	int idx;

	if (!drm_dev_enter(dev, &idx))
		return;
	/*
	 * Only a link userspace last saw GOOD changes and sends an event:
	 * a client that sets the mode again without looking (fbdev) must
	 * not be told again about the same failure, or it would retry for
	 * ever against a miniport that keeps failing.
	 */
	drm_modeset_lock(&dev->mode_config.connection_mutex, NULL);
	for (i = 0; i < vdev->num_outputs; i++)
		if (vdev->outputs[i].connector.state->link_status !=
		    DRM_MODE_LINK_STATUS_BAD)
			good |= BIT(i);
	drm_modeset_unlock(&dev->mode_config.connection_mutex);
	for (i = 0; i < vdev->num_outputs; i++)
		if (good & BIT(i))
			drm_connector_set_link_status_property(&vdev->outputs[i].connector,
							       DRM_MODE_LINK_STATUS_BAD);
	if (good)
		drm_kms_helper_hotplug_event(dev);
	drm_dev_exit(idx);
}

/* Called by the commit tail inside drm_dev_enter(). */
void vpdrm_link_failed(struct vpdrm_device *vdev)
{
	schedule_work(&vdev->link_work);
}

int vpdrm_outputs_init(struct vpdrm_device *vdev)
{
	struct drm_device *dev = &vdev->drm;
	unsigned int i, n, clones;
	int ret;

	INIT_WORK(&vdev->link_work, vpdrm_link_bad_work);
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
