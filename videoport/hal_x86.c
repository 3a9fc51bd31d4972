// SPDX-License-Identifier: GPL-2.0
/*
 * hal.dll's x86-only IRQL and spin lock exports.  x86 headers turn
 * KeAcquireSpinLock/KeReleaseSpinLock, KeRaiseIrql/KeLowerIrql into calls
 * of these __fastcall functions (first argument in ECX, second in EDX).
 * The spin lock ones are the x64 exports under another convention
 * (nt_spinlock.c).
 *
 * KfRaiseIrql/KfLowerIrql move the real Linux context with the emulated
 * IRQL, as the spin locks do: DISPATCH_LEVEL masks bottom halves (our DPCs
 * and timers), anything above it masks interrupts.  An IRQL is never
 * lowered below the one its context began at (PASSIVE_LEVEL in a task,
 * DISPATCH_LEVEL in a softirq, the device IRQL in the interrupt handler),
 * and KfRaiseIrql never lowers: Windows stops the machine for either
 * (IRQL_NOT_LESS_OR_EQUAL / IRQL_NOT_GREATER_OR_EQUAL); here the call is
 * refused, the driver told once.
 */
#include <linux/bottom_half.h>
#include <linux/irqflags.h>
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/nt_spinlock.h"

static u8 WINAPI_FASTCALL hal_acquire_fast(win_ulong_ptr *lock);
static void WINAPI_FASTCALL hal_release_fast(win_ulong_ptr *lock, u8 new_irql);

VP_EXPORT_FASTCALL_FAST(HAL, u8, KfAcquireSpinLock, hal_acquire_fast, win_ulong_ptr *lock)
	__acquires(lock)
{
	return nt_acquire_raise(lock, "KfAcquireSpinLock");
}

VP_EXPORT_FASTCALL_FAST(HAL, void, KfReleaseSpinLock, hal_release_fast, win_ulong_ptr *lock,
			u8 new_irql) __releases(lock)
{
	nt_release_lower(lock, new_irql, "KfReleaseSpinLock");
}

/* Their fast forms, linked in their place where vp_lock_fast_ok(). */
static u8 WINAPI_FASTCALL hal_acquire_fast(win_ulong_ptr *lock) __acquires(lock)
{
	__acquire(lock);	/* for sparse: taken, or refused */
	return nt_fast_acquire_raise(lock, "KfAcquireSpinLock");
}

static void WINAPI_FASTCALL hal_release_fast(win_ulong_ptr *lock, u8 new_irql)
	__releases(lock)
{
	__release(lock);	/* for sparse: released, or refused */
	return nt_fast_release_lower(lock, new_irql, "KfReleaseSpinLock");
}

static void WINAPI hal_acquire_old_fast(win_ulong_ptr *lock, u8 *old_irql);

/* The old (NT 3.5) form, still exported: the old IRQL through a pointer. */
VP_EXPORT_FAST(HAL, void, KeAcquireSpinLock, hal_acquire_old_fast, win_ulong_ptr *lock,
	       u8 *old_irql) __acquires(lock)
{
	vp_put_old_irql(old_irql, nt_acquire_raise(lock, "KeAcquireSpinLock"));
}

/* Linked with the other fast forms (nt_spinlock.h): they take no preemption count. */
static void WINAPI hal_acquire_old_fast(win_ulong_ptr *lock, u8 *old_irql) __acquires(lock)
{
	__acquire(lock);	/* for sparse: taken, or refused */
	vp_put_old_irql(old_irql, nt_fast_acquire_raise(lock, "KeAcquireSpinLock"));
}

static u8 hal_irql_floor(void)
{
	static const u8 floor[] = { PASSIVE_LEVEL, DISPATCH_LEVEL, VP_DIRQL };

	return floor[vp_level()];
}

/* Moves the real context from emulated IRQL @from to @to. */
static void hal_irql_move(u8 from, u8 to)
{
	if (from < DISPATCH_LEVEL && to >= DISPATCH_LEVEL)
		local_bh_disable();
	if (from <= DISPATCH_LEVEL && to > DISPATCH_LEVEL)
		local_irq_disable();
	if (from > DISPATCH_LEVEL && to <= DISPATCH_LEVEL)
		local_irq_enable();
	if (from >= DISPATCH_LEVEL && to < DISPATCH_LEVEL)
		local_bh_enable();
	vp_irql_set(to);
}

VP_EXPORT_FASTCALL(HAL, u8, KfRaiseIrql, u8 new_irql)
{
	u8 old = vp_irql();

	if (new_irql < old || new_irql > HIGH_LEVEL) {
		vp_warn_once(vp_current_driver(), VP_ONCE_IRQL_ORDER,
			     "KfRaiseIrql(%u) at IRQL %u: refused\n", new_irql, old);
		return old;
	}
	hal_irql_move(old, new_irql);
	return old;
}

VP_EXPORT_FASTCALL(HAL, void, KfLowerIrql, u8 new_irql)
{
	u8 old = vp_irql();

	if (new_irql > old || new_irql < hal_irql_floor()) {
		vp_warn_once(vp_current_driver(), VP_ONCE_IRQL_ORDER,
			     "KfLowerIrql(%u) at IRQL %u: refused\n", new_irql, old);
		return;
	}
	hal_irql_move(old, new_irql);
}
