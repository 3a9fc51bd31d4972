/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Timer differences between the kernels vpwrap supports.  The code uses the
 * newest kernel's names; this file provides them on the older kernels.
 */
#ifndef VPWRAP_COMPAT_TIME_H
#define VPWRAP_COMPAT_TIME_H

#include <linux/hrtimer.h>
#include <linux/timer.h>
#include <linux/version.h>

/* 6.16 renamed from_timer() to timer_container_of(). */
#ifndef timer_container_of
#define timer_container_of(var, callback_timer, timer_fieldname) \
	from_timer(var, callback_timer, timer_fieldname)
#endif

/*
 * 6.2 added timer_shutdown_sync(), after which mod_timer() does nothing.
 * Before it, deleting is all there is: callers must also stop re-arming
 * the timer themselves (a flag checked before mod_timer()).
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
#define timer_shutdown_sync(timer) timer_delete_sync(timer)
#endif

/* 6.13 added hrtimer_setup(), which also sets the callback; 7.x dropped hrtimer_init(). */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
static inline void hrtimer_setup(struct hrtimer *timer,
				 enum hrtimer_restart (*function)(struct hrtimer *),
				 clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}
#endif

#endif /* VPWRAP_COMPAT_TIME_H */
