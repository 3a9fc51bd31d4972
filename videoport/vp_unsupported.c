// SPDX-License-Identifier: GPL-2.0
/*
 * The videoprt.sys exports that cannot work here by design.  Each returns
 * the failure its DDI page documents and never reports success; the first
 * call per driver says why (docs/videoport-unsupported.md has the list).
 *
 * "Once per driver" is kept in a small table of our own, keyed by the
 * driver and the export, because struct vp_driver has no room for it
 * (requested from the core).  The table is a ring: a driver that calls
 * more than VP_SEEN_MAX different unsupported exports may log one twice,
 * and a new driver allocated at a freed driver's address may miss a line;
 * both only affect logging.
 */
#include <linux/spinlock.h>
#include "videoport/vp.h"
#include "videoport/export.h"

#define VP_SEEN_MAX 64

static struct {
	const void *drv;
	const char *export;
} vp_seen[VP_SEEN_MAX];
static unsigned int vp_seen_next;
static DEFINE_SPINLOCK(vp_seen_lock);

void vp_unsupported(const char *export, const char *why)
{
	struct vp_driver *drv = vp_current_driver();
	unsigned long flags;
	bool seen = false;
	unsigned int i;

	spin_lock_irqsave(&vp_seen_lock, flags);
	for (i = 0; i < VP_SEEN_MAX && !seen; i++)
		seen = vp_seen[i].drv == drv && vp_seen[i].export == export;
	if (!seen) {
		vp_seen[vp_seen_next].drv = drv;
		vp_seen[vp_seen_next].export = export;
		vp_seen_next = (vp_seen_next + 1) % VP_SEEN_MAX;
	}
	spin_unlock_irqrestore(&vp_seen_lock, flags);
	if (!seen)
		pr_warn("vpwrap: %s: %s is not supported: %s\n",
			drv ? drv->name : "?", export, why);
}

#define VP_NO(name, why) vp_unsupported(#name, why)

/* AGP: no AGP GART driver is reachable from a module on current kernels. */
VP_UNSUPPORTED(VIDEOPRT, u8, VideoPortGetAgpServices, void *ext, void *agp)
{
	VP_NO(VideoPortGetAgpServices, "AGP services are not available");
	return 0;	/* FALSE */
}

/* VDM: there is no virtual DOS machine whose port accesses could be trapped. */
VP_UNSUPPORTED(VIDEOPRT, u32, VideoPortSetTrappedEmulatorPorts, void *ext,
	       u32 count, void *ranges)
{
	VP_NO(VideoPortSetTrappedEmulatorPorts, "no VDM (DOS box) port trapping");
	return ERROR_INVALID_PARAMETER;
}

/* Linux has no bugcheck (blue screen) data collection to hook into. */
VP_UNSUPPORTED(VIDEOPRT, u32, VideoPortRegisterBugcheckCallback, void *ext,
	       u32 code, void *callback, u32 len)
{
	VP_NO(VideoPortRegisterBugcheckCallback, "no bugcheck secondary data collection");
	return ERROR_INVALID_FUNCTION;
}

/*
 * Banked memory traps user-mode page faults to switch banks through the
 * miniport: there is no user-mode display driver here to map it for.
 */
VP_UNSUPPORTED(VIDEOPRT, u32, VideoPortMapBankedMemory, void *ext, u64 phys,
	       u32 *len, u32 *in_io_space, void **virt, u32 bank_len,
	       u8 read_write_bank, void *bank_routine, void *context)
{
	VP_NO(VideoPortMapBankedMemory, "banked user-mode mappings need a display driver");
	return ERROR_INVALID_FUNCTION;
}

/* Undocumented videoprt-internal calls made by Windows' own display stack. */
VP_UNSUPPORTED(VIDEOPRT, void, VpNotifyEaData, void *device, void *data)
{
	VP_NO(VpNotifyEaData, "internal to Windows' display stack");
}

VP_UNSUPPORTED(VIDEOPRT, void, WdDdiWatchdogDpcCallback, void *dpc, void *ctx,
	       void *arg1, void *arg2)
{
	VP_NO(WdDdiWatchdogDpcCallback, "Windows' display watchdog is not emulated");
}

