/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface between the wrapper (image loading, PCI binding) and
 * videoport (the Windows side).  The wrapper links the image against the
 * tables from vp_export_dlls(), then drives one vp_driver per loaded image,
 * embedded in its own driver object:
 *
 *	vp_driver_init()	before the wrapper fills the registry store
 *	vp_driver_start()	DriverEntry (which calls VideoPortInitialize)
 *	vp_driver_probe()	per PCI device: HwFindAdapter + HwInitialize
 *	vp_driver_remove()	per PCI device, before it goes
 *	vp_driver_stop()	frees what the miniport left (pool, mappings)
 *	vp_driver_release()	with the wrapper's object, once nothing reads it
 *
 * All functions must be called in process context; they may sleep.
 */
#ifndef VPWRAP_VIDEOPORT_DRIVER_H
#define VPWRAP_VIDEOPORT_DRIVER_H

#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/ratelimit.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include "videoport/wintypes.h"

struct pci_dev;
struct pe_image;
struct pe_export_dll;
struct vp_adapter;
struct vpw_registry;

/* Things each driver reports only once (unsupported calls, bad input). */
enum vp_once {
	VP_ONCE_BAD_PORT,
	VP_ONCE_BAD_EXT,
	VP_ONCE_BAD_LOCK,
	VP_ONCE_SLEEP_ATOMIC,
	VP_ONCE_BAD_POOL,
	VP_ONCE_BAD_MAP,
	VP_ONCE_BAD_RANGE,
	VP_ONCE_BAD_EVENT,
	VP_ONCE_IRQL,
	VP_ONCE_USER_MAP,
	VP_ONCE_PRINT,
	VP_ONCE_REG_FILE,
	VP_ONCE_STOPPED,
	VP_ONCE_CONVENTION,
	VP_ONCE_IRQL_ORDER,
	VP_ONCE_DIV_ZERO,
	VP_ONCE_SEH_UNWIND,
	VP_ONCE_COUNT,
};

/*
 * verify=1 (verify.c): the rules the verifier checks, each reported once
 * per driver.  The IRQL rule is one bit per export.
 */
enum vp_vrule {
	VP_V_IRQL_ACQUIRE,
	VP_V_IRQL_RELEASE,
	VP_V_IRQL_ACQUIRE_DPC,
	VP_V_IRQL_RELEASE_DPC,
	VP_V_IRQL_ALLOC,
	VP_V_IRQL_FREE,
	VP_V_IRQL_MAP,
	VP_V_IRQL_DEVBASE,
	VP_V_IRQL_GETREG,
	VP_V_IRQL_SETREG,
	VP_V_IRQL_WAIT,
	VP_V_NEWIRQL,
	VP_V_NOT_HELD,
	VP_V_REACQUIRE,
	VP_V_POOL_LEAK,
	VP_V_MAP_LEAK,
	VP_V_COUNT,
};

/*
 * One loaded miniport as the Windows side sees it.  Only videoport writes
 * it; the wrapper reads name, registry, pool_bytes and mappings (sysfs).
 */
#define VP_LOCK_CLASSES	16

struct vp_driver {
	const char *name;		/* image file name, "vpbochs.sys" */
	struct pe_image *img;		/* set by vp_driver_start() */
	bool started;			/* DriverEntry succeeded */
	struct vpw_registry *registry;	/* the device key (registry_store.h) */
	atomic64_t pool_bytes;		/* pool allocated and not freed */
	atomic_t mappings;		/* VideoPortGetDeviceBase mappings held */
	struct win_hw_init_data hw;	/* zero-extended to the XP size */
	bool initialized;		/* VideoPortInitialize accepted hw */
	void *hw_context;		/* its HwContext, for HwFindAdapter */
	struct win_unicode_string regpath;
	u16 regpath_buf[96];
	u8 driver_object[256];		/* opaque to miniports; never read by us */
	struct list_head adapters;	/* vp_adapter.node_drv; probe/remove are serialized */
	bool stopped;			/* KeBugCheckEx or a fault: never entered again */
	const char *stop_why;		/* "called KeBugCheckEx", "faulted" */

	/*
	 * Lock classes for lockdep: the n-th VideoPort spin lock the driver
	 * creates is of class n % VP_LOCK_CLASSES, so a miniport that nests
	 * its locks is checked for their order instead of being reported as
	 * taking one lock recursively.  The classes go with the driver, and
	 * with them what lockdep learned about its locks.
	 */
	struct lock_class_key lock_keys[VP_LOCK_CLASSES];
	atomic_t locks_made;

	raw_spinlock_t pool_lock;	/* pool list: any IRQL */
	struct list_head pool;

	struct ratelimit_state print_rs;
	DECLARE_BITMAP(once, VP_ONCE_COUNT);
	DECLARE_BITMAP(vonce, VP_V_COUNT);	/* verifier reports made */
};

/* videoprt.sys, ntoskrnl.exe, hal.dll: static tables, valid for the module's life. */
const struct pe_export_dll *vp_export_dlls(unsigned int *count);
/* Module exit, after the last driver is gone: undo what building them set up. */
void vp_export_dlls_exit(void);

/*
 * verify=1: check the miniport's calls against the documented IRQL rules
 * (verify.c).  Call once at module load, before any driver starts; never
 * undone.
 */
void vp_verify_enable(void);

/*
 * An empty driver named @name (kept, not copied) with an empty registry
 * store: 0 or -ENOMEM.  vp_driver_release() undoes it, whatever happened
 * in between.
 */
int vp_driver_init(struct vp_driver *drv, const char *name);
void vp_driver_release(struct vp_driver *drv);

/*
 * Runs DriverEntry through the bridge (which calls VideoPortInitialize).
 * Returns STATUS_SUCCESS, or the NTSTATUS of the failure, which is logged;
 * a driver that failed needs no vp_driver_stop() (it does nothing then).
 */
u32 vp_driver_start(struct vp_driver *drv, struct pe_image *img);

/* True if the driver should be offered this PCI device (display class or listed IDs). */
bool vp_driver_claims(struct vp_driver *drv, u16 vendor, u16 device);

/*
 * HwFindAdapter + HwInitialize.  Returns 0 or a negative errno; on failure
 * everything is undone.
 */
int vp_driver_probe(struct vp_driver *drv, struct pci_dev *pdev);
void vp_driver_remove(struct vp_driver *drv, struct pci_dev *pdev);
/* The adapter videoport runs on @pdev (NULL if none), for drm-glue and sysfs. */
struct vp_adapter *vp_driver_adapter(struct pci_dev *pdev);

/* Removes every adapter left and frees what the driver allocated (pool, mappings, timers). */
void vp_driver_stop(struct vp_driver *drv);

#endif /* VPWRAP_VIDEOPORT_DRIVER_H */
