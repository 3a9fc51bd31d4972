/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Export stubs on x86: Linux's FS around every export (videoport/kpcr.h).
 *
 * Miniport code runs with FS = its processor control region; our exports
 * are Linux code (per-CPU data and the stack protector's canary are behind
 * FS).  Stub i is what miniport code calls instead of export i: it loads i
 * and jumps to vp_fs_common, which keeps the caller's FS, loads Linux's
 * per-CPU selector, copies VP_FS_STACK_ARGS stack arguments into a frame of
 * its own and calls vp_fs_targets[i] with them (ECX and EDX, the __fastcall
 * arguments, pass through untouched).  Whatever the export's convention,
 * it pops its arguments off that copy: the stub measures how many bytes it
 * popped, puts the caller's FS back and returns popping as many from the
 * caller's stack, so __stdcall, __cdecl and __fastcall exports all return
 * as they were called.  EAX:EDX, the result, is left alone.
 *
 * The stub's frame is a plain one (push ebp): vp_kpcr_caller() finds the
 * miniport's return address through it.
 */
#include <linux/linkage.h>
#include <asm/nospec-branch.h>
#include <asm/segment.h>
#include "videoport/kpcr.h"

	.text
	.align VP_FS_STUB_SIZE
SYM_CODE_START(vp_fs_stubs)
	.set stub, 0
	.rept VP_FS_STUBS
	.align VP_FS_STUB_SIZE
	movl	$stub, %eax
	jmp	vp_fs_common
	.set stub, stub + 1
	.endr
SYM_CODE_END(vp_fs_stubs)

SYM_CODE_START_LOCAL(vp_fs_common)
	push	%ebp
	mov	%esp, %ebp
	push	%fs			/* -4(%ebp): the miniport's FS */
	push	%ebx			/* -8(%ebp) */
	mov	vp_fs_targets(, %eax, 4), %ebx
	mov	$__KERNEL_PERCPU, %eax
	mov	%eax, %fs
	sub	$(4 * VP_FS_STACK_ARGS), %esp
	.set arg, 0
	.rept VP_FS_STACK_ARGS
	mov	(8 + 4 * arg)(%ebp), %eax
	mov	%eax, (4 * arg)(%esp)
	.set arg, arg + 1
	.endr
	CALL_NOSPEC ebx
SYM_INNER_LABEL(vp_fs_stub_return, SYM_L_GLOBAL)
	/* ECX = the bytes of arguments the export popped */
	mov	%esp, %ecx
	sub	%ebp, %ecx
	add	$(8 + 4 * VP_FS_STACK_ARGS), %ecx
	mov	-8(%ebp), %ebx
	mov	-4(%ebp), %fs
	/* the return address moves up by as much: "ret N" with N in ECX */
	lea	4(%ebp, %ecx), %ecx
	pushl	4(%ebp)
	popl	(%ecx)
	mov	(%ebp), %ebp
	mov	%ecx, %esp
	RET
SYM_CODE_END(vp_fs_common)
