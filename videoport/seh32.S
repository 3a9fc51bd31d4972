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
 * void vp_seh32_continue(const void *ctx)	[noreturn]
 *	goes on with the x86 CONTEXT at ctx (a CPU exception a filter
 *	continued): its integer registers, EFLAGS (already checked), ESP and
 *	EIP, with FS = the region.  EIP and EFLAGS are staged just below the
 *	context's ESP, which lies above everything of ours, with interrupts
 *	off until popfl, so nothing can overwrite ctx before it is read.
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

/* x86 CONTEXT offsets (winnt.h) */
#define CTX_EDI		0x9c
#define CTX_ESI		0xa0
#define CTX_EBX		0xa4
#define CTX_EDX		0xa8
#define CTX_ECX		0xac
#define CTX_EAX		0xb0
#define CTX_EBP		0xb4
#define CTX_EIP		0xb8
#define CTX_EFLAGS	0xc0
#define CTX_ESP		0xc4

SYM_FUNC_START(vp_seh32_continue)
	cli
	mov	CTX_ESP(%eax), %ecx
	mov	CTX_EIP(%eax), %edx
	mov	%edx, -4(%ecx)
	mov	CTX_EFLAGS(%eax), %edx
	mov	%edx, -8(%ecx)
	mov	$VP_KPCR_SELECTOR, %edx
	mov	%edx, %fs
	mov	CTX_EDI(%eax), %edi
	mov	CTX_ESI(%eax), %esi
	mov	CTX_EBX(%eax), %ebx
	mov	CTX_EDX(%eax), %edx
	mov	CTX_EBP(%eax), %ebp
	lea	-8(%ecx), %esp
	mov	CTX_ECX(%eax), %ecx
	mov	CTX_EAX(%eax), %eax
	popfl
	RET
SYM_FUNC_END(vp_seh32_continue)
