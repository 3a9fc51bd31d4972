// SPDX-License-Identifier: GPL-2.0
/*
 * VideoPort spin locks, as the DDK documents them:
 *
 * VideoPortAcquireSpinLock raises to DISPATCH_LEVEL and returns the old
 * IRQL; here it is raw_spin_lock_irqsave() on the lock object that
 * VideoPortCreateSpinLock handed out (interrupts off while held, so the
 * real context also says DISPATCH_LEVEL) and the emulated IRQL of this CPU
 * becomes DISPATCH_LEVEL.  VideoPortReleaseSpinLock lowers to NewIrql and
 * restores the flags saved by the acquire.  The AtDpcLevel forms are for
 * callers already at DISPATCH_LEVEL (DPC, timer, or holding another lock)
 * and do not change the IRQL.  No VideoPort spin lock may be taken at
 * DIRQL, so plain raw_spin_lock() in the AtDpcLevel forms cannot deadlock
 * against an interrupt handler.
 *
 * The lock is a raw spin lock: on PREEMPT_RT a spinlock_t sleeps and leaves
 * interrupts on, which is not what the DDK documents (DISPATCH_LEVEL,
 * nothing else runs on this CPU while it is held).  Miniport critical
 * sections under it are short, as the DDK asks of them.  The acquire/release
 * pair is raw_spin_lock_irqsave/raw_spin_unlock_irqrestore in their inline
 * form, split into a fast path that does only that and a slow
 * path for everything else (see VideoPortAcquireSpinLock): miniports take
 * this path millions of times, and it should cost what a native pair costs.
 *
 * With verify=1 (verify.c) each lock also records the CPU holding it and
 * the OldIrql its acquire returned: a release by a CPU not holding it is
 * reported and ignored, a release with another NewIrql is reported and
 * lowers to the OldIrql instead (never below what the real context is), and
 * a re-acquire on the CPU already holding it is reported and, instead of
 * deadlocking, not taken: the matching release is then a no-op.  Without
 * verify=1 the fast path only passes the static key vp_verify_key (a
 * jump patched out at load).
 */
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "videoport/vp.h"
#include "videoport/driver.h"
#include "videoport/export.h"
#include "videoport/pool.h"

#define VP_LOCK_MAGIC 0x6b4c5056u	/* "VPLk" */

struct vp_spin_lock {
	raw_spinlock_t lock;
	unsigned long flags;		/* saved by AcquireSpinLock */
	u32 magic;
	/* verify=1 only */
	int owner;			/* CPU holding it + 1, 0 if free */
	unsigned int nested;		/* re-acquires made no-ops */
	u8 old_irql;			/* what the acquire returned */
};

static noinline void vp_bad_lock(struct vp_spin_lock *l, const char *fn)
{
	vp_warn_once(vp_current_driver(), VP_ONCE_BAD_LOCK,
		     "%s: not a VideoPort spin lock (%p), call ignored\n", fn, l);
}

static __always_inline struct vp_spin_lock *vp_lock_check(struct vp_spin_lock *l,
							  const char *fn)
{
	if (unlikely(!l || l->magic != VP_LOCK_MAGIC)) {
		vp_bad_lock(l, fn);
		return NULL;
	}
	return l;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortCreateSpinLock, void *ext, struct vp_spin_lock **out)
{
	struct vp_driver *drv = vp_current_driver();
	struct vp_spin_lock *l;

	if (!out)
		return ERROR_INVALID_PARAMETER;
	l = vp_pool_alloc(drv, sizeof(*l), false, 0x6c707356);
	if (!l)
		return ERROR_NOT_ENOUGH_MEMORY;
	raw_spin_lock_init(&l->lock);
	if (drv)
		lockdep_set_class_and_name(&l->lock, &drv->lock_keys[(unsigned int)
					   atomic_inc_return(&drv->locks_made) % VP_LOCK_CLASSES],
					   "VideoPort spin lock");
	l->magic = VP_LOCK_MAGIC;
	*out = l;
	return NO_ERROR;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortDeleteSpinLock, void *ext, struct vp_spin_lock *l)
{
	if (!vp_lock_check(l, "VideoPortDeleteSpinLock"))
		return ERROR_INVALID_PARAMETER;
	l->magic = 0;
	vp_pool_free(vp_current_driver(), l);
	return NO_ERROR;
}

/*
 * verify=1, before taking @l.  Returns true if the acquire must not take
 * the lock (this CPU holds it already); *@old_irql is then the current IRQL.
 */
