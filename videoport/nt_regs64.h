/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For the assembly entries that miniport code calls and that need its
 * registers (KeBugCheckEx in bugcheck64.S, ExRaiseStatus and
 * RtlRaiseException in seh64_asm.S): the layout of struct nt_regs
 * (nt_unwind.h) followed by rflags, and the macro that records the caller.
 */
#ifndef VPWRAP_VIDEOPORT_NT_REGS64_H
#define VPWRAP_VIDEOPORT_NT_REGS64_H

#define R(n)	((n) * 8)
#define REG_RIP	R(16)
#define REG_FL	R(17)
#define FRAME	R(18)

#ifdef __ASSEMBLY__
/*
 * Reserves FRAME bytes and records there the caller's nonvolatile
 * registers, its rsp after the return, the return address as rip, and
 * rflags; clobbers rax.  The argument registers are left as they came.
 */
.macro NT_SAVE_CALLER
	sub	$FRAME, %rsp
	mov	%rbx, R(3)(%rsp)
	mov	%rbp, R(5)(%rsp)
	mov	%rsi, R(6)(%rsp)
	mov	%rdi, R(7)(%rsp)
	mov	%r12, R(12)(%rsp)
	mov	%r13, R(13)(%rsp)
	mov	%r14, R(14)(%rsp)
	mov	%r15, R(15)(%rsp)
	lea	FRAME+8(%rsp), %rax
	mov	%rax, R(4)(%rsp)
	mov	FRAME(%rsp), %rax
	mov	%rax, REG_RIP(%rsp)
	pushf
	pop	%rax
	mov	%rax, REG_FL(%rsp)
.endm
#endif

#endif /* VPWRAP_VIDEOPORT_NT_REGS64_H */
