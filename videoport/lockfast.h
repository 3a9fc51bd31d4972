/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pieces of the spin-lock exports' fast forms (spinlock.c) and of the
 * native pair they are measured against (lockbench.c): the uncontended raw
 * spin lock, taken and freed the way the kernel does it inline, and
 * accesses through a miniport's pointers that cost only the access.
 */
#ifndef VPWRAP_VIDEOPORT_LOCKFAST_H
#define VPWRAP_VIDEOPORT_LOCKFAST_H

#include <linux/spinlock.h>
#include <asm/asm.h>
#include <asm/cpufeature.h>
#include "vpwrap/compat_cpu.h"
#include "videoport/vp.h"

/*
 * The fast paths bypass what the lock debuggers hook (lockdep's acquire and
 * release, DEBUG_SPINLOCK's owner and magic, the interrupt-state tracing
 * they rely on): on kernels with them every call takes the kernel's own
 * raw_spin_lock_irqsave() and raw_spin_unlock_irqrestore().
 */
#define VP_LOCK_FAST_PATH						\
	(!IS_ENABLED(CONFIG_DEBUG_SPINLOCK) && !IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC) && \
	 !IS_ENABLED(CONFIG_TRACE_IRQFLAGS))

/*
 * May the export table link the fast forms (export.h's VP_EXPORT_FAST)?
 * Not with verify=1 (its checks are in the exports), not on kernels with
 * lock debugging, and not where a hypervisor hooks what they do directly:
 * the interrupt flag on a Xen PV guest, the unlock where spin locks are
 * paravirtualized.  The kernel patches its own operations into the plain
 * instructions where these are not in use (X86_FEATURE_XENPV clear,
 * vpw_pv_unlock_possible() false); the fast forms use the plain
 * instructions, without the patch sites' calling convention and padding.  Fixed before the first
 * miniport is linked: verify= is read-only, the CPU features are set at
 * boot.
 */
static inline bool vp_lock_fast_ok(void)
{
	return VP_LOCK_FAST_PATH && !vp_verifying() &&
	       !boot_cpu_has(X86_FEATURE_XENPV) && !vpw_pv_unlock_possible();
}

/* local_irq_save() and local_irq_restore() where vp_lock_fast_ok(). */
static __always_inline unsigned long vp_irq_save(void)
{
	unsigned long flags = native_save_fl();

	native_irq_disable();
	return flags;
}

static __always_inline void vp_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		native_irq_enable();
}

/*
 * Is @p in the kernel's half of the address space?  A pointer from a
 * miniport that is not (NULL, a user address) is refused before it is
 * used: on CPUs with SMAP the kernel oopses on any access to a user address
 * that is not a user access, whatever exception-table entry it has.  On
 * x86_64 the test is the sign bit; vp_kernel_half2() tests two pointers
 * with one instruction.
 */
static __always_inline bool vp_kernel_half(const void *p)
{
	if (IS_ENABLED(CONFIG_X86_64))
		return (long)p < 0;
	return (unsigned long)p >= PAGE_OFFSET;
}

static __always_inline bool vp_kernel_half2(const void *p, const void *q)
{
	if (IS_ENABLED(CONFIG_X86_64))
		return (long)((unsigned long)p & (unsigned long)q) < 0;
	return vp_kernel_half(p) && vp_kernel_half(q);
}

/*
 * queued_spin_lock()'s own fast path: one compare-and-exchange of a free
 * lock, no read first.  False if the lock is held: the caller waits the
 * kernel's way, out of line.
 */
static __always_inline bool vp_arch_lock_try(arch_spinlock_t *lock)
{
	int unlocked = 0;

	return likely(atomic_try_cmpxchg_acquire(&lock->val, &unlocked, _Q_LOCKED_VAL));
}

static __always_inline bool vp_lock_try(raw_spinlock_t *lock)
{
	return vp_arch_lock_try(&lock->raw_lock);
}

/*
 * The queued spin lock's unlock without paravirtualization: what the
 * kernel patches its own unlock into when X86_FEATURE_PVUNLOCK is clear
 * (vp_lock_fast_ok()).
 */
static __always_inline void vp_lock_free(raw_spinlock_t *lock)
{
	smp_store_release(&lock->raw_lock.locked, 0);
}

/*
 * Accesses through a pointer in the kernel's half (vp_kernel_half()) that
 * came from miniport code: a fault jumps to @label instead of oopsing.  An
 * exception-table entry, as the kernel's own *_nofault accessors have,
 * makes the page fault or general protection fault resume there, so the
 * check costs nothing on the way through.  (The label is operand 2 of each
 * asm, after two operands.)
 *
 * vp_cmp_u32_or_goto: go to @label if *@p != @v or @p cannot be read.
 * vp_write_u8_or_goto: *@p = @v, or go to @label if @p cannot be written.
 */
#define vp_cmp_u32_or_goto(p, v, label)					\
	asm goto("1:	cmpl %[val], %[mem]\n\t"			\
		 "jne %l2\n\t"						\
		 _ASM_EXTABLE(1b, %l2)					\
		 : : [mem] "m" (*(p)), [val] "i" (v) : "cc" : label)

#define vp_write_u8_or_goto(p, v, label)				\
	asm goto("1:	movb %[val], (%[ptr])\n\t"			\
		 _ASM_EXTABLE(1b, %l2)					\
		 : : [ptr] "r" (p), [val] "qi" ((u8)(v)) : "memory" : label)

/* *OldIrql = @old, unless the miniport's pointer cannot take it. */
static __always_inline void vp_put_old_irql(u8 *old_irql, u8 old)
{
	if (vp_kernel_half(old_irql))
		vp_write_u8_or_goto(old_irql, old, out);
out:
	return;
}

#endif /* VPWRAP_VIDEOPORT_LOCKFAST_H */
