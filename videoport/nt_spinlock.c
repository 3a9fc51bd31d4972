// SPDX-License-Identifier: GPL-2.0
/*
 * Executive spin locks (KSPIN_LOCK) and KeGetCurrentIrql, as x64 miniports
 * import them: KeAcquireSpinLockRaiseToDpc (what the KeAcquireSpinLock
 * macro becomes on x64), KeReleaseSpinLock, the AtDpcLevel/FromDpcLevel
 * pair and KeInitializeSpinLock; hal.dll's x86 __fastcall forms
 * (KfAcquireSpinLock, KfReleaseSpinLock) are in hal_x86.c, on the same
 * bodies (nt_spinlock.h).
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
 *
 * A lock word that is not one (NULL, a user address, misaligned or
 * unmapped) is refused, the call ignored and the driver told once: an
 * acquire returns the current IRQL and changes nothing, a release changes
 * nothing.  Each export has a fast form (nt_spinlock.h) that the export
 * table links in its place where vp_lock_fast_ok(), as for the VideoPort
 * pair.
 */
#include <linux/build_bug.h>
#include <linux/uaccess.h>
#include "videoport/vp.h"
#include "videoport/driver.h"
#include "videoport/export.h"
#include "videoport/nt_spinlock.h"

static_assert(sizeof(arch_spinlock_t) <= sizeof(win_ulong_ptr) &&
	      __alignof__(arch_spinlock_t) <= __alignof__(win_ulong_ptr),
	      "a KSPIN_LOCK (ULONG_PTR) must hold the kernel's arch_spinlock_t");

static void nt_lock_refused(win_ulong_ptr *p, const char *fn)
{
	vp_warn_once(vp_current_driver(), VP_ONCE_BAD_LOCK,
		     "%s: %p is not a KSPIN_LOCK that can be used, call ignored\n", fn, p);
}

bool nt_lock_ok(win_ulong_ptr *p, const char *fn)
{
	u8 probe;

	if (likely(nt_lock_addr_ok(p) && !get_kernel_nofault(probe, (u8 *)p)))
		return true;
	nt_lock_refused(p, fn);
	return false;
}

/* The fast forms' ways off their straight path (nt_spinlock.h). */
noinline void WINAPI nt_wait(win_ulong_ptr *p)
{
	arch_spin_lock(nt_lock(p));
}

noinline u8 WINAPI nt_wait_raised(win_ulong_ptr *p, u8 old)
{
	nt_wait(p);
	return old;
}

noinline u8 WINAPI nt_acquire_refused(win_ulong_ptr *p, const char *fn)
{
	nt_lock_refused(p, fn);
	return vp_irql();
}

noinline void WINAPI nt_release_refused(win_ulong_ptr *p, const char *fn)
{
	nt_lock_refused(p, fn);
}

noinline void WINAPI nt_lower(u8 new_irql)
{
	vp_irql_set(new_irql);
	local_bh_enable();
}

static inline void nt_lock_take(win_ulong_ptr *p)
{
	preempt_disable();
	arch_spin_lock(nt_lock(p));
}

static inline void nt_lock_drop(win_ulong_ptr *p)
{
	arch_spin_unlock(nt_lock(p));
	preempt_enable();
}

u8 nt_acquire_raise(win_ulong_ptr *p, const char *fn) __acquires(p)
{
	u8 old = vp_irql();

	if (!nt_lock_ok(p, fn)) {
		__acquire(p);	/* for sparse: nothing was taken */
		return old;
	}
	if (old < DISPATCH_LEVEL) {
		local_bh_disable();
		vp_irql_set(DISPATCH_LEVEL);
	}
	nt_lock_take(p);
	__acquire(p);	/* for sparse: arch_spin_lock() is not annotated */
	return old;
}

/* NewIrql is the OldIrql the acquire returned: it says how it raised. */
void nt_release_lower(win_ulong_ptr *p, u8 new_irql, const char *fn) __releases(p)
{
	if (!nt_lock_ok(p, fn)) {
		__release(p);	/* for sparse: nothing was released */
		return;
	}
	nt_lock_drop(p);
	__release(p);
	if (new_irql < DISPATCH_LEVEL) {
		vp_irql_set(new_irql);
		local_bh_enable();
	}
}

VP_EXPORT(HAL, u8, KeGetCurrentIrql, void)
{
	return vp_irql();
}

VP_EXPORT(NTOSKRNL, void, KeInitializeSpinLock, win_ulong_ptr *lock)
{
	*lock = 0;	/* __ARCH_SPIN_LOCK_UNLOCKED: the headers' inline form */
}

static u8 WINAPI nt_acquire_raise_fast(win_ulong_ptr *lock);
static void WINAPI nt_release_lower_fast(win_ulong_ptr *lock, u8 new_irql);
static void WINAPI nt_acquire_dpc_fast(win_ulong_ptr *lock);
static void WINAPI nt_release_dpc_fast(win_ulong_ptr *lock);

VP_EXPORT_FAST(NTOSKRNL, u8, KeAcquireSpinLockRaiseToDpc, nt_acquire_raise_fast,
	       win_ulong_ptr *lock) __acquires(lock)
{
	return nt_acquire_raise(lock, "KeAcquireSpinLockRaiseToDpc");
}

VP_EXPORT_FAST(NT64_HAL32, void, KeReleaseSpinLock, nt_release_lower_fast,
	       win_ulong_ptr *lock, u8 new_irql) __releases(lock)
{
	nt_release_lower(lock, new_irql, "KeReleaseSpinLock");
}

VP_EXPORT_FAST(NTOSKRNL, void, KeAcquireSpinLockAtDpcLevel, nt_acquire_dpc_fast,
	       win_ulong_ptr *lock) __acquires(lock)
{
	if (nt_lock_ok(lock, "KeAcquireSpinLockAtDpcLevel"))
		nt_lock_take(lock);
	__acquire(lock);	/* for sparse: taken, or refused */
}

VP_EXPORT_FAST(NTOSKRNL, void, KeReleaseSpinLockFromDpcLevel, nt_release_dpc_fast,
	       win_ulong_ptr *lock) __releases(lock)
{
	if (nt_lock_ok(lock, "KeReleaseSpinLockFromDpcLevel"))
		nt_lock_drop(lock);
	__release(lock);	/* for sparse: released, or refused */
}

/* The fast forms (nt_spinlock.h). */
static u8 WINAPI nt_acquire_raise_fast(win_ulong_ptr *lock) __acquires(lock)
{
	__acquire(lock);	/* for sparse: taken, or refused */
	return nt_fast_acquire_raise(lock, "KeAcquireSpinLockRaiseToDpc");
}

static void WINAPI nt_release_lower_fast(win_ulong_ptr *lock, u8 new_irql) __releases(lock)
{
	__release(lock);	/* for sparse: released, or refused */
	return nt_fast_release_lower(lock, new_irql, "KeReleaseSpinLock");
}

static void WINAPI nt_acquire_dpc_fast(win_ulong_ptr *lock) __acquires(lock)
{
	__acquire(lock);	/* for sparse: taken, or refused */
	return nt_fast_acquire(lock, "KeAcquireSpinLockAtDpcLevel");
}

static void WINAPI nt_release_dpc_fast(win_ulong_ptr *lock) __releases(lock)
{
	__release(lock);	/* for sparse: released, or refused */
	return nt_fast_release(lock, "KeReleaseSpinLockFromDpcLevel");
}
