// SPDX-License-Identifier: GPL-2.0
/*
 * The DRM device: every adapter that attaches (the wrapper's PCI probe
 * calls vpdrm_attach()) gets one DRM device parented to its PCI device, and
 * loses it (unplugged, so that open files stay valid but reach no hardware)
 * when it detaches (the wrapper's PCI remove, before videoport tears the
 * adapter down).
 *
 * Everything devm_ that attach sets up lives in its own devres group,
 * released by detach: the driver core would release plain devm_ resources
 * only after remove has returned, when the adapter is already gone.
 */
#include <linux/aperture.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <drm/drm_atomic.h>
#include <drm/drm_atomic_helper.h>
#include <drm/drm_drv.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_gem_shmem_helper.h>
#include <drm/drm_managed.h>
#include <drm/drm_mode_config.h>
#include <drm/drm_modeset_helper_vtables.h>
#include <drm/drm_print.h>
#include <drm/drm_vblank.h>

#include "vpwrap/compat_drm.h"
#include "drm-glue/drm_glue.h"
#include "drm-glue/vpdrm.h"

DEFINE_DRM_GEM_FOPS(vpdrm_fops);

static const struct drm_driver vpdrm_driver = {
	.driver_features = DRIVER_GEM | DRIVER_MODESET | DRIVER_ATOMIC,
	.fops = &vpdrm_fops,
	DRM_GEM_SHMEM_DRIVER_OPS,
	.gem_create_object = vpdrm_gem_create_object,
	VPDRM_FBDEV_DRIVER_OPS
	.name = VPDRM_NAME,
	.desc = "Windows video miniport (Video Port wrapper)",
	VPDRM_DRIVER_DATE("20240101")
	.major = 1,
	.minor = 0,
};

static const struct drm_mode_config_funcs vpdrm_mode_config_funcs = {
	.fb_create = vpdrm_fb_create,
	.atomic_check = vpdrm_atomic_check,
	.atomic_commit = drm_atomic_helper_commit,
};

/* Does a CRTC of this commit go through a full mode set? */
static bool vpdrm_commit_sets_mode(struct vpdrm_atomic *state)
{
	struct drm_crtc_state *cs;
	struct drm_crtc *crtc;
	int i;

	for_each_new_crtc_in_state(state, crtc, cs, i)
		if (drm_atomic_crtc_needs_modeset(cs))
			return true;
	return false;
}

/*
 * Mode sets before plane updates (as in the _rpm tail): the plane copies into
 * the frame buffer that the CRTC's mode set has just mapped.
 *
 * The commit then waits for its own event (flip_done; see
 * vpdrm_crtc_send_event() for when it is sent) rather than for a vblank
 * count change with the helpers' 100 ms limit: a guest CPU that the host
 * does not run for longer than that (common under emulation) is not a
 * driver fault, and the tick that comes late still completes the event.
 */
static void vpdrm_atomic_commit_tail(struct vpdrm_atomic *state)
{
	struct drm_device *dev = state->dev;
	struct vpdrm_device *vdev = to_vpdrm(dev);

	vpdrm_crc_commit_begin(vdev);
	vpdrm_zc_commit_begin(vdev);
	if (vpdrm_commit_sets_mode(state)) {
		drm_atomic_helper_commit_modeset_disables(dev, state);
		drm_atomic_helper_commit_modeset_enables(dev, state);
	} else {
		/*
		 * Plane updates only: nothing to disable or enable, and the
		 * mode, hence the vblank timestamping constants, stays.
		 */
		drm_atomic_helper_update_legacy_modeset_state(dev, state);
	}
	drm_atomic_helper_commit_planes(dev, state,
					DRM_PLANE_COMMIT_ACTIVE_ONLY);
	vpdrm_crc_commit_end(vdev);
	drm_atomic_helper_commit_hw_done(state);
	drm_atomic_helper_wait_for_flip_done(dev, state);
	drm_atomic_helper_cleanup_planes(dev, state);
}

