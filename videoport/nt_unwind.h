/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual unwinding of x64 miniport frames with the image's own unwind
 * data (.pdata/.xdata), as Windows' RtlVirtualUnwind does (nt_unwind.c).
 * KeBugCheckEx uses it to leave the miniport and resume the bridge.
 */
#ifndef VPWRAP_VIDEOPORT_NT_UNWIND_H
#define VPWRAP_VIDEOPORT_NT_UNWIND_H

#include <linux/types.h>

struct pe_image;

/* Integer registers in the x64 unwind-code numbering (rax=0 ... r15=15), plus rip. */
struct nt_regs {
	u64 r[16];
	u64 rip;
};
#define NT_RSP 4

/* What the unwind of one frame learned about the function it left. */
struct nt_frame {
	u64 establisher;	/* the frame's EstablisherFrame (rsp or frame register) */
	u32 begin_rva;		/* the function (0: a leaf without unwind data) */
	u32 flags;		/* PE_UNW_FLAG_EHANDLER / UHANDLER: it has a handler */
	u32 handler_rva;	/* the language handler */
	u32 data_rva;		/* its data (a scope table for C), unchecked */
};

/*
 * As nt_unwind_frame(), and fills @f for the frame left.  A handler is
 * only reported past the function's prolog, as Windows does.
 */
bool nt_unwind_frame_info(const struct pe_image *img, struct nt_regs *regs,
			  struct nt_frame *f);

/*
 * Unwinds one frame of @img's code: on return @regs is the caller's
 * context (its rip, rsp and the nonvolatile registers the frame saved).
 * Returns false if @regs->rip is not in @img or the unwind data or the
 * stack cannot be read.
 */
bool nt_unwind_frame(const struct pe_image *img, struct nt_regs *regs);

#endif /* VPWRAP_VIDEOPORT_NT_UNWIND_H */
