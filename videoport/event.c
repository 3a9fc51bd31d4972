// SPDX-License-Identifier: GPL-2.0
/*
 * Events and VideoPortWaitForSingleObject.  Synchronization events reset
 * when one waiter is released; notification events stay signaled.  Set,
 * Clear and ReadState work at any IRQL up to DISPATCH_LEVEL; a wait with a
 * timeout other than zero needs PASSIVE_LEVEL (it sleeps, outside the FPU
 * bracket).
 */
#include <linux/jiffies.h>
#include <linux/math64.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/pool.h"
#include "videoport/nt_time.h"

#define VP_EVENT_MAGIC 0x6e764556u	/* "VEvn" */

struct vp_event {
	wait_queue_head_t wq;
	raw_spinlock_t lock;
	u32 magic;
	bool notification;
	bool signaled;
};

static struct vp_event *vp_event_check(void *p)
{
	struct vp_event *e = p;

	if (!e || e->magic != VP_EVENT_MAGIC) {
		vp_warn_once(vp_current_driver(), VP_ONCE_BAD_EVENT,
			     "%p is not a VideoPort event, call ignored\n", p);
		return NULL;
	}
	return e;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortCreateEvent, void *ext, u32 flags, void *unused,
	  struct vp_event **out)
{
	struct vp_event *e;

	if (!out)
		return ERROR_INVALID_PARAMETER;
	e = vp_pool_alloc(vp_current_driver(), sizeof(*e), false, 0x6e657645);
	if (!e)
		return ERROR_NOT_ENOUGH_MEMORY;
	init_waitqueue_head(&e->wq);
	raw_spin_lock_init(&e->lock);
	e->notification = flags & VP_NOTIFICATION_EVENT;
	e->signaled = flags & VP_INITIAL_EVENT_SIGNALED;
	e->magic = VP_EVENT_MAGIC;
	*out = e;
	return NO_ERROR;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortDeleteEvent, void *ext, void *p)
{
	struct vp_event *e = vp_event_check(p);

	if (!e)
		return ERROR_INVALID_PARAMETER;
	e->magic = 0;
	vp_pool_free(vp_current_driver(), e);
	return NO_ERROR;
}

/* Returns the previous state. */
VP_EXPORT(VIDEOPRT, s32, VideoPortSetEvent, void *ext, void *p)
{
	struct vp_event *e = vp_event_check(p);
	unsigned long flags;
	bool old;

	if (!e)
		return 0;
	raw_spin_lock_irqsave(&e->lock, flags);
	old = e->signaled;
	e->signaled = true;
	raw_spin_unlock_irqrestore(&e->lock, flags);
	if (e->notification)
		wake_up_all(&e->wq);
	else
		wake_up(&e->wq);
	return old;
}

VP_EXPORT(VIDEOPRT, void, VideoPortClearEvent, void *ext, void *p)
{
	struct vp_event *e = vp_event_check(p);

	if (e)
		WRITE_ONCE(e->signaled, false);
}

VP_EXPORT(VIDEOPRT, s32, VideoPortReadStateEvent, void *ext, void *p)
{
	struct vp_event *e = vp_event_check(p);

	return e ? READ_ONCE(e->signaled) : 0;
}

/* Takes the signal (resetting a synchronization event); true if it was set. */
static bool vp_event_take(struct vp_event *e)
{
	unsigned long flags;
	bool got;

	raw_spin_lock_irqsave(&e->lock, flags);
	got = e->signaled;
	if (got && !e->notification)
		e->signaled = false;
	raw_spin_unlock_irqrestore(&e->lock, flags);
	return got;
}

/*
 * @timeout: NULL waits forever; negative is relative, in 100 ns units;
 * zero polls; positive is an absolute system time (100 ns units since
 * 1601, KeQuerySystemTime's clock), turned into a relative wait once: a
 * later step of the wall clock does not move it, as it would on Windows.
 */
VP_EXPORT(VIDEOPRT, u32, VideoPortWaitForSingleObject, void *ext, void *object,
	  const s64 *timeout)
{
	struct vp_event *e = vp_event_check(object);
	unsigned long jif = MAX_SCHEDULE_TIMEOUT;
	struct vp_sleep s;
	long left;
	u64 hns;

	if (!timeout || *timeout)
		VP_VERIFY_IRQL(VP_V_IRQL_WAIT, "VideoPortWaitForSingleObject", PASSIVE_LEVEL,
			       PASSIVE_LEVEL);
	if (!e)
		return ERROR_INVALID_PARAMETER;
	if (vp_event_take(e))
		return NO_ERROR;
	if (timeout) {
		s64 rel = *timeout;

		if (rel > 0)
			rel = vp_system_time() - rel;
		if (rel >= 0)
			return WAIT_TIMEOUT;
		hns = -(u64)rel;
		jif = hns > div_u64(NSEC_PER_SEC * 3600ull * 24, 100) ? 24 * 3600 * HZ :
		      nsecs_to_jiffies(hns * 100) + 1;
	}
	if (!vp_sleep_begin(&s)) {
		vp_warn_once(vp_current_driver(), VP_ONCE_SLEEP_ATOMIC,
			     "VideoPortWaitForSingleObject with a timeout called above PASSIVE_LEVEL\n");
		return ERROR_INVALID_PARAMETER;
	}
	left = wait_event_timeout(e->wq, vp_event_take(e), jif);
	vp_sleep_end(&s);
	return left ? NO_ERROR : WAIT_TIMEOUT;
}
