// SPDX-License-Identifier: GPL-2.0
/*
 * VideoPort spin locks, as the DDK documents them:
 *
 * VideoPortAcquireSpinLock raises to DISPATCH_LEVEL and returns the old
 * IRQL; here it is spin_lock_irqsave() on the lock object that
 * VideoPortCreateSpinLock handed out (interrupts off while held, so the
 * real context also says DISPATCH_LEVEL) and the emulated IRQL of this CPU
 * becomes DISPATCH_LEVEL.  VideoPortReleaseSpinLock lowers to NewIrql and
 * restores the flags saved by the acquire.  The AtDpcLevel forms are for
 * callers already at DISPATCH_LEVEL (DPC, timer, or holding another lock)
 * and do not change the IRQL.  No VideoPort spin lock may be taken at
 * DIRQL, so plain spin_lock() in the AtDpcLevel forms cannot deadlock
 * against an interrupt handler.
 *
 * The acquire/release pair is spin_lock_irqsave/spin_unlock_irqrestore in
 * its inline form (__raw_spin_lock_irqsave: what the kernel itself builds
 * with CONFIG_INLINE_SPIN_LOCK_IRQSAVE): the same operations, without a
 * second call level on a path miniports take millions of times.
 */
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/pool.h"

#define VP_LOCK_MAGIC 0x6b4c5056u	/* "VPLk" */

struct vp_spin_lock {
	spinlock_t lock;
	unsigned long flags;		/* saved by AcquireSpinLock */
	u32 magic;
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
	struct vp_spin_lock *l;

	if (!out)
		return ERROR_INVALID_PARAMETER;
	l = vp_pool_alloc(vp_current_driver(), sizeof(*l), false, 0x6c707356);
	if (!l)
		return ERROR_NOT_ENOUGH_MEMORY;
	spin_lock_init(&l->lock);
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
 * Not called from a miniport (no bridge context on this CPU): only our own
 * code could do that, at whatever level it runs.  Kept out of line so the
 * miniport's path holds as few values as possible across the lock.
 */
static noinline void vp_acquire_outside(struct vp_spin_lock *l, u8 *old_irql)
	__acquires(l)
{
	unsigned long flags;
	u8 old = vp_irql_slow();

	spin_lock_irqsave(&l->lock, flags);
	l->flags = flags;
	if (old_irql)
		*old_irql = old;
}

VP_EXPORT(VIDEOPRT, void, VideoPortAcquireSpinLock, void *ext, struct vp_spin_lock *l,
	  u8 *old_irql) __acquires(l)
{
	struct vp_ctx *c;
	u8 old;

	if (!vp_lock_check(l, "VideoPortAcquireSpinLock")) {
		__acquire(l);	/* for sparse: nothing was taken */
		return;
	}
	if (unlikely(!vp_ctx_cur())) {
		vp_acquire_outside(l, old_irql);
		return;
	}
	l->flags = __raw_spin_lock_irqsave(&l->lock.rlock);
	/*
	 * The emulated IRQL is read after taking the lock: the lock does not
	 * change it, and nothing needs to live across the lock operation.
	 * Preemption is off inside a miniport call, so this is still our CPU.
	 */
	c = vp_ctx_cur();
	old = c->irql;
	c->irql = DISPATCH_LEVEL;
	if (likely(old_irql))
		*old_irql = old;
}

VP_EXPORT(VIDEOPRT, void, VideoPortReleaseSpinLock, void *ext, struct vp_spin_lock *l,
	  u8 new_irql) __releases(l)
{
	if (!vp_lock_check(l, "VideoPortReleaseSpinLock")) {
		__release(l);	/* for sparse: nothing was taken */
		return;
	}
	vp_irql_set(new_irql);
	__raw_spin_unlock_irqrestore(&l->lock.rlock, l->flags);
}

VP_EXPORT(VIDEOPRT, void, VideoPortAcquireSpinLockAtDpcLevel, void *ext,
	  struct vp_spin_lock *l) __acquires(l)
{
	if (!vp_lock_check(l, "VideoPortAcquireSpinLockAtDpcLevel")) {
		__acquire(l);	/* for sparse: nothing was taken */
		return;
	}
	spin_lock(&l->lock);
}

VP_EXPORT(VIDEOPRT, void, VideoPortReleaseSpinLockFromDpcLevel, void *ext,
	  struct vp_spin_lock *l) __releases(l)
{
	if (!vp_lock_check(l, "VideoPortReleaseSpinLockFromDpcLevel")) {
		__release(l);	/* for sparse: nothing was taken */
		return;
	}
	spin_unlock(&l->lock);
}
