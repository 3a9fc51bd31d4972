// SPDX-License-Identifier: GPL-2.0
/* Interlocked operations and busy waits. */
#include <linux/atomic.h>
#include <linux/delay.h>
#include "videoport/vp.h"
#include "videoport/export.h"

/* LONG is 32 bits; the operations return the new value (Exchange: the old). */
VP_EXPORT_FASTCALL(VIDEOPRT, s32, VideoPortInterlockedIncrement, s32 *p)
{
	return atomic_inc_return((atomic_t *)p);
}

VP_EXPORT_FASTCALL(VIDEOPRT, s32, VideoPortInterlockedDecrement, s32 *p)
{
	return atomic_dec_return((atomic_t *)p);
}

VP_EXPORT_FASTCALL(VIDEOPRT, s32, VideoPortInterlockedExchange, s32 *p, s32 v)
{
	return xchg(p, v);
}

/*
 * The DDK asks callers to stall no more than 50 us; longer stalls are honoured
 * (in 1 ms steps of udelay, which is what udelay() itself allows).
 */
VP_EXPORT(VIDEOPRT, void, VideoPortStallExecution, u32 us)
{
	while (us > 1000) {
		udelay(1000);
		us -= 1000;
	}
	udelay(us);
}