static noinline bool vp_verify_acquire(struct vp_spin_lock *l, const char *fn,
				       enum vp_vrule rule, u8 lo, u8 *old_irql,
				       const void *caller)
{
	vp_verify_irql(rule, fn, lo, DISPATCH_LEVEL, caller);
	if (READ_ONCE(l->owner) != raw_smp_processor_id() + 1)
		return false;
	vp_verify_report(vp_current_driver(), VP_V_REACQUIRE, fn, caller,
			 "the lock is already held on this CPU: not taken again (it would deadlock); its next release is ignored");
	l->nested++;
	if (old_irql)
		*old_irql = vp_irql();
	return true;
}

/* verify=1, after taking @l. */
static __always_inline void vp_verify_acquired(struct vp_spin_lock *l, u8 old)
{
	if (vp_verifying()) {
		WRITE_ONCE(l->owner, raw_smp_processor_id() + 1);
		l->old_irql = old;
	}
}

/*
 * verify=1, before releasing @l.  Returns true if the release must not
 * release it (not held here, or the release of an ignored re-acquire).
 * @new_irql (NULL for the FromDpcLevel form) is corrected to the OldIrql.
 */
static noinline bool vp_verify_release(struct vp_spin_lock *l, const char *fn,
				       enum vp_vrule rule, u8 *new_irql,
				       const void *caller)
{
	struct vp_driver *drv = vp_current_driver();

	if (READ_ONCE(l->owner) != raw_smp_processor_id() + 1) {
		vp_verify_report(drv, VP_V_NOT_HELD, fn, caller,
				 "the lock is not held on this CPU: release ignored");
		return true;
	}
	vp_verify_irql(rule, fn, DISPATCH_LEVEL, DISPATCH_LEVEL, caller);
	if (l->nested) {
		l->nested--;
		return true;
	}
	if (new_irql && *new_irql != l->old_irql) {
		vp_verify_report(drv, VP_V_NEWIRQL, fn, caller,
				 "NewIrql %u but the acquire returned %u", *new_irql,
				 l->old_irql);
		*new_irql = l->old_irql;
	}
	WRITE_ONCE(l->owner, 0);
	return false;
}

/*
 * Not called from a miniport (no bridge context on this CPU): only our own
 * code could do that, at whatever level it runs.
 */
static void vp_acquire_outside(struct vp_spin_lock *l, u8 *old_irql)
	__acquires(l)
{
	unsigned long flags;
	u8 old = vp_irql_slow();

	raw_spin_lock_irqsave(&l->lock, flags);
	l->flags = flags;
	vp_verify_acquired(l, old);
	if (old_irql)
		*old_irql = old;
}

/*
 * Everything the acquire's fast path leaves out: a bad lock, verify=1, a
 * caller outside a miniport call, a lock held by another CPU.  Same ABI and
 * arguments as the export, so that the fast path reaches it by a plain
 * jump (a tail call) and saves no registers of its own.
 */
static noinline void WINAPI vp_acquire_slow(void *ext, struct vp_spin_lock *l,
					    u8 *old_irql) __acquires(l)
{
	/* Reached by a tail call: the return address is the miniport's. */
	const void *caller = vp_export_caller();
	struct vp_ctx *c;
	unsigned long flags;
	u8 old;

	if (!vp_lock_check(l, "VideoPortAcquireSpinLock")) {
		__acquire(l);	/* for sparse: nothing was taken */
		return;
	}
	if (vp_verifying() &&
	    vp_verify_acquire(l, "VideoPortAcquireSpinLock", VP_V_IRQL_ACQUIRE,
			      PASSIVE_LEVEL, old_irql, caller)) {
		__acquire(l);	/* for sparse: nothing was taken */
		return;
	}
	if (!vp_ctx_cur()) {
		vp_acquire_outside(l, old_irql);
		return;
	}
	raw_spin_lock_irqsave(&l->lock, flags);
	l->flags = flags;
	/* Preemption is off inside a miniport call: still our CPU. */
	c = vp_ctx_cur();
	old = c->irql;
	c->irql = DISPATCH_LEVEL;
	vp_verify_acquired(l, old);
	if (old_irql)
		*old_irql = old;
}

/*
 * The fast paths bypass what the lock debuggers hook (lockdep's acquire and
 * release, DEBUG_SPINLOCK's owner and magic): on kernels with them every call
 * takes the slow path, the kernel's own raw_spin_lock_irqsave() and
 * raw_spin_unlock_irqrestore().
 */
#define VP_LOCK_FAST_PATH \
	(!IS_ENABLED(CONFIG_DEBUG_SPINLOCK) && !IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC))

