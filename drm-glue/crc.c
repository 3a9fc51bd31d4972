// SPDX-License-Identifier: GPL-2.0
/*
 * Frame CRCs for the DRM CRC debugfs interface (<debugfs>/dri/N/crtc-0/crc).
 * Miniports have no CRC hardware, so the one source, "auto", is computed in
 * software over what drm-glue wrote to video memory: a CRC-32 of the visible
 * lines of the frame buffer (each line's pixels, not the stride's padding).
 *
 * The picture in video memory changes only in the commit tail, so the CRC
 * is computed there, after the plane updates, and the vblank tick reports
 * the current one for every frame, as CRC hardware reading out the same
 * memory would.  Computing it needs the frame buffer mapped, so it happens
 * under @lock, which the commit tail holds while it changes the hardware
 * state; turning CRCs on computes the first one under the same lock.
 */
#include <linux/crc32.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <drm/drm_crtc.h>
#include <drm/drm_debugfs_crc.h>
#include <drm/drm_drv.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_print.h>
#include <drm/drm_vblank.h>

#include "drm-glue/vpdrm.h"

static const char *const vpdrm_crc_sources[] = { "auto" };

/*
 * CRC of the visible frame buffer (of VGA's four planes one after the
 * other in a planar mode); callers hold crc.lock, drm_dev_enter().
 */
static int vpdrm_crc_compute(struct vpdrm_device *vdev, u32 *crc)
{
	const struct vp_mode *m = &vdev->hw_mode->vp;
	bool planar = vdev->hw_mode->format == VPDRM_FORMAT_VGA16;
	const u8 __iomem *line;
	unsigned int len, y, plane, planes = planar ? 4 : 1;
	u8 *buf;

	if (planar)
		len = DIV_ROUND_UP(m->width, 8);
	else
		len = drm_format_info_min_pitch(vdev->hw_mode->info,
						0, m->width);
	buf = kmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	*crc = ~0U;
	for (plane = 0; plane < planes; plane++) {
		if (planar)
			vpdrm_vga16_read_plane(plane);
		line = vdev->fb.vaddr + vdev->fb.offset;
		for (y = 0; y < m->height; y++, line += m->stride) {
			memcpy_fromio(buf, line, len);
			*crc = crc32_le(*crc, buf, len);
		}
	}
	*crc = ~*crc;
	kfree(buf);
	return 0;
}

/* Recompute the current frame's CRC (if CRCs are on); crc.lock held. */
static void vpdrm_crc_refresh(struct vpdrm_device *vdev)
{
	bool valid = false;
	u32 crc = 0;
	int idx;

	if (!vdev->crc.enabled)
		return;
	if (vdev->fb_mapped && vdev->hw_mode && drm_dev_enter(&vdev->drm, &idx)) {
		valid = !vpdrm_crc_compute(vdev, &crc);
		drm_dev_exit(idx);
	}
	spin_lock_irq(&vdev->crc.value_lock);
	vdev->crc.value = crc;
	vdev->crc.valid = valid;
	spin_unlock_irq(&vdev->crc.value_lock);
}

/* The commit tail is about to change the hardware state. */
void vpdrm_crc_commit_begin(struct vpdrm_device *vdev)
{
	mutex_lock(&vdev->crc.lock);
}

/* The commit tail has written this commit's picture. */
void vpdrm_crc_commit_end(struct vpdrm_device *vdev)
{
	vpdrm_crc_refresh(vdev);
	mutex_unlock(&vdev->crc.lock);
}

/* From the vblank tick (hard IRQ): one entry for the frame just begun. */
void vpdrm_crc_vblank(struct vpdrm_device *vdev)
{
	struct drm_crtc *crtc = &vdev->crtc;
	unsigned long flags;
	bool valid;
	u32 crc;

	spin_lock_irqsave(&vdev->crc.value_lock, flags);
	valid = vdev->crc.enabled && vdev->crc.valid;
	crc = vdev->crc.value;
	spin_unlock_irqrestore(&vdev->crc.value_lock, flags);
	if (valid)
		drm_crtc_add_crc_entry(crtc, true, drm_crtc_vblank_count(crtc),
				       &crc);
}

static int vpdrm_crc_parse(const char *source, bool *enabled)
{
	if (!source) {
		*enabled = false;
		return 0;
	}
	if (!strcmp(source, "auto")) {
		*enabled = true;
		return 0;
	}
	return -EINVAL;
}

int vpdrm_crtc_verify_crc_source(struct drm_crtc *crtc, const char *source,
				 size_t *values_cnt)
{
	bool enabled;

	if (vpdrm_crc_parse(source, &enabled)) {
		drm_dbg_driver(crtc->dev, "unknown CRC source %s\n", source);
		return -EINVAL;
	}
	*values_cnt = 1;
	return 0;
}

const char *const *vpdrm_crtc_get_crc_sources(struct drm_crtc *crtc,
					       size_t *count)
{
	*count = ARRAY_SIZE(vpdrm_crc_sources);
	return vpdrm_crc_sources;
}

/*
 * On: a vblank reference keeps the frame counter (and so the entries)
 * going, and the current picture's CRC is computed at once.  Off: the
 * reference is dropped and the tick stops reporting.
 */
int vpdrm_crtc_set_crc_source(struct drm_crtc *crtc, const char *source)
{
	struct vpdrm_device *vdev = to_vpdrm(crtc->dev);
	bool enabled;
	int ret;

	ret = vpdrm_crc_parse(source, &enabled);
	if (ret)
		return ret;

	mutex_lock(&vdev->crc.lock);
	if (enabled && !vdev->crc.vblank_ref) {
		ret = drm_crtc_vblank_get(crtc);
		if (ret)
			goto out;
		vdev->crc.vblank_ref = true;
	} else if (!enabled && vdev->crc.vblank_ref) {
		drm_crtc_vblank_put(crtc);
		vdev->crc.vblank_ref = false;
	}
	spin_lock_irq(&vdev->crc.value_lock);
	vdev->crc.enabled = enabled;
	vdev->crc.valid = false;
	spin_unlock_irq(&vdev->crc.value_lock);
	vpdrm_crc_refresh(vdev);
out:
	mutex_unlock(&vdev->crc.lock);
	return ret;
}

void vpdrm_crc_init(struct vpdrm_device *vdev)
{
	mutex_init(&vdev->crc.lock);
	spin_lock_init(&vdev->crc.value_lock);
}
