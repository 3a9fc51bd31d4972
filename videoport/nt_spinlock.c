// SPDX-License-Identifier: GPL-2.0
/*
 * Executive spin locks (KSPIN_LOCK) and KeGetCurrentIrql, as x64 miniports
 * import them: KeAcquireSpinLockRaiseToDpc (what the KeAcquireSpinLock
 * macro becomes on x64), KeReleaseSpinLock, the AtDpcLevel/FromDpcLevel
 * pair and KeInitializeSpinLock.  The x86 fastcall forms (KfAcquireSpinLock,
 * KfRaiseIrql, ...) wait for i386 execution.
 *
 * A KSPIN_LOCK is a pointer-sized word (ULONG_PTR) in the miniport's own
 * memory, and the x64 headers initialize it inline by storing 0.  A Linux spinlock_t
 * without lock debugging is a 4-byte qspinlock whose unlocked state is 0,
 * so it lives in the KSPIN_LOCK itself: no allocation, and a zeroed lock
 * is a valid unlocked lock, as on Windows.
 *
 * DISPATCH_LEVEL masks DPCs, not interrupts: raising from below it
 * disables bottom halves (our DPCs and timers run as softirqs), which also
 * makes the real Linux context agree with the emulated IRQL.  A caller
 * already at DISPATCH_LEVEL or above has bottom halves blocked already.
 */
#include <linux/bottom_half.h>
#include <linux/spinlock.h>
#include "videoport/vp.h"
#include "videoport/export.h"

static_assert(sizeof(spinlock_t) <= sizeof(win_ulong_ptr),
	      "KSPIN_LOCK holds the spinlock_t: build without lock debugging");

static inline spinlock_t *nt_lock(win_ulong_ptr *p)
{
	return (spinlock_t *)p;
}

VP_EXPORT(HAL, u8, KeGetCurrentIrql, void)
{
	return vp_irql();
}

VP_EXPORT(NTOSKRNL, void, KeInitializeSpinLock, win_ulong_ptr *lock)
{
	*lock = 0;
	spin_lock_init(nt_lock(lock));
}

VP_EXPORT(NTOSKRNL, u8, KeAcquireSpinLockRaiseToDpc, win_ulong_ptr *lock) __acquires(lock)
{
	u8 old = vp_irql();

	if (old < DISPATCH_LEVEL) {
		spin_lock_bh(nt_lock(lock));
		vp_irql_set(DISPATCH_LEVEL);
	} else {
		spin_lock(nt_lock(lock));
	}
	return old;
}

/* NewIrql is the OldIrql the acquire returned: it says how it raised. */
VP_EXPORT(NT64_HAL32, void, KeReleaseSpinLock, win_ulong_ptr *lock, u8 new_irql) __releases(lock)
{
	if (new_irql < DISPATCH_LEVEL) {
		vp_irql_set(new_irql);
		spin_unlock_bh(nt_lock(lock));
	} else {
		spin_unlock(nt_lock(lock));
	}
}

VP_EXPORT(NTOSKRNL, void, KeAcquireSpinLockAtDpcLevel, win_ulong_ptr *lock) __acquires(lock)
{
	spin_lock(nt_lock(lock));
}

VP_EXPORT(NTOSKRNL, void, KeReleaseSpinLockFromDpcLevel, win_ulong_ptr *lock) __releases(lock)
{
	spin_unlock(nt_lock(lock));
}
