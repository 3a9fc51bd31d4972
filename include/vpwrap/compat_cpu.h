/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU-feature differences between the kernels vpwrap supports.  Every layer
 * may include this file; the other compat_*.h files hold the other concerns.
 */
#ifndef VPWRAP_COMPAT_CPU_H
#define VPWRAP_COMPAT_CPU_H

#include <linux/types.h>
#include <linux/version.h>
#include <asm/cpufeature.h>
#include <asm/ibt.h>
#include <asm/msr.h>

/*
 * Is this instruction word an ENDBR64 (or the poison that sealing leaves in
 * its place)?  Up to 6.17 is_endbr() takes the word; since then it takes
 * the address, is out of line and not exported, and the inline test of a
 * word is __is_endbr().  Without kernel IBT there is nothing to find.
 */
#if !HAS_KERNEL_IBT
static inline bool vpw_is_endbr(u32 insn)
{
	return false;
}
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 18, 0)
#define vpw_is_endbr(insn)	__is_endbr(insn)
#else
#define vpw_is_endbr(insn)	is_endbr(insn)
#endif

/*
 * 64-bit MSR access: rdmsrl()/wrmsrl() became rdmsrq()/wrmsrq() in 6.16,
 * and the old names are gone from 7.3 (6.12 has only the old ones).
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 16, 0)
#define rdmsrq(msr, val)	rdmsrl(msr, val)
#define wrmsrq(msr, val)	wrmsrl(msr, val)
#endif

/*
 * May a hypervisor have replaced the kernel's spin-lock unlock (with one
 * that kicks waiters it put to sleep)?  Up to 6.12 the kernel patches its
 * unlock on X86_FEATURE_PVUNLOCK; since then the unlock is a static call
 * whose target modules cannot read, so any hypervisor counts.
 */
#ifdef X86_FEATURE_PVUNLOCK
#define vpw_pv_unlock_possible()	boot_cpu_has(X86_FEATURE_PVUNLOCK)
#else
#define vpw_pv_unlock_possible()	boot_cpu_has(X86_FEATURE_HYPERVISOR)
#endif

#endif /* VPWRAP_COMPAT_CPU_H */