/*
 * The fast path is what raw_spin_lock_irqsave() does (interrupts off,
 * preemption off, one compare-and-exchange) plus the emulated IRQL, and
 * nothing else: no ftrace hook (the file is built without one), no
 * registers to save (the slow path is a tail call in the same ABI), the
 * IRQL read after taking the lock so that nothing lives across it.  A lock
 * held elsewhere undoes the two steps and waits in the slow path.
 */
VP_EXPORT(VIDEOPRT, void, VideoPortAcquireSpinLock, void *ext, struct vp_spin_lock *l,
	  u8 *old_irql) __acquires(l)
{
	struct vp_ctx *c;
	unsigned long flags;
	int unlocked = 0;
	u8 old;

	if (!VP_LOCK_FAST_PATH ||
	    unlikely(!l || l->magic != VP_LOCK_MAGIC || !vp_ctx_cur()) ||
	    static_branch_unlikely(&vp_verify_key))
		return vp_acquire_slow(ext, l, old_irql);
	flags = arch_local_irq_save();
	preempt_disable();
	/* queued_spin_lock()'s own fast path: one exchange, no read first */
	if (unlikely(!atomic_try_cmpxchg_acquire(&l->lock.raw_lock.val,
						 &unlocked, _Q_LOCKED_VAL))) {
		arch_local_irq_restore(flags);
		preempt_enable();
		return vp_acquire_slow(ext, l, old_irql);
	}
	__acquire(l);
	l->flags = flags;
	c = vp_ctx_cur();
	old = c->irql;
	c->irql = DISPATCH_LEVEL;
	if (likely(old_irql))
		*old_irql = old;
}

/* The release's counterpart of vp_acquire_slow(). */
static noinline void WINAPI vp_release_slow(void *ext, struct vp_spin_lock *l,
					    u8 new_irql) __releases(l)
{
	const void *caller = vp_export_caller();

	if (!vp_lock_check(l, "VideoPortReleaseSpinLock")) {
		__release(l);	/* for sparse: nothing was taken */
		return;
	}
	if (vp_verifying() &&
	    vp_verify_release(l, "VideoPortReleaseSpinLock", VP_V_IRQL_RELEASE, &new_irql,
			      caller)) {
		__release(l);	/* for sparse: nothing was released */
		return;
	}
	vp_irql_set(new_irql);
	raw_spin_unlock_irqrestore(&l->lock, l->flags);
}

/* raw_spin_unlock_irqrestore() and the emulated IRQL; see the acquire. */
VP_EXPORT(VIDEOPRT, void, VideoPortReleaseSpinLock, void *ext, struct vp_spin_lock *l,
	  u8 new_irql) __releases(l)
{
	unsigned long flags;

	if (!VP_LOCK_FAST_PATH || unlikely(!l || l->magic != VP_LOCK_MAGIC) ||
	    static_branch_unlikely(&vp_verify_key))
		return vp_release_slow(ext, l, new_irql);
	vp_irql_set(new_irql);
	/* The flags are the holder's: read them before the lock is free. */
	flags = l->flags;
	do_raw_spin_unlock(&l->lock);
	arch_local_irq_restore(flags);
	preempt_enable();
}

VP_EXPORT(VIDEOPRT, void, VideoPortAcquireSpinLockAtDpcLevel, void *ext,
	  struct vp_spin_lock *l) __acquires(l)
{
	if (!vp_lock_check(l, "VideoPortAcquireSpinLockAtDpcLevel")) {
		__acquire(l);	/* for sparse: nothing was taken */
		return;
	}
	if (vp_verifying() &&
	    vp_verify_acquire(l, "VideoPortAcquireSpinLockAtDpcLevel", VP_V_IRQL_ACQUIRE_DPC,
			      DISPATCH_LEVEL, NULL, vp_export_caller())) {
		__acquire(l);	/* for sparse: nothing was taken */
		return;
	}
	raw_spin_lock(&l->lock);
	vp_verify_acquired(l, DISPATCH_LEVEL);
}

VP_EXPORT(VIDEOPRT, void, VideoPortReleaseSpinLockFromDpcLevel, void *ext,
	  struct vp_spin_lock *l) __releases(l)
{
	if (!vp_lock_check(l, "VideoPortReleaseSpinLockFromDpcLevel")) {
		__release(l);	/* for sparse: nothing was taken */
		return;
	}
	if (vp_verifying() &&
	    vp_verify_release(l, "VideoPortReleaseSpinLockFromDpcLevel", VP_V_IRQL_RELEASE_DPC,
			      NULL, vp_export_caller())) {
		__release(l);	/* for sparse: nothing was released */
		return;
	}
	raw_spin_unlock(&l->lock);
}
