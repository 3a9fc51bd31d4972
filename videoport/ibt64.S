/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Export stubs for CPUs that enforce kernel IBT (videoport/ibt.h).
 *
 * Stub i is what miniport code calls instead of export i: it loads i and
 * jumps to vp_ibt_common, which turns tracking on for this CPU, calls the
 * export vp_ibt_targets[i] with the caller's arguments (rcx, rdx, r8, r9 and
 * VP_IBT_STACK_ARGS stack arguments, copied into a new frame with its own
 * 32-byte home area), turns tracking off again and returns the export's
 * rax.  The helpers it calls are ms_abi, so rdi/rsi (callee-saved for the
 * Windows caller) survive them; the export itself is ms_abi too.
 */
#include <linux/linkage.h>
#include <asm/ibt.h>
#include <asm/nospec-branch.h>
#include <asm/unwind_hints.h>
#include "videoport/ibt.h"

	.text
	.align VP_IBT_STUB_SIZE
SYM_CODE_START(vp_ibt_stubs)
	.set stub, 0
	.rept VP_IBT_STUBS
	.align VP_IBT_STUB_SIZE
	UNWIND_HINT_FUNC	/* each stub is entered like a function */
	ENDBR
	movl	$stub, %r11d
	jmp	vp_ibt_common
	/*
	 * The alignment padding that follows (never empty: a stub's code is
	 * at most 15 bytes) gets the stubs' own unwind state.  Left unmarked,
	 * every stub would add two ORC entries instead of none, and the
	 * module loader sorts the ORC table at every load.
	 */
	UNWIND_HINT_FUNC
	.set stub, stub + 1
	.endr
SYM_CODE_END(vp_ibt_stubs)

SYM_FUNC_START_LOCAL(vp_ibt_common)
	push	%rbp
	mov	%rsp, %rbp
	/* 16(%rbp): the caller's home area; 48(%rbp): its stack arguments */
	push	%rcx
	push	%rdx
	push	%r8
	push	%r9
	lea	vp_ibt_targets(%rip), %rax
	mov	(%rax, %r11, 8), %r11
	push	%r11
	sub	$40, %rsp
	and	$-16, %rsp
	call	vp_ibt_linux_on
	lea	-40(%rbp), %rsp
	pop	%r11
	pop	%r9
	pop	%r8
	pop	%rdx
	pop	%rcx
	sub	$(32 + 8 * VP_IBT_STACK_ARGS), %rsp
	and	$-16, %rsp
	.set arg, 0
	.rept VP_IBT_STACK_ARGS
	mov	(48 + 8 * arg)(%rbp), %rax
	mov	%rax, (32 + 8 * arg)(%rsp)
	.set arg, arg + 1
	.endr
	CALL_NOSPEC r11
	mov	%rax, 32(%rsp)
	call	vp_ibt_linux_off
	mov	32(%rsp), %rax
	leave
	RET
SYM_FUNC_END(vp_ibt_common)
