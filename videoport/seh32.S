/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entering a miniport's exception-handling code on x86 (seh_x86.c).
 * _except_handler3 frames run their filter and __finally pieces as
 * subroutines that find the function's locals through EBP, and the
 * __except block by a jump with that EBP.  Both run as miniport code:
 * with FS = the processor control region (kpcr.h).
 *
 * u32 vp_seh_call_frame(const void *fn, unsigned long ebp)
 *	(regparm(3): eax, edx) calls fn with EBP = ebp and returns its EAX;
 *	every register the kernel's convention keeps is kept.
 * void vp_seh_resume(const void *fn, unsigned long ebp)	[noreturn]
 *	jumps to fn with EBP = ebp; fn takes its stack pointer from the
 *	frame's registration record.
 */
#include <linux/linkage.h>
#include <asm/nospec-branch.h>
#include <asm/segment.h>
#include "videoport/kpcr.h"

	.text
SYM_FUNC_START(vp_seh_call_frame)
	push	%ebp
	push	%ebx
	push	%esi
	push	%edi
	mov	$VP_KPCR_SELECTOR, %ecx
	mov	%ecx, %fs
	mov	%edx, %ebp
	CALL_NOSPEC eax
	mov	$__KERNEL_PERCPU, %ecx
	mov	%ecx, %fs
	pop	%edi
	pop	%esi
	pop	%ebx
	pop	%ebp
	RET
SYM_FUNC_END(vp_seh_call_frame)

SYM_FUNC_START(vp_seh_resume)
	mov	$VP_KPCR_SELECTOR, %ecx
	mov	%ecx, %fs
	mov	%edx, %ebp
	JMP_NOSPEC eax
SYM_FUNC_END(vp_seh_resume)
