/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MSVC's x86 helpers with register conventions (msvc_x86.c has the rest and the export rows).
 *
 * _allshl, _allshr, _aullshr: EDX:EAX shifted left, right arithmetic,
 *	right logical by CL (0..63; 64 and more give what shifting one bit at
 *	a time would), result in EDX:EAX, nothing popped.
 *
 * _alloca_probe: move ESP down by EAX bytes for the caller's
 *	frame and return to it with everything else as it was.  The kernel
 *	stack is mapped in full, so no page needs touching in order; a frame
 *	larger than the stack reaches the guard page and faults, as it would
 *	on Windows.
 */
#include <linux/linkage.h>
#include <asm/nospec-branch.h>

	.text
SYM_FUNC_START(_allshl)
	cmp	$64, %cl
	jae	2f
	cmp	$32, %cl
	jae	1f
	shld	%cl, %eax, %edx
	shl	%cl, %eax
	RET
1:	mov	%eax, %edx
	xor	%eax, %eax
	and	$31, %cl
	shl	%cl, %edx
	RET
2:	xor	%eax, %eax
	xor	%edx, %edx
	RET
SYM_FUNC_END(_allshl)

SYM_FUNC_START(_allshr)
	cmp	$64, %cl
	jae	2f
	cmp	$32, %cl
	jae	1f
	shrd	%cl, %edx, %eax
	sar	%cl, %edx
	RET
1:	mov	%edx, %eax
	sar	$31, %edx
	and	$31, %cl
	sar	%cl, %eax
	RET
2:	sar	$31, %edx
	mov	%edx, %eax
	RET
SYM_FUNC_END(_allshr)

SYM_FUNC_START(_aullshr)
	cmp	$64, %cl
	jae	2f
	cmp	$32, %cl
	jae	1f
	shrd	%cl, %edx, %eax
	shr	%cl, %edx
	RET
1:	mov	%edx, %eax
	xor	%edx, %edx
	and	$31, %cl
	shr	%cl, %eax
	RET
2:	xor	%eax, %eax
	xor	%edx, %edx
	RET
SYM_FUNC_END(_aullshr)

SYM_FUNC_START(_alloca_probe)
	push	%ecx
	lea	8(%esp), %ecx		/* ESP as the caller had it before the call */
	sub	%eax, %ecx		/* ... moved down by EAX */
	mov	%esp, %eax
	mov	%ecx, %esp
	mov	(%eax), %ecx		/* the caller's ECX */
	mov	4(%eax), %eax		/* the return address */
	JMP_NOSPEC eax
SYM_FUNC_END(_alloca_probe)