VP_UNSUPPORTED(VIDEOPRT, void *, VideoPortGetAssociatedDeviceID, void *device)
{
	VP_NO(VideoPortGetAssociatedDeviceID, "no Windows device objects");
	return NULL;
}

/* The ARC/x86 firmware configuration database does not exist on Linux. */
VP_UNSUPPORTED(VIDEOPRT, u32, VideoPortGetDeviceData, void *ext, u32 type,
	       void *callback, void *context)
{
	VP_NO(VideoPortGetDeviceData, "no firmware hardware configuration database");
	return ERROR_INVALID_FUNCTION;
}

/*
 * The NT4/W2K packet DMA family (PDMA handles) works on buffers that the
 * user-mode display driver passes in a request packet and on events it
 * maps; there is no such display driver here (drm-glue uses the
 * framebuffer).  Bus-master DMA is available through VideoPortGetDmaAdapter
 * and the common-buffer and Lock/StartDma exports (vp_dma*.c).
 */
#define VP_NO_PDMA(name) VP_NO(name, "packet DMA needs a user-mode display driver")

VP_UNSUPPORTED(VIDEOPRT, u8, VideoPortLockPages, void *ext, void *vrp, void *user_event,
	       void *display_event, u32 dma_flags)
{
	VP_NO_PDMA(VideoPortLockPages);
	return 0;	/* FALSE */
}

VP_UNSUPPORTED(VIDEOPRT, u8, VideoPortUnlockPages, void *ext, void *dma)
{
	VP_NO_PDMA(VideoPortUnlockPages);
	return 0;
}

VP_UNSUPPORTED(VIDEOPRT, u32, VideoPortDoDma, void *ext, void *dma, u32 flags)
{
	VP_NO_PDMA(VideoPortDoDma);
	return ERROR_INVALID_FUNCTION;
}

VP_UNSUPPORTED(VIDEOPRT, u8, VideoPortSignalDmaComplete, void *ext, void *dma)
{
	VP_NO_PDMA(VideoPortSignalDmaComplete);
	return 0;
}

VP_UNSUPPORTED(VIDEOPRT, void *, VideoPortAssociateEventsWithDmaHandle, void *ext,
	       void *vrp, void *user_event, void *display_event)
{
	VP_NO_PDMA(VideoPortAssociateEventsWithDmaHandle);
	return NULL;
}

VP_UNSUPPORTED(VIDEOPRT, void *, VideoPortMapDmaMemory, void *ext, void *vrp,
	       u64 board_address, u32 *len, u32 *in_io_space, void **mapped_user_event,
	       void **display_driver_event, void **virtual_address)
{
	VP_NO_PDMA(VideoPortMapDmaMemory);
	return NULL;
}

VP_UNSUPPORTED(VIDEOPRT, u8, VideoPortUnmapDmaMemory, void *ext, void *virt,
	       void *process, void *dma)
{
	VP_NO_PDMA(VideoPortUnmapDmaMemory);
	return 0;
}

VP_UNSUPPORTED(VIDEOPRT, u32, VideoPortGetBytesUsed, void *ext, void *dma)
{
	VP_NO_PDMA(VideoPortGetBytesUsed);
	return 0;
}

VP_UNSUPPORTED(VIDEOPRT, void, VideoPortSetBytesUsed, void *ext, void *dma, u32 bytes)
{
	VP_NO_PDMA(VideoPortSetBytesUsed);
}

VP_UNSUPPORTED(VIDEOPRT, void *, VideoPortGetMdl, void *ext, void *dma)
{
	VP_NO_PDMA(VideoPortGetMdl);
	return NULL;
}

/* The context belongs to a PDMA handle, which only VideoPortLockPages makes. */
VP_UNSUPPORTED(VIDEOPRT, void *, VideoPortGetDmaContext, void *ext, void *dma)
{
	VP_NO_PDMA(VideoPortGetDmaContext);
	return NULL;
}

VP_UNSUPPORTED(VIDEOPRT, void, VideoPortSetDmaContext, void *ext, void *dma, void *ctx)
{
	VP_NO_PDMA(VideoPortSetDmaContext);
}
