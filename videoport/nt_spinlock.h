/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The executive spin lock (KSPIN_LOCK) operations shared by ntoskrnl's
 * exports (nt_spinlock.c) and hal.dll's x86 __fastcall ones (hal_x86.c):
 * the complete forms' bodies and the fast forms' bodies, which differ only
 * in the convention of the function around them.
 */
#ifndef VPWRAP_VIDEOPORT_NT_SPINLOCK_H
#define VPWRAP_VIDEOPORT_NT_SPINLOCK_H

#include <linux/bottom_half.h>
#include <linux/spinlock.h>
#include "videoport/lockfast.h"
#include "videoport/vp.h"

static inline arch_spinlock_t *nt_lock(win_ulong_ptr *p)
{
	return (arch_spinlock_t *)p;
}

/*
 * A lock word a miniport hands in must be in the kernel's half, aligned as
 * the lock is and mapped; anything else (NULL, a user address, a freed
 * page) is refused with a message, the call ignored.
 */
bool nt_lock_ok(win_ulong_ptr *p, const char *fn);

static __always_inline bool nt_lock_addr_ok(const win_ulong_ptr *p)
{
	return vp_kernel_half(p) && !((unsigned long)p & (__alignof__(arch_spinlock_t) - 1));
}

/*
 * The fast forms (linked where vp_lock_fast_ok(), as the VideoPort pair's,
 * lockfast.h): what the complete forms do, with the kernel's own inline
 * operations and without what only their other callers need.
 *
 * - the lock word is checked for the price of the accesses: its address
 *   in the kernel's half and aligned, its first access through an
 *   exception-table entry (a probe before anything changed, on acquire;
 *   the unlocking store itself, on release);
 * - miniport code only: the bridge context vp_cur is never NULL;
 * - uncontended: one compare-and-exchange; a held lock is waited for out
 *   of line, the kernel's queued spin lock wait;
 * - the unlock is the plain store the kernel patches its own into where
 *   vp_lock_fast_ok() (no paravirtualized unlock);
 * - bottom halves as the complete forms: disabled when raising from below
 *   DISPATCH_LEVEL, enabled again (running what became pending) when
 *   lowering below it;
 * - no preemption count, as the VideoPort fast forms (spinlock.c): miniport
 *   code runs only inside a bridge call, whose FPU bracket keeps preemption
 *   off throughout, and no export may sleep above PASSIVE_LEVEL.  The fast
 *   forms are linked all together or not at all (hal.dll's KeAcquireSpinLock
 *   included), so a lock is never taken by one kind and released by the
 *   other.
 *
 * Every way off the straight path (a held lock, a bad lock word, lowering
 * below DISPATCH_LEVEL with local_bh_enable()) is a call in tail position
 * of a function of the exports' convention: on x86_64 the fast forms then
 * save no registers (a Windows x64 function calling a System V one must
 * keep RDI and RSI).
 */
u8 WINAPI nt_wait_raised(win_ulong_ptr *p, u8 old);
void WINAPI nt_wait(win_ulong_ptr *p);
u8 WINAPI nt_acquire_refused(win_ulong_ptr *p, const char *fn);
void WINAPI nt_release_refused(win_ulong_ptr *p, const char *fn);
void WINAPI nt_lower(u8 new_irql);

/* Reads the lock word (mapped?) or goes to @label, before anything changes. */
#define nt_probe_or_goto(p, label)					\
	asm goto("1:	testb $0, %[mem]\n\t"				\
		 _ASM_EXTABLE(1b, %l1)					\
		 : : [mem] "m" (*(const u8 *)(p)) : "cc" : label)

/* The bodies; the sparse annotations are on the functions around them. */

/* KeAcquireSpinLockAtDpcLevel */
static __always_inline void nt_fast_acquire(win_ulong_ptr *p, const char *fn)
{
	if (unlikely(!nt_lock_addr_ok(p)))
		goto bad;
	nt_probe_or_goto(p, bad);
	if (unlikely(!vp_arch_lock_try(nt_lock(p))))
		return nt_wait(p);
	return;
bad:
	return nt_release_refused(p, fn);
}

/* KeReleaseSpinLockFromDpcLevel */
static __always_inline void nt_fast_release(win_ulong_ptr *p, const char *fn)
{
	if (unlikely(!nt_lock_addr_ok(p)))
		goto bad;
	barrier();	/* smp_store_release() on x86 */
	vp_write_u8_or_goto(&nt_lock(p)->locked, 0, bad);
	return;
bad:
	return nt_release_refused(p, fn);
}

/* KeAcquireSpinLockRaiseToDpc */
static __always_inline u8 nt_fast_acquire_raise(win_ulong_ptr *p, const char *fn)
{
	struct vp_ctx *c;
	u8 old;

	if (unlikely(!nt_lock_addr_ok(p)))
		goto bad;
	nt_probe_or_goto(p, bad);
	c = vp_ctx_cur();
	old = c->irql;
	if (old < DISPATCH_LEVEL) {
		local_bh_disable();
		c->irql = DISPATCH_LEVEL;
	}
	if (unlikely(!vp_arch_lock_try(nt_lock(p))))
		return nt_wait_raised(p, old);
	return old;
bad:
	return nt_acquire_refused(p, fn);
}

/* KeReleaseSpinLock */
static __always_inline void nt_fast_release_lower(win_ulong_ptr *p, u8 new_irql,
						  const char *fn)
{
	if (unlikely(!nt_lock_addr_ok(p)))
		goto bad;
	barrier();	/* smp_store_release() on x86 */
	vp_write_u8_or_goto(&nt_lock(p)->locked, 0, bad);
	if (new_irql < DISPATCH_LEVEL)
		return nt_lower(new_irql);
	return;
bad:
	return nt_release_refused(p, fn);
}

/* The complete forms. */
u8 nt_acquire_raise(win_ulong_ptr *p, const char *fn) __acquires(p);
void nt_release_lower(win_ulong_ptr *p, u8 new_irql, const char *fn) __releases(p);

#endif /* VPWRAP_VIDEOPORT_NT_SPINLOCK_H */
