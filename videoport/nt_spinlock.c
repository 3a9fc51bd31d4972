// SPDX-License-Identifier: GPL-2.0
/*
 * Executive spin locks (KSPIN_LOCK) and KeGetCurrentIrql, as x64 miniports
 * import them: KeAcquireSpinLockRaiseToDpc (what the KeAcquireSpinLock
 * macro becomes on x64), KeReleaseSpinLock, the AtDpcLevel/FromDpcLevel
 * pair and KeInitializeSpinLock.  The x86 fastcall forms (KfAcquireSpinLock,
 * KfRaiseIrql, ...) wait for i386 execution.
 *
 * A KSPIN_LOCK is a pointer-sized word (ULONG_PTR) in the miniport's own
 * memory, and the x64 headers initialize it inline by storing 0, so no call
 * of ours sees a lock before its first acquire: the word itself must be the
 * lock, and all-zero must mean unlocked.  It holds an arch_spinlock_t, the
 * 4-byte queued spin lock under every raw_spinlock_t: a spinlock_t or
 * raw_spinlock_t grows with spinlock debugging and lockdep, and a
 * spinlock_t becomes a sleeping rt_mutex on PREEMPT_RT.  So the lock keeps
 * its documented meaning (spinning, DISPATCH_LEVEL) on every kernel; the
 * price is that lockdep does not see these locks.  As the raw spin lock
 * operations do, acquiring disables preemption before taking the word.
 *
 * DISPATCH_LEVEL masks DPCs, not interrupts: raising from below it
 * disables bottom halves (our DPCs and timers run as softirqs), which also
 * makes the real Linux context agree with the emulated IRQL.  A caller
 * already at DISPATCH_LEVEL or above has bottom halves blocked already.
 */
#include <linux/bottom_half.h>
#include <linux/build_bug.h>
#include <linux/spinlock.h>
#include "videoport/vp.h"
#include "videoport/export.h"

static_assert(sizeof(arch_spinlock_t) <= sizeof(win_ulong_ptr) &&
	      __alignof__(arch_spinlock_t) <= __alignof__(win_ulong_ptr),
	      "a KSPIN_LOCK (ULONG_PTR) must hold the kernel's arch_spinlock_t");

static inline arch_spinlock_t *nt_lock(win_ulong_ptr *p)
{
	return (arch_spinlock_t *)p;
}

static inline void nt_lock_take(win_ulong_ptr *p) __acquires(p)
{
	preempt_disable();
	arch_spin_lock(nt_lock(p));
	__acquire(p);	/* for sparse: arch_spin_lock() is not annotated */
}

static inline void nt_lock_drop(win_ulong_ptr *p) __releases(p)
{
	arch_spin_unlock(nt_lock(p));
	__release(p);
	preempt_enable();
}

VP_EXPORT(HAL, u8, KeGetCurrentIrql, void)
{
	return vp_irql();
}

VP_EXPORT(NTOSKRNL, void, KeInitializeSpinLock, win_ulong_ptr *lock)
{
	*lock = 0;	/* __ARCH_SPIN_LOCK_UNLOCKED: the headers' inline form */
}

VP_EXPORT(NTOSKRNL, u8, KeAcquireSpinLockRaiseToDpc, win_ulong_ptr *lock) __acquires(lock)
{
	u8 old = vp_irql();

	if (old < DISPATCH_LEVEL) {
		local_bh_disable();
		vp_irql_set(DISPATCH_LEVEL);
	}
	nt_lock_take(lock);
	return old;
}

/* NewIrql is the OldIrql the acquire returned: it says how it raised. */
VP_EXPORT(NT64_HAL32, void, KeReleaseSpinLock, win_ulong_ptr *lock, u8 new_irql) __releases(lock)
{
	nt_lock_drop(lock);
	if (new_irql < DISPATCH_LEVEL) {
		vp_irql_set(new_irql);
		local_bh_enable();
	}
}

VP_EXPORT(NTOSKRNL, void, KeAcquireSpinLockAtDpcLevel, win_ulong_ptr *lock) __acquires(lock)
{
	nt_lock_take(lock);
}

VP_EXPORT(NTOSKRNL, void, KeReleaseSpinLockFromDpcLevel, win_ulong_ptr *lock) __releases(lock)
{
	nt_lock_drop(lock);
}
