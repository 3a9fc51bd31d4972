/* SPDX-License-Identifier: GPL-2.0 */
/* Windows clocks on Linux time (nt_time.c). */
#ifndef VPWRAP_VIDEOPORT_NT_TIME_H
#define VPWRAP_VIDEOPORT_NT_TIME_H

#include <linux/types.h>

/* A monotonic counter in 100 ns units; *freq (if given) = 10 MHz. */
s64 vp_perf_counter(s64 *freq);
/* UTC in 100 ns units since 1601-01-01 (a Windows FILETIME). */
s64 vp_system_time(void);

/* The clock tick Windows reports on a PC (KeQueryTimeIncrement): 15.625 ms. */
#define VP_TIME_INCREMENT_NS	15625000

/* x86: keep the KeTickCount data export current (nt_tickcount.c). */
#ifdef CONFIG_X86_32
void vp_tick_start(void);
void vp_tick_stop(void);
#else
static inline void vp_tick_start(void)
{
}

static inline void vp_tick_stop(void)
{
}
#endif

#endif /* VPWRAP_VIDEOPORT_NT_TIME_H */
