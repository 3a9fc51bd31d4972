/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KeBugCheckEx's entry and the resume into the bridge (nt_bugcheck.c).
 *
 * void KeBugCheckEx(ULONG code, ULONG_PTR p1, p2, p3, p4)	[ms_abi]
 *	Records the caller's registers as a struct nt_regs on our stack
 *	(the nonvolatile ones, rsp after the return, rip = the return
 *	address) and calls vp_bugcheck(regs, code, p1, p2, p3, p4), which
 *	does not return.
 *
 * void vp_bugcheck_resume(const struct nt_regs *regs)		[noreturn]
 *	Loads the nonvolatile registers, rax and rsp from @regs and returns
 *	to regs->rip, as if the miniport function whose frame ends there had
 *	returned rax.
 */
#include <linux/linkage.h>
#include <asm/ibt.h>
#include <asm/nospec-branch.h>
#include <asm/unwind_hints.h>
#include "videoport/nt_regs64.h"


	.text
SYM_FUNC_START(KeBugCheckEx)
	ENDBR		/* reached by an indirect call through the import table */
	NT_SAVE_CALLER
	/* ms_abi (rcx, rdx, r8, r9, [rsp+40]) to SysV (rdi = regs, rsi, rdx, rcx, r8, r9) */
	mov	%rcx, %rsi
	mov	%r8, %rcx
	mov	%r9, %r8
	mov	FRAME+40(%rsp), %r9
	mov	%rsp, %rdi
	call	vp_bugcheck
	ud2
SYM_FUNC_END(KeBugCheckEx)

SYM_CODE_START(vp_bugcheck_resume)
#ifdef UNWIND_HINT_TYPE_UNDEFINED
	UNWIND_HINT_UNDEFINED	/* 6.12 */
#else
	UNWIND_HINT_EMPTY	/* 6.1 */
#endif
	mov	%rdi, %r11
	mov	R(3)(%r11), %rbx
	mov	R(5)(%r11), %rbp
	mov	R(6)(%r11), %rsi
	mov	R(7)(%r11), %rdi
	mov	R(12)(%r11), %r12
	mov	R(13)(%r11), %r13
	mov	R(14)(%r11), %r14
	mov	R(15)(%r11), %r15
	mov	R(4)(%r11), %r10
	sub	$8, %r10
	mov	REG_RIP(%r11), %rcx
	mov	%rcx, (%r10)
	mov	R(0)(%r11), %rax
	mov	%r10, %rsp
	RET
SYM_CODE_END(vp_bugcheck_resume)
