// SPDX-License-Identifier: GPL-2.0
/*
 * Time for miniports: KeQueryPerformanceCounter, KeQuerySystemTime,
 * KeStallExecutionProcessor, KeQueryTimeIncrement (and the shared helpers
 * VideoPortQueryPerformanceCounter/QuerySystemTime use).
 *
 * The performance counter runs at 10 MHz on ktime_get_ns(): monotonic,
 * callable at any IRQL, and a frequency that never changes, as the DDI
 * promises.  x64 headers inline KeQuerySystemTime and KeQueryTickCount as
 * reads of KUSER_SHARED_DATA, a fixed Windows address no Linux kernel maps;
 * only x86 images import them (KeTickCount: nt_tickcount.c).
 */
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/timekeeping.h>
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/nt_time.h"

#define VP_PERF_FREQ		10000000LL
/* 100 ns intervals between 1601-01-01 and 1970-01-01 */
#define VP_EPOCH_1601		116444736000000000LL
/* the clock tick, in 100 ns units */
#define VP_TIME_INCREMENT	(VP_TIME_INCREMENT_NS / 100)

s64 vp_perf_counter(s64 *freq)
{
	if (freq)
		*freq = VP_PERF_FREQ;
	return div_s64(ktime_get_ns(), 100);
}

s64 vp_system_time(void)
{
	return div_s64(ktime_get_real_ns(), 100) + VP_EPOCH_1601;
}

/* LARGE_INTEGER is returned in RAX (x64) or EDX:EAX (x86), like an s64. */
VP_EXPORT(NT64_HAL32, s64, KeQueryPerformanceCounter, s64 *freq)
{
	return vp_perf_counter(freq);
}

VP_EXPORT(NTOSKRNL, void, KeQuerySystemTime, s64 *t)
{
	if (t)
		*t = vp_system_time();
}

VP_EXPORT(NTOSKRNL, u32, KeQueryTimeIncrement, void)
{
	return VP_TIME_INCREMENT;
}

/* HAL's busy wait: what VideoPortStallExecution forwards to on Windows. */
VP_EXPORT(HAL, void, KeStallExecutionProcessor, u32 us)
{
	VideoPortStallExecution(us);
}
