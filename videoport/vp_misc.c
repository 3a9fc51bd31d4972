// SPDX-License-Identifier: GPL-2.0
/*
 * Small videoprt.sys services: the OS version we claim, the clocks, the
 * deprecated buffer aliases of the pool, error logging and the registry
 * flush.
 */
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/nt_time.h"
#include "videoport/int10.h"

/* VPOSVERSIONINFO */
struct win_os_version {
	u32 size;
	u32 major;
	u32 minor;
	u32 build;
	u16 sp_major;
	u16 sp_minor;
};
static_assert(sizeof(struct win_os_version) == 20);

/*
 * Miniports see the Windows XP they were written for: 5.1, build 2600,
 * Service Pack 3.  Some test "XP or later" before using XP-only exports,
 * all of which we provide or fail as documented.
 */
VP_EXPORT(VIDEOPRT, u32, VideoPortGetVersion, void *ext, struct win_os_version *v)
{
	if (!v || v->size < sizeof(*v))
		return ERROR_INVALID_PARAMETER;
	v->major = 5;
	v->minor = 1;
	v->build = 2600;
	v->sp_major = 3;
	v->sp_minor = 0;
	return NO_ERROR;
}

/*
 * Windows' /NOVESA boot option forbids VESA BIOS use; ours is an empty
 * int10_helper= (no video BIOS helper): then TRUE, and Int10 calls fail.
 */
VP_EXPORT(VIDEOPRT, u8, VideoPortIsNoVesa, void)
{
	return vp_int10_disabled();
}

VP_EXPORT(VIDEOPRT, s64, VideoPortQueryPerformanceCounter, void *ext, s64 *freq)
{
	return vp_perf_counter(freq);
}

VP_EXPORT(VIDEOPRT, void, VideoPortQuerySystemTime, s64 *t)
{
	if (t)
		*t = vp_system_time();
}

/* VideoPortAllocateBuffer/ReleaseBuffer: old names of AllocatePool/FreePool. */
VP_EXPORT(VIDEOPRT, u32, VideoPortAllocateBuffer, void *ext, u32 size, void **buf)
{
	if (!buf)
		return ERROR_INVALID_PARAMETER;
	*buf = VideoPortAllocatePool(ext, 0, size, 0x66754256);
	return *buf ? NO_ERROR : ERROR_NOT_ENOUGH_MEMORY;
}

VP_EXPORT(VIDEOPRT, void, VideoPortReleaseBuffer, void *ext, void *buf)
{
	VideoPortFreePool(ext, buf);
}

/*
 * VideoPortLogError: Windows writes an event log entry.  Ours is the
 * kernel log; the request packet only tells which IOCTL was running.
 */
VP_EXPORT(VIDEOPRT, void, VideoPortLogError, void *ext, struct win_request_packet *vrp,
	  u32 error_code, u32 unique_id)
{
	struct vp_driver *drv = vp_current_driver();

	pr_err("vpwrap: %s: error logged by the miniport: code 0x%08x, id 0x%08x%s\n",
	       drv ? drv->name : "?", error_code, unique_id,
	       vrp ? " (during a request)" : "");
}

/*
 * Our registry store makes every VideoPortSetRegistryParameters write
 * visible at once; there is nothing left to flush.
 */
VP_EXPORT(VIDEOPRT, void, VideoPortFlushRegistry, void *ext)
{
}
