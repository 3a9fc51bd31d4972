// SPDX-License-Identifier: GPL-2.0
/*
 * ntoskrnl's KeTickCount, a data export on x86: the clock ticks since boot
 * as a KSYSTEM_TIME, which x86 driver code reads directly (the DDK's
 * KeQueryTickCount is a macro over it).  The tick is the one
 * KeQueryTimeIncrement reports (15.625 ms); the count comes from the
 * monotonic clock, so it never drifts, and a timer brings it up to date
 * every tick while vpwrap has its export tables built (a miniport may be
 * polling it).  The writer's order lets a reader on another CPU see a
 * consistent 64-bit value without a lock: High2Time, LowPart, then
 * High1Time; readers read them in the reverse order and retry while
 * High1Time and High2Time differ, as Windows' KeQueryTickCount does.
 */
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/timer.h>
#include "videoport/export.h"
#include "videoport/nt_time.h"

/* KSYSTEM_TIME */
struct win_ksystem_time {
	u32 low_part;
	s32 high1_time;
	s32 high2_time;
};

static struct win_ksystem_time KeTickCount;
VP_EXPORT_DATA(NTOSKRNL, KeTickCount);

static struct timer_list vp_tick_timer;
static bool vp_tick_running;

static void vp_tick_update(void)
{
	u64 ticks = div_u64(ktime_get_ns(), VP_TIME_INCREMENT_NS);

	WRITE_ONCE(KeTickCount.high2_time, (s32)(ticks >> 32));
	smp_wmb();
	WRITE_ONCE(KeTickCount.low_part, (u32)ticks);
	smp_wmb();
	WRITE_ONCE(KeTickCount.high1_time, (s32)(ticks >> 32));
}

static void vp_tick_fn(struct timer_list *t)
{
	vp_tick_update();
	mod_timer(t, jiffies + nsecs_to_jiffies(VP_TIME_INCREMENT_NS));
}

void vp_tick_start(void)
{
	if (vp_tick_running)
		return;
	vp_tick_update();
	timer_setup(&vp_tick_timer, vp_tick_fn, 0);
	mod_timer(&vp_tick_timer, jiffies + nsecs_to_jiffies(VP_TIME_INCREMENT_NS));
	vp_tick_running = true;
}

void vp_tick_stop(void)
{
	if (!vp_tick_running)
		return;
	timer_delete_sync(&vp_tick_timer);	/* it re-arms itself: waits that out */
	vp_tick_running = false;
}
