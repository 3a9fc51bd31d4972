/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The video BIOS of an adapter, run in the vpwrap-int10 helper
 * (docs/int10.md).  int10_chan.c: the helper and its channel;
 * int10_mem.c: the real-mode address space and the accesses the helper
 * forwards; int10_export.c: VideoPortInt10 and the Int10 interface.
 */
#ifndef VPWRAP_VIDEOPORT_INT10_H
#define VPWRAP_VIDEOPORT_INT10_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/wait.h>
#include "include/vpwrap/int10_abi.h"

struct vp_adapter;
struct pid;

/* buffers of Int10AllocateBuffer: 4 KiB pages in [VP_INT10_BUF_START, _END) */
#define VP_INT10_BUF_START	0x20000u
#define VP_INT10_BUF_END	0x90000u
#define VP_INT10_PAGE		0x1000u
#define VP_INT10_BUF_PAGES	((VP_INT10_BUF_END - VP_INT10_BUF_START) / VP_INT10_PAGE)
#define VP_INT10_BUF_MAX	0x10000u	/* one segment */
#define VP_INT10_LOG_MAX	16		/* distinct refusals logged per session */

struct vp_int10 {
	struct kref ref;		/* the adapter's, and the helper's open file */
	struct list_head node;		/* vp_int10_sessions */
	struct vp_adapter *a;		/* NULL once the adapter is gone */
	struct mutex lock;		/* one call at a time; start and stop */

	u8 *mem;			/* VPINT10_MEM_SIZE, vmalloc_user, mapped by the helper */
	u8 *snap;			/* mem before the running call: restored on failure */
	unsigned long buf_used[BITS_TO_LONGS(VP_INT10_BUF_PAGES)];
	u8 buf_pages[VP_INT10_BUF_PAGES];	/* pages of the buffer starting here */
	int iface_refs;			/* InterfaceReference/Dereference */

	/* helper state, under wq.lock */
	wait_queue_head_t wq;
	struct pid *helper;		/* the process we started */
	bool attached;			/* it opened the channel */
	bool gone;			/* it closed it (exited or was killed) */
	bool shutdown;			/* we want it to exit */
	bool call_pending;		/* @call not yet taken */
	bool result_ready;
	struct vpint10_call call;
	struct vpint10_result result;
	u32 seq;
	unsigned int starts;		/* helper starts so far */
	int dead;			/* errno: Int10 cannot run here */

	/* what the helper may touch beyond low memory; under access_lock */
	struct mutex access_lock;
	bool in_call;
	void __iomem *vga;		/* 0xa0000-0xbffff, boot VGA device only */
	void __iomem *win;		/* a window of a memory BAR */
	phys_addr_t win_base;
	size_t win_len;
	unsigned int refused;		/* distinct refused accesses logged */
	u32 refused_keys[VP_INT10_LOG_MAX];

	/* what a first VBE 0x4f00 found (sysfs video_bios) */
	bool probed;
	bool described;			/* vbe_version and oem final (sysfs) */
	u16 vbe_version;
	char oem[64];
};

/* int10_chan.c */
bool vp_int10_disabled(void);
int vp_int10_call(struct vp_int10 *s, u8 vector, struct vpint10_regs *regs);
int vp_int10_chan_get(void);
void vp_int10_chan_put(void);
void vp_int10_helper_stop(struct vp_int10 *s);
bool vp_int10_alive(struct vp_int10 *s);
void vp_int10_put(struct vp_int10 *s);
void vp_int10_list_add(struct vp_int10 *s);
void vp_int10_list_del(struct vp_int10 *s);

/* int10_mem.c */
int vp_int10_mem_build(struct vp_int10 *s);
void vp_int10_mem_unmap(struct vp_int10 *s);
int vp_int10_access(struct vp_int10 *s, struct vpint10_access *acc);

/* int10_export.c: the adapter's session, started on first use (NULL if Int10 cannot run) */
struct vp_int10 *vp_int10_get(struct vp_adapter *a);
void vp_int10_release(struct vp_adapter *a);
/* VideoPortQueryServices(VideoPortServicesInt10) */
u32 vp_int10_interface(void *ext, void *iface);

#endif /* VPWRAP_VIDEOPORT_INT10_H */
