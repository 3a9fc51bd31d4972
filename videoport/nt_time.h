/* SPDX-License-Identifier: GPL-2.0 */
/* Windows clocks on Linux time (nt_time.c). */
#ifndef VPWRAP_VIDEOPORT_NT_TIME_H
#define VPWRAP_VIDEOPORT_NT_TIME_H

#include <linux/types.h>

/* A monotonic counter in 100 ns units; *freq (if given) = 10 MHz. */
s64 vp_perf_counter(s64 *freq);
/* UTC in 100 ns units since 1601-01-01 (a Windows FILETIME). */
s64 vp_system_time(void);

#endif /* VPWRAP_VIDEOPORT_NT_TIME_H */