static const struct drm_mode_config_helper_funcs vpdrm_mode_config_helpers = {
	.atomic_commit_tail = vpdrm_atomic_commit_tail,
};

static void vpdrm_release_timer(struct drm_device *dev, void *arg)
{
	vpdrm_vblank_stop(to_vpdrm(dev));
}

/*
 * What fbdev and userspace should use: the deepest format a mode scans out
 * itself, so that the console's blits need no conversion (on Cirrus,
 * XRGB8888 is converted to 24 bpp on every blit: 16 bpp, as the native
 * cirrus driver uses); else the best the plane offers.
 */
static unsigned int vpdrm_preferred_depth(struct vpdrm_device *vdev)
{
	unsigned int i, depth = 0;

	for (i = 0; i < vdev->num_modes; i++) {
		if (vdev->modes[i].format == DRM_FORMAT_XRGB8888)
			return 24;
		if (vdev->modes[i].format == DRM_FORMAT_RGB565)
			depth = 16;
		else if (vdev->modes[i].format == DRM_FORMAT_XRGB1555 && depth < 15)
			depth = 15;
	}
	if (depth)
		return depth;
	depth = 8;	/* only C8 left */
	for (i = 0; i < vdev->num_formats; i++) {
		if (vdev->formats[i] == DRM_FORMAT_XRGB8888)
			return 24;
		if (vdev->formats[i] == DRM_FORMAT_RGB565)
			depth = 16;
		else if (vdev->formats[i] == DRM_FORMAT_XRGB1555 && depth < 15)
			depth = 15;
	}
	return depth;
}

static int vpdrm_kms_init(struct vpdrm_device *vdev)
{
	struct drm_device *dev = &vdev->drm;
	unsigned int i;
	int ret;

	ret = drmm_mode_config_init(dev);
	if (ret)
		return ret;
	dev->mode_config.min_width = 1;
	dev->mode_config.min_height = 1;
	dev->mode_config.max_width = 8192;
	dev->mode_config.max_height = 8192;
	for (i = 0; i < vdev->num_modes; i++) {
		dev->mode_config.max_width = max_t(u32, dev->mode_config.max_width,
						   vdev->modes[i].vp.width);
		dev->mode_config.max_height = max_t(u32, dev->mode_config.max_height,
						    vdev->modes[i].vp.height);
	}
	dev->mode_config.preferred_depth = vpdrm_preferred_depth(vdev);
	dev->mode_config.funcs = &vpdrm_mode_config_funcs;
	dev->mode_config.helper_private = &vpdrm_mode_config_helpers;

	ret = vpdrm_primary_init(vdev);
	if (ret)
		return ret;
	ret = vpdrm_cursor_init(vdev);
	if (ret)
		return ret;
	ret = vpdrm_crtc_init(vdev);
	if (ret)
		return ret;
	ret = vpdrm_outputs_init(vdev);
	if (ret)
		return ret;

	vpdrm_vblank_setup(vdev);
	vpdrm_crc_init(vdev);
	ret = drmm_add_action(dev, vpdrm_release_timer, NULL);
	if (ret)
		return ret;
	ret = drm_vblank_init(dev, 1);
	if (ret)
		return ret;

	drm_mode_config_reset(dev);
	return 0;
}

/*
 * vgacon, vesafb/efifb or simpledrm would fight the miniport for the card:
 * they go before the miniport first touches it, as the kernel's own display
 * drivers remove them first thing in probe.
 */
int vpdrm_remove_conflicting(struct pci_dev *pdev)
{
	return aperture_remove_conflicting_pci_devices(pdev, vpdrm_driver.name);
}

/* Orders vpdrm_current_mode() against detach dropping the device. */
static DEFINE_MUTEX(vpdrm_drvdata_lock);

