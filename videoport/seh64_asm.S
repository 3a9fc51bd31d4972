/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The raise entries and the resume of x64 structured exception handling
 * (seh64.c).
 *
 * void ExRaiseStatus(NTSTATUS status)				[ms_abi]
 * void RtlRaiseException(EXCEPTION_RECORD *rec)		[ms_abi]
 *	Record the caller's registers as a struct vp_seh_caller on our stack
 *	(the nonvolatile ones, rsp after the return, rip = the return
 *	address, rflags) and call vp_seh_raise(caller, status, rec), which
 *	dispatches the exception and never returns here.
 *
 * void vp_seh_resume(const struct nt_regs *regs, u64 rflags)	[noreturn]
 *	Loads every integer register, rsp and rflags from @regs and jumps
 *	to regs->rip: the context a handler chose to go on in.  The return
 *	address and flags are staged just below the new rsp, which no
 *	context of the resumed code uses (x64 code has no red zone).
 */
#include <linux/linkage.h>
#include <asm/ibt.h>
#include <asm/nospec-branch.h>
#include <asm/unwind_hints.h>
#include "videoport/nt_regs64.h"


.macro SEH_ENTRY name, status, rec
SYM_FUNC_START(\name)
	ENDBR		/* reached by an indirect call through the import table */
	NT_SAVE_CALLER
	mov	\status, %esi
	mov	\rec, %rdx
	mov	%rsp, %rdi
	call	vp_seh_raise
	ud2
SYM_FUNC_END(\name)
.endm

	.text
	SEH_ENTRY ExRaiseStatus, %ecx, $0
	SEH_ENTRY RtlRaiseException, $0, %rcx

SYM_CODE_START(vp_seh_resume)
#ifdef UNWIND_HINT_TYPE_UNDEFINED
	UNWIND_HINT_UNDEFINED	/* 6.12 */
#else
	UNWIND_HINT_EMPTY	/* 6.1 */
#endif
	mov	%rdi, %r11
	mov	R(4)(%r11), %rax
	sub	$16, %rax
	mov	REG_RIP(%r11), %rcx
	mov	%rcx, 8(%rax)
	mov	%rsi, (%rax)
	mov	%rax, %rsp
	mov	R(0)(%r11), %rax
	mov	R(1)(%r11), %rcx
	mov	R(2)(%r11), %rdx
	mov	R(3)(%r11), %rbx
	mov	R(5)(%r11), %rbp
	mov	R(6)(%r11), %rsi
	mov	R(7)(%r11), %rdi
	mov	R(8)(%r11), %r8
	mov	R(9)(%r11), %r9
	mov	R(10)(%r11), %r10
	mov	R(12)(%r11), %r12
	mov	R(13)(%r11), %r13
	mov	R(14)(%r11), %r14
	mov	R(15)(%r11), %r15
	mov	R(11)(%r11), %r11
	popf
	RET
SYM_CODE_END(vp_seh_resume)
