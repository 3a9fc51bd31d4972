/* SPDX-License-Identifier: GPL-2.0 */
/*
 * u64 vp_call_ms(const void *fn, const u64 *args, struct vp_frame *f)
 *	(the kernel's regparm(3): eax, edx, ecx)
 *
 * Calls fn(args[0], ..., args[5]) with the Windows x86 __stdcall
 * convention: the low 32 bits of each argument on a 16-byte aligned stack,
 * the callee pops them.  The callee preserves ebx, esi, edi and ebp, as
 * the kernel's convention also requires.  The stack pointer is restored
 * from ebp afterwards, so a callee that pops a different number of bytes
 * (a callback that is not __stdcall, or that takes another number of
 * arguments) cannot corrupt our stack: f->popped says how many it popped,
 * and the bridge compares that with what the prototype implies.
 *
 * FS is the miniport's processor control region while fn runs and Linux's
 * per-CPU selector again before anything else happens (kpcr.h).
 *
 * f->esp records the stack pointer below the saved registers:
 * vp_call_abandon() (KeBugCheckEx) and fault containment resume there, as
 * if fn had returned VP_BUGCHECK_STATUS.
 */
#include <linux/linkage.h>
#include <asm/nospec-branch.h>
#include <asm/segment.h>
#include "videoport/kpcr.h"

#define F_POPPED	0
#define F_ESP		4
#define VP_BUGCHECK_STATUS	0xC0000400

	.text
SYM_FUNC_START(vp_call_ms)
	push	%ebp
	mov	%esp, %ebp
	push	%ebx
	push	%esi
	push	%edi
	mov	%ecx, %ebx
	mov	%esp, F_ESP(%ebx)
	and	$-16, %esp
	sub	$8, %esp
	pushl	40(%edx)
	pushl	32(%edx)
	pushl	24(%edx)
	pushl	16(%edx)
	pushl	8(%edx)
	pushl	(%edx)
	mov	%esp, %esi
	mov	$VP_KPCR_SELECTOR, %ecx
	mov	%ecx, %fs
	CALL_NOSPEC eax
	mov	%esp, %ecx
	sub	%esi, %ecx
	mov	%ecx, F_POPPED(%ebx)
	xor	%edx, %edx
/*
 * Fault containment (contain32.c) returns from an exception here with
 * esp = f->esp, ebp = esp + 12 and eax:edx the result, as
 * vp_call_abandon() jumps here.
 */
SYM_INNER_LABEL(vp_call_resume, SYM_L_GLOBAL)
	mov	$__KERNEL_PERCPU, %ecx
	mov	%ecx, %fs
	lea	-12(%ebp), %esp
	pop	%edi
	pop	%esi
	pop	%ebx
	pop	%ebp
	RET
SYM_FUNC_END(vp_call_ms)

/* void vp_call_abandon(const struct vp_frame *f)	[noreturn] */
SYM_FUNC_START(vp_call_abandon)
	movl	$-1, F_POPPED(%eax)
	mov	F_ESP(%eax), %esp
	lea	12(%esp), %ebp
	mov	$VP_BUGCHECK_STATUS, %eax
	xor	%edx, %edx
	jmp	vp_call_resume
SYM_FUNC_END(vp_call_abandon)
