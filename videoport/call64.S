/* SPDX-License-Identifier: GPL-2.0 */
/*
 * u64 vp_call_ms(const void *fn, const u64 *args)
 *
 * Calls fn(args[0], ..., args[5]) with the Windows x64 calling convention.
 * The kernel builds with an 8-byte stack alignment, but Windows code may
 * keep SSE data on its stack with aligned moves, so the stack is realigned
 * to 16 bytes here, below the 32-byte home area and two stack arguments.
 * The callee preserves rbx, rbp, rdi, rsi, r12-r15: a superset of what the
 * System V caller expects.
 */
#include <linux/linkage.h>
#include <asm/ibt.h>
#include <asm/nospec-branch.h>

	.text
SYM_FUNC_START(vp_call_ms)
	ENDBR		/* its address is taken (nt_bugcheck.c) */
	push	%rbp
	mov	%rsp, %rbp
	and	$-16, %rsp
	sub	$48, %rsp
	mov	%rdi, %rax
	mov	32(%rsi), %r10
	mov	%r10, 32(%rsp)
	mov	40(%rsi), %r10
	mov	%r10, 40(%rsp)
	mov	(%rsi), %rcx
	mov	8(%rsi), %rdx
	mov	16(%rsi), %r8
	mov	24(%rsi), %r9
	CALL_NOSPEC rax
	leave
	RET
SYM_FUNC_END(vp_call_ms)
