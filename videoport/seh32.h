/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 structured exception handling (seh_x86.c) as fault containment
 * (contain32.c) uses it for CPU exceptions in miniport code.
 */
#ifndef VPWRAP_VIDEOPORT_SEH32_H
#define VPWRAP_VIDEOPORT_SEH32_H

#include "videoport/nt_exception.h"

/* an x86 CONTEXT (winnt.h), what a filter reads and may change */
struct vp_x86_context {
	u32 context_flags;
	u32 dr[6];
	u8 float_save[112];
	u32 seg_gs, seg_fs, seg_es, seg_ds;
	u32 edi, esi, ebx, edx, ecx, eax;
	u32 ebp, eip, seg_cs, eflags, esp, seg_ss;
	u8 extended[512];
};
static_assert(offsetof(struct vp_x86_context, edi) == 0x9c);
static_assert(offsetof(struct vp_x86_context, esp) == 0xc4);
static_assert(sizeof(struct vp_x86_context) == 0x2cc);

#define VP_X86_CONTEXT_i386		0x00010000
#define VP_X86_CONTEXT_CONTROL		(VP_X86_CONTEXT_i386 | 0x1)
#define VP_X86_CONTEXT_INTEGER		(VP_X86_CONTEXT_i386 | 0x2)
#define VP_X86_CONTEXT_SEGMENTS		(VP_X86_CONTEXT_i386 | 0x4)

/*
 * Offers @rec (with the context @ctx) to the handlers in this CPU's
 * exception chain, newest first.  Returns NULL if a filter continued the
 * exception, else why nothing took it; does not return when an __except
 * block takes it.
 */
const char *vp_seh32_dispatch(struct nt_exception_record *rec, struct vp_x86_context *ctx);

/* seh32.S: goes on with the context @ctx, as miniport code (never returns) */
void __noreturn vp_seh32_continue(const struct vp_x86_context *ctx);

#endif /* VPWRAP_VIDEOPORT_SEH32_H */
