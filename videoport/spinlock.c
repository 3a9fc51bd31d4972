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
 * sections under it are short, as the DDK asks of them.  Miniports take
 * the acquire/release pair millions of times, and it should cost what a
 * native pair costs: each export has a fast form that the export table
 * links in its place when nothing needs more (see vp_acquire_fast()); the
 * four are linked together or not at all, so a lock may be taken by one
 * form and released by another.
 *
 * With verify=1 (verify.c) each lock also records the CPU holding it and
 * the OldIrql its acquire returned: a release by a CPU not holding it is
 * reported and ignored, a release with another NewIrql is reported and
 * lowers to the OldIrql instead (never below what the real context is), and
 * a re-acquire on the CPU already holding it is reported and, instead of
 * deadlocking, not taken: the matching release is then a no-op.  The fast
 * forms are not linked then.
 */
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "videoport/vp.h"
#include "videoport/driver.h"
#include "videoport/export.h"
#include "videoport/lockfast.h"
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

/*
 * The lock object a miniport hands in: a NULL, user-space or unmapped
 * pointer, or one to anything VideoPortCreateSpinLock did not hand out, is
 * refused (lockfast.h: the magic is read through an exception-table entry).
 */
static __always_inline struct vp_spin_lock *vp_lock_check(struct vp_spin_lock *l,
							  const char *fn)
{
	if (unlikely(!vp_kernel_half(l)))
		goto bad;
	vp_cmp_u32_or_goto(&l->magic, VP_LOCK_MAGIC, bad);
	return l;
bad:
	vp_bad_lock(l, fn);
	return NULL;
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
	vp_put_old_irql(old_irql, vp_irql());
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
	vp_put_old_irql(old_irql, old);
}

/* The fast forms (below) of the two exports, linked in their place. */
static void WINAPI vp_acquire_fast(void *ext, struct vp_spin_lock *l, u8 *old_irql);
static void WINAPI vp_release_fast(void *ext, struct vp_spin_lock *l, u8 new_irql);

/*
 * The exports as the kernel's helpers do it: raw_spin_lock_irqsave(), the
 * checks, verify=1.  Linked where the fast forms are not
 * (vp_lock_fast_ok()); the fast release passes a bad lock on to the
 * release here to be refused, by a plain jump (a tail call: same ABI and
 * arguments).
 */
VP_EXPORT_FAST(VIDEOPRT, void, VideoPortAcquireSpinLock, vp_acquire_fast, void *ext,
	       struct vp_spin_lock *l, u8 *old_irql) __acquires(l)
{
	/* Maybe reached by a tail call: the return address is the miniport's. */
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
	vp_put_old_irql(old_irql, old);
}

VP_EXPORT_FAST(VIDEOPRT, void, VideoPortReleaseSpinLock, vp_release_fast, void *ext,
	       struct vp_spin_lock *l, u8 new_irql) __releases(l)
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

/*
 * The fast forms, linked instead of the exports where nothing needs more
 * than the lock itself (vp_lock_fast_ok(): verify=0, no lock debugging, no
 * hypervisor hooks).  They are what raw_spin_lock_irqsave() and
 * raw_spin_unlock_irqrestore() do there, less the preemption count, plus
 * the emulated IRQL:
 *
 * - interrupts off while held, the flags the acquire saved restored by the
 *   release, the lock word taken and freed as the queued spin lock does;
 * - the IRQL the miniport sees: OldIrql is the level before, DISPATCH_LEVEL
 *   while held, NewIrql after the release;
 * - no preempt_disable()/preempt_enable(): miniport code runs only inside
 *   a bridge call, whose FPU bracket keeps preemption off throughout, and
 *   with interrupts off nothing could preempt the holder anyway.  The two
 *   forms are linked as a pair, so a lock taken by one is released by the
 *   other; the acquire's way out, vp_acquire_wait(), leaves the count alone
 *   too.  For the same reason (miniport code only) the bridge context
 *   vp_cur is never NULL here.
 *
 * What the miniport hands in is checked for little more than the price of
 * the accesses themselves: both pointers must be in the kernel's half
 * (one test on x86_64), the lock's magic is read and OldIrql written
 * through exception-table entries (lockfast.h).  A bad lock object is
 * refused as the export refuses it, a bad OldIrql is not written.
 *
 * No ftrace hook (the module is built without them), no registers saved:
 * every way out is a tail call in the same ABI.
 */
static noinline void WINAPI vp_acquire_wait(void *ext, struct vp_spin_lock *l, u8 *old_irql)
	__acquires(l)
{
	struct vp_ctx *c = vp_ctx_cur();
	unsigned long flags;
	u8 old;

	if (!vp_lock_check(l, "VideoPortAcquireSpinLock")) {
		__acquire(l);	/* for sparse: nothing was taken */
		return;
	}
	old = c ? c->irql : vp_irql_slow();
	/* as raw_spin_lock_irqsave() waits: interrupts off while spinning */
	flags = vp_irq_save();
	do_raw_spin_lock(&l->lock);	/* __acquires() for sparse */
	l->flags = flags;
	if (c)
		c->irql = DISPATCH_LEVEL;
	vp_put_old_irql(old_irql, old);
}