int vpdrm_attach(struct vp_adapter *a)
{
	struct device *parent = vp_adapter_device(a);
	struct vpdrm_device *vdev;
	void *group;
	int ret;

	group = devres_open_group(parent, NULL, GFP_KERNEL);
	if (!group)
		return -ENOMEM;

	vdev = devm_drm_dev_alloc(parent, &vpdrm_driver, struct vpdrm_device,
				  drm);
	if (IS_ERR(vdev)) {
		ret = PTR_ERR(vdev);
		goto err;
	}
	vdev->adapter = a;
	vdev->devres_group = group;
	vpdrm_zc_init(vdev);

	ret = vpdrm_modes_init(vdev);
	if (ret) {
		drm_err(&vdev->drm, "%s: no usable modes (%d)\n",
			vp_adapter_name(a), ret);
		goto err;
	}
	ret = vpdrm_kms_init(vdev);
	if (ret)
		goto err;

	ret = drm_dev_register(&vdev->drm, 0);
	if (ret)
		goto err;
	vp_adapter_set_drvdata(a, vdev);
	devres_close_group(parent, group);

	drm_info(&vdev->drm, "%s: %u modes, %u connector(s)%s\n",
		 vp_adapter_name(a), vdev->num_modes, vdev->num_outputs,
		 vdev->has_cursor ? ", hardware cursor" : "");
	vpdrm_fbdev_setup(&vdev->drm,
			  vdev->drm.mode_config.preferred_depth == 24 ? 32 :
			  vdev->drm.mode_config.preferred_depth >= 15 ? 16 : 8);
	vpdrm_fbdev_init(vdev);
	return 0;

err:
	devres_release_group(parent, group);
	return ret;
}

void vpdrm_detach(struct vp_adapter *a)
{
	struct vpdrm_device *vdev = vp_adapter_get_drvdata(a);
	struct device *parent = vp_adapter_device(a);

	if (!vdev)
		return;
	/* The console leaves video memory while the device still works. */
	vpdrm_fbdev_fini(vdev);
	/*
	 * Unplug first: it waits for everyone inside drm_dev_enter(), and
	 * from then on no commit reaches the adapter.  The shutdown commit
	 * therefore only turns the software state off; give the miniport
	 * its mapping back by hand while the adapter still exists.
	 */
	drm_dev_unplug(&vdev->drm);
	cancel_work_sync(&vdev->link_work);
	drm_atomic_helper_shutdown(&vdev->drm);
	vpdrm_hw_shutdown(vdev);
	mutex_lock(&vpdrm_drvdata_lock);
	vp_adapter_set_drvdata(a, NULL);
	mutex_unlock(&vpdrm_drvdata_lock);
	/* Drops our reference; open files keep the drm_device alive. */
	devres_release_group(parent, vdev->devres_group);
}

int vpdrm_current_mode(struct vp_adapter *a, struct vp_mode *mode)
{
	struct vpdrm_device *vdev;
	const struct vpdrm_mode *vm;

	int ret = -ENODATA;

	/*
	 * hw_mode points into the device's mode array, which lives as long
	 * as the device; detach clears the adapter's drvdata under the same
	 * lock before it drops the device.
	 */
	mutex_lock(&vpdrm_drvdata_lock);
	vdev = vp_adapter_get_drvdata(a);
	vm = vdev ? READ_ONCE(vdev->hw_mode) : NULL;
	if (vm) {
		*mode = vm->vp;
		ret = 0;
	}
	mutex_unlock(&vpdrm_drvdata_lock);
	return ret;
}

/*
 * "nomodeset" asks for the firmware's framebuffer only: like the kernel's
 * own display drivers, vpwrap then does not come up at all, so no miniport
 * is ever started to touch the adapter.
 */
int vpdrm_init(void)
{
	if (drm_firmware_drivers_only()) {
		pr_info("vpwrap: nomodeset given: leaving the display to the firmware framebuffer\n");
		return -ENODEV;
	}
	return 0;
}
