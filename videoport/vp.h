/* SPDX-License-Identifier: GPL-2.0 */
/* videoport internals shared by its files (not for other directories). */
#ifndef VPWRAP_VIDEOPORT_VP_H
#define VPWRAP_VIDEOPORT_VP_H

#include <linux/interrupt.h>
#include <linux/jump_label.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include "videoport/wintypes.h"
#include "videoport/bridge.h"
#include "videoport/kpcr.h"
#include "videoport/driver.h"

struct pci_dev;
struct pe_image;
struct dentry;
struct vp_int10;

struct vp_mapping {
	struct list_head node;
	void __iomem *vaddr;		/* MMIO mapping, or NULL for I/O space */
	void *cookie;			/* what the miniport got */
	phys_addr_t phys;
	size_t len;
	bool io;
};

#define VP_MAX_MONITORS	4
#define VP_MAX_IO_RANGES 16

/*
 * The locks below are taken from miniport calls at any IRQL, with
 * interrupts off or in the interrupt handler, and hold only list or flag
 * updates: raw spin locks, so that PREEMPT_RT (where spinlock_t sleeps)
 * keeps them spinning, as Windows' own locks at those levels do.
 */
struct vp_adapter {
	struct list_head node;		/* vp_adapters (global), RCU */
	struct list_head node_drv;	/* vp_driver.adapters */
	struct vp_driver *drv;
	struct pci_dev *pdev;
	void *ext;			/* HwDeviceExtension */
	struct win_config_info cfg;
	char name[32];

	struct mutex io_lock;		/* one HwStartIO at a time, PASSIVE */
	raw_spinlock_t map_lock;
	struct list_head maps;		/* vp_mapping */
	struct list_head claims;	/* vp_claim (resources.c) */

	/* interrupt.c */
	raw_spinlock_t irq_lock;	/* the interrupt spin lock (DIRQL) */
	bool irq_requested;
	bool irq_enabled;
	/* timer.c */
	struct timer_list timer;
	bool timer_on;
	/* dpc.c */
	struct tasklet_struct dpc;
	raw_spinlock_t dpc_lock;
	void *dpc_fn, *dpc_ctx;
	bool dpc_queued;
	bool quiesced;			/* teardown began: no DPC queued, no timer started (dpc_lock) */

	void *rom;			/* VideoPortGetRomImage copy */
	/* the I/O ranges VerifyAccessRanges accepted, legacy VGA ones too */
	struct {
		u32 start, len;
	} io_ranges[VP_MAX_IO_RANGES];
	unsigned int nio;
	/* int10_export.c: the video BIOS session, once used */
	struct vp_int10 *int10;
	int int10_err;			/* why it cannot run (errno), once known */

	/* adapter.c */
	u64 vram_size;
	u64 mode_sets;			/* SET_CURRENT_MODE requests made */
	void *client_data;		/* drm-glue's (vp_adapter_set_drvdata) */
	unsigned int nmonitors;
	u32 edid_len[VP_MAX_MONITORS];
	u32 monitor_uid[VP_MAX_MONITORS];	/* HwId for HwSetPowerState */
	u8 edid[VP_MAX_MONITORS][256];

	struct dentry *debugfs;
};

