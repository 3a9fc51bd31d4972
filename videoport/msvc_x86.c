// SPDX-License-Identifier: GPL-2.0
/*
 * The helpers MSVC's x86 code generator calls for 64-bit arithmetic, which
 * ntoskrnl.exe exports: _allmul, _alldiv, _allrem, _aulldiv, _aullrem take
 * two 64-bit operands on the stack, pop them (16 bytes) and return EDX:EAX
 * -- exactly GCC's __stdcall with two 64-bit arguments.  The shifts
 * (_allshl, _allshr, _aullshr: EDX:EAX by CL) and the stack probe
 * (_alloca_probe: EAX bytes; MSVC links _chkstk, the same code, into the
 * image itself) have register conventions no C
 * prototype expresses and live in msvc_x86_asm.S.
 *
 * Division by zero faults on Windows and stops the machine; here the
 * driver is told once and gets 0, and the kernel goes on.
 */
#include <linux/math64.h>
#include "videoport/vp.h"
#include "videoport/export.h"

VP_EXPORT(NTOSKRNL, s64, _allmul, s64 a, s64 b)
{
	return a * b;
}

static bool msvc_div_zero(const char *name, u64 b)
{
	if (b)
		return false;
	vp_warn_once(vp_current_driver(), VP_ONCE_DIV_ZERO,
		     "%s: division by zero; the result is 0\n", name);
	return true;
}

VP_EXPORT(NTOSKRNL, s64, _alldiv, s64 a, s64 b)
{
	if (msvc_div_zero("_alldiv", b))
		return 0;
	return div64_s64(a, b);
}

VP_EXPORT(NTOSKRNL, s64, _allrem, s64 a, s64 b)
{
	if (msvc_div_zero("_allrem", b))
		return 0;
	return a - div64_s64(a, b) * b;
}

VP_EXPORT(NTOSKRNL, u64, _aulldiv, u64 a, u64 b)
{
	if (msvc_div_zero("_aulldiv", b))
		return 0;
	return div64_u64(a, b);
}

VP_EXPORT(NTOSKRNL, u64, _aullrem, u64 a, u64 b)
{
	if (msvc_div_zero("_aullrem", b))
		return 0;
	return a - div64_u64(a, b) * b;
}

/* msvc_x86_asm.S */
VP_EXPORT_ASM(NTOSKRNL, _allshl);
VP_EXPORT_ASM(NTOSKRNL, _allshr);
VP_EXPORT_ASM(NTOSKRNL, _aullshr);
VP_EXPORT_ASM(NTOSKRNL, _alloca_probe);
