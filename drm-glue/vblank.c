// SPDX-License-Identifier: GPL-2.0
/*
 * Software vblank.  Miniports give no vblank interrupt (the XPDM interface
 * has none), so an hrtimer ticks at the mode's refresh rate for as long as
 * the CRTC is on.  It runs freely: drm_crtc_handle_vblank() ignores ticks
 * while DRM has the vblank "interrupt" disabled, so enable_vblank and
 * disable_vblank need not race with the timer.
 *
 * The timer's expiry times are the vblank timestamps, so a tick that comes
 * late (a busy or emulated CPU) still counts every frame that went by, as a
 * hardware frame counter would.
 */
#include <linux/math64.h>
#include <drm/drm_vblank.h>

#include "drm-glue/vpdrm.h"

static enum hrtimer_restart vpdrm_vblank_tick(struct hrtimer *timer)
{
	struct vpdrm_device *vdev = container_of(timer, struct vpdrm_device,
						 vblank_timer);

	/*
	 * Forward first: the timestamp callback then always finds the next
	 * vblank in the timer and the one being handled a period before.
	 */
	hrtimer_forward_now(timer, vdev->vblank_period);
	if (drm_crtc_handle_vblank(&vdev->crtc))
		vpdrm_crc_vblank(vdev);
	return HRTIMER_RESTART;
}

bool vpdrm_crtc_get_vblank_timestamp(struct drm_crtc *crtc, int *max_error,
				     ktime_t *vblank_time, bool in_vblank_irq)
{
	struct vpdrm_device *vdev = to_vpdrm(crtc->dev);
	struct drm_vblank_crtc *vblank = &crtc->dev->vblank[drm_crtc_index(crtc)];

	if (!READ_ONCE(vblank->enabled)) {
		*vblank_time = ktime_get();
		return true;
	}
	*vblank_time = ktime_sub(hrtimer_get_expires(&vdev->vblank_timer),
				 vdev->vblank_period);
	return true;
}

void vpdrm_vblank_setup(struct vpdrm_device *vdev)
{
	hrtimer_init(&vdev->vblank_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	vdev->vblank_timer.function = vpdrm_vblank_tick;
}

/* Frame duration from the mode's timings; 60 Hz if they make no sense. */
void vpdrm_vblank_start(struct vpdrm_device *vdev,
			const struct drm_display_mode *mode)
{
	u64 ns = NSEC_PER_SEC / 60;

	if (mode->clock > 0 && mode->htotal > 0 && mode->vtotal > 0)
		ns = div_u64((u64)mode->htotal * mode->vtotal * 1000000ULL,
			     mode->clock);
	vdev->vblank_period = ns_to_ktime(clamp_t(u64, ns, NSEC_PER_SEC / 240,
						  NSEC_PER_SEC / 10));
	hrtimer_start(&vdev->vblank_timer, vdev->vblank_period,
		      HRTIMER_MODE_REL);
}

/* Process context only: waits for a running tick. */
void vpdrm_vblank_stop(struct vpdrm_device *vdev)
{
	hrtimer_cancel(&vdev->vblank_timer);
}

/*
 * Complete a commit's event.  The frame is in video memory as soon as the
 * plane update has copied it, so only an event that userspace asked for
 * waits for the next tick: page flips are then paced and timestamped as on
 * a real CRTC.  The helpers' own completion event (it has no file) is sent
 * now, so a blocking update does not sleep a frame for nothing; so is any
 * event when the CRTC goes off (no tick will come).
 */
void vpdrm_crtc_send_event(struct drm_crtc *crtc,
			   struct drm_crtc_state *crtc_state)
{
	struct drm_pending_vblank_event *event = crtc_state->event;

	if (!event)
		return;
	crtc_state->event = NULL;

	spin_lock_irq(&crtc->dev->event_lock);
	if (crtc_state->active && event->base.file_priv &&
	    drm_crtc_vblank_get(crtc) == 0)
		drm_crtc_arm_vblank_event(crtc, event);
	else
		drm_crtc_send_vblank_event(crtc, event);
	spin_unlock_irq(&crtc->dev->event_lock);
}