/* Log helpers: every line names the driver. */
#define vp_info(drv, fmt, ...)  pr_info("vpwrap: %s: " fmt, (drv)->name, ##__VA_ARGS__)
#define vp_warn(drv, fmt, ...)  pr_warn("vpwrap: %s: " fmt, (drv)->name, ##__VA_ARGS__)
#define vp_err(drv, fmt, ...)   pr_err("vpwrap: %s: " fmt, (drv)->name, ##__VA_ARGS__)
/* For what a caller (ultimately userspace) can trigger again and again. */
#define vp_warn_ratelimited(drv, fmt, ...) \
	pr_warn_ratelimited("vpwrap: %s: " fmt, (drv)->name, ##__VA_ARGS__)
/* Warn once per driver and reason. */
#define vp_warn_once(drv, what, fmt, ...)				\
	do {								\
		struct vp_driver *__d = (drv);				\
		if (__d && !test_and_set_bit((what), __d->once))	\
			vp_warn(__d, fmt, ##__VA_ARGS__);		\
	} while (0)

/* adapter lookup from the HwDeviceExtension a miniport passes (NULL if unknown) */
struct vp_adapter *vp_adapter_from_ext(const void *ext);
void vp_adapter_link(struct vp_adapter *a);
void vp_adapter_unlink(struct vp_adapter *a);

/* The driver the bridge is currently running on this CPU (NULL outside). */
struct vp_driver *vp_current_driver(void);

/*
 * verify.c.  vp_verify_key is verify=1 as a static key, for the fast
 * paths: enabled by vp_verify_enable() before any miniport runs, never
 * disabled.  VP_VERIFY_IRQL(rule, export, lo, hi) in an export: with
 * verify=1, report (once) a call at an IRQL outside [lo, hi], naming the
 * miniport's call site.  Only in the export's own body: the caller is its
 * return address.
 */
DECLARE_STATIC_KEY_FALSE(vp_verify_key);
#define vp_verifying()	static_branch_unlikely(&vp_verify_key)
__printf(5, 6)
void vp_verify_report(struct vp_driver *drv, enum vp_vrule rule, const char *export,
		      const void *caller, const char *fmt, ...);
void vp_verify_irql(enum vp_vrule rule, const char *export, u8 lo, u8 hi,
		    const void *caller);
#define VP_VERIFY_IRQL(rule, export, lo, hi)				\
	do {								\
		if (vp_verifying())					\
			vp_verify_irql(rule, export, lo, hi,		\
				       vp_export_caller());	\
	} while (0)

/*
 * vp_unsupported.c: logs "<driver>: <export> is not supported: <why>" once
 * per driver and export; every VP_UNSUPPORTED export (export.h) does so
 * before it returns its documented failure.
 */
void vp_unsupported(const char *export, const char *why);

/*
 * Core exports that the ntoskrnl/hal forms forward to, as Windows'
 * videoprt.sys forwards the other way (sync.c, pool.c).
 */
void WINAPI VideoPortStallExecution(u32 us);
void *WINAPI VideoPortAllocatePool(void *ext, u32 pool_type, size_t size, u32 tag);
void WINAPI VideoPortFreePool(void *ext, void *p);

/* driver.c */
int vp_status_to_errno(u32 st);
/* pool.c */
void vp_pool_free_all(struct vp_driver *drv);
/* resources.c */
void vp_resources_release(struct vp_adapter *a);
int vp_config_fill(struct vp_adapter *a);
bool vp_mapping_lookup(struct vp_adapter *a, const void *p, phys_addr_t *phys,
		       size_t *len);
bool vp_port_claimed(struct vp_adapter *a, u32 port, u32 size);
size_t vp_rom_read(struct vp_adapter *a, void *buf, size_t max);
/* interrupt.c, timer.c, dpc.c */
int vp_interrupt_setup(struct vp_adapter *a);
void vp_interrupt_teardown(struct vp_adapter *a);
void vp_timer_init(struct vp_adapter *a);
void vp_timer_teardown(struct vp_adapter *a);
void vp_dpc_init(struct vp_adapter *a);
void vp_dpc_teardown(struct vp_adapter *a);
/* startio.c: one METHOD_BUFFERED request; *ret_len = bytes returned */
int vp_start_io(struct vp_adapter *a, u32 code, const void *in, u32 in_len,
		void *out, u32 out_len, u32 *ret_len);

/* CTL_CODE function numbers from 0x800 are the driver's own. */
static inline bool vp_private_ioctl(u32 code)
{
	return ((code >> 2) & 0xfff) >= 0x800;
}
/* adapter.c */
void vp_adapter_enum_children(struct vp_adapter *a);
/* debugfs.c */
void vp_debugfs_adapter_add(struct vp_adapter *a);
void vp_debugfs_adapter_remove(struct vp_adapter *a);
void vp_debugfs_get(void);
void vp_debugfs_put(void);
/*
 * debugprint.c: a Windows format and its arguments as kernel log lines
 * with the current driver's prefix, rate-limited per driver
 * (VideoPortDebugPrint, DbgPrint, DbgPrintEx).
 */
void vp_debug_vprint(const char *fmt, win_va_list ap);
/* utf16.c: ASCII copy of a NUL-terminated UTF-16LE string (max chars). */
size_t vp_utf16_to_ascii(char *dst, size_t dstlen, const u16 *src, size_t max);

#endif /* VPWRAP_VIDEOPORT_VP_H */