static void WINAPI vp_acquire_fast(void *ext, struct vp_spin_lock *l, u8 *old_irql)
	__acquires(l)
{
	unsigned long flags;
	struct vp_ctx *c;
	u8 old;

	if (!VP_LOCK_FAST_PATH)
		return VideoPortAcquireSpinLock(ext, l, old_irql);
	if (unlikely(!vp_kernel_half2(l, old_irql)))
		goto wait;
	vp_cmp_u32_or_goto(&l->magic, VP_LOCK_MAGIC, wait);
	c = vp_ctx_cur();
	old = c->irql;
	/*
	 * DISPATCH_LEVEL a few instructions early: nothing reads this
	 * context's IRQL before we return to the miniport (an interrupt in
	 * between enters at its own level, with a context of its own).
	 */
	c->irql = DISPATCH_LEVEL;
	flags = vp_irq_save();
	if (unlikely(!vp_lock_try(&l->lock))) {
		vp_irq_restore(flags);
		vp_ctx_cur()->irql = old;
		goto wait;
	}
	__acquire(l);
	l->flags = flags;
	vp_write_u8_or_goto(old_irql, old, out);
out:
	return;
wait:
	return vp_acquire_wait(ext, l, old_irql);
}

static void WINAPI vp_release_fast(void *ext, struct vp_spin_lock *l, u8 new_irql)
	__releases(l)
{
	unsigned long flags;

	if (!VP_LOCK_FAST_PATH || unlikely(!vp_kernel_half(l)))
		goto bad;
	vp_cmp_u32_or_goto(&l->magic, VP_LOCK_MAGIC, bad);
	vp_ctx_cur()->irql = new_irql;
	/* The flags are the holder's: read them before the lock is free. */
	flags = l->flags;
	vp_lock_free(&l->lock);
	__release(l);
	vp_irq_restore(flags);
	return;
bad:
	/* refuses it, as it refuses a bad lock */
	return VideoPortReleaseSpinLock(ext, l, new_irql);
}

static void WINAPI vp_acquire_dpc_fast(void *ext, struct vp_spin_lock *l);
static void WINAPI vp_release_dpc_fast(void *ext, struct vp_spin_lock *l);

VP_EXPORT_FAST(VIDEOPRT, void, VideoPortAcquireSpinLockAtDpcLevel, vp_acquire_dpc_fast,
	       void *ext, struct vp_spin_lock *l) __acquires(l)
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

VP_EXPORT_FAST(VIDEOPRT, void, VideoPortReleaseSpinLockFromDpcLevel, vp_release_dpc_fast,
	       void *ext, struct vp_spin_lock *l) __releases(l)
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

/*
 * The AtDpcLevel pair's fast forms, on the same terms as the pair above:
 * the lock word alone (the IRQL does not change), no preemption count, a
 * held lock waited for out of line, a bad lock object refused by the
 * complete form.
 */
static noinline void WINAPI vp_acquire_dpc_wait(void *ext, struct vp_spin_lock *l)
	__acquires(l)
{
	if (!vp_lock_check(l, "VideoPortAcquireSpinLockAtDpcLevel")) {
		__acquire(l);	/* for sparse: nothing was taken */
		return;
	}
	do_raw_spin_lock(&l->lock);	/* __acquires() for sparse */
}

static void WINAPI vp_acquire_dpc_fast(void *ext, struct vp_spin_lock *l) __acquires(l)
{
	if (!VP_LOCK_FAST_PATH)
		return VideoPortAcquireSpinLockAtDpcLevel(ext, l);
	if (unlikely(!vp_kernel_half(l)))
		goto wait;
	vp_cmp_u32_or_goto(&l->magic, VP_LOCK_MAGIC, wait);
	if (unlikely(!vp_lock_try(&l->lock)))
		goto wait;
	__acquire(l);
	return;
wait:
	return vp_acquire_dpc_wait(ext, l);
}

static void WINAPI vp_release_dpc_fast(void *ext, struct vp_spin_lock *l) __releases(l)
{
	if (!VP_LOCK_FAST_PATH || unlikely(!vp_kernel_half(l)))
		goto bad;
	vp_cmp_u32_or_goto(&l->magic, VP_LOCK_MAGIC, bad);
	vp_lock_free(&l->lock);
	__release(l);
	return;
bad:
	/* refuses it, as it refuses a bad lock */
	return VideoPortReleaseSpinLockFromDpcLevel(ext, l);
}
