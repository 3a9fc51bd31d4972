// SPDX-License-Identifier: GPL-2.0
/*
 * Structured exception handling on x86, for the exceptions a miniport
 * raises itself (ExRaiseStatus, RtlRaiseException).
 *
 * 32-bit Windows code keeps its handlers in a chain of registration
 * records on the stack, headed at fs:[0] (kpcr.h).  MSVC (and clang's
 * MSVC target) gives every function with __try one record, handled by
 * ntoskrnl's _except_handler3, and extended by a scope table and the
 * current try level:
 *
 *	reg - 8		the stack pointer the __except block starts with
 *	reg - 4		EXCEPTION_POINTERS * of the exception being filtered
 *	reg + 0		next record, handler (_except_handler3)
 *	reg + 8		scope table: { enclosing level, filter, handler } each
 *	reg + 12	try level (-1: outside every __try)
 *	reg + 16	the function's frame pointer: its pieces run with EBP = this
 *
 * A raise walks the chain from the head.  For each record, _except_handler3
 * runs the filters of the enclosing __try blocks, innermost first; the
 * first one that says "execute handler" wins: the records above its frame
 * are unwound (their __finally blocks run, newest first) and unlinked, the
 * frame's own __finally blocks inside the chosen __try run, and the
 * __except block is entered with the frame's EBP (seh32.S).  The Linux
 * frames between the raise and that block (this file's, the export stub's)
 * hold nothing and are dropped, as KeBugCheckEx's way out drops them.
 *
 * MSVC's code calls the unwind itself where it leaves a __try by return,
 * goto or break (_local_unwind2) and before a longjmp (_global_unwind2);
 * a __finally asks _abnormal_termination() whether an unwind runs it.
 * While an unwind runs a __finally block, a record of ours heads the chain
 * (its handler is VP_SEH3_UNWINDING) to say so.
 *
 * What is refused, with the reason in the log, and handled like
 * KeBugCheckEx (the driver stops, the call into it fails): a chain that
 * leaves the stack, a record whose handler is not our _except_handler3
 * (hand-written handlers are not run), an exception no filter takes, and a
 * noncontinuable one a filter asks to continue.  Each bridge call starts a
 * chain of its own, so an exception never crosses Linux frames of ours to
 * reach an outer call's handler.  CPU exceptions in miniport code (a
 * fault inside __try) come here from fault containment (contain32.c),
 * with the faulting context as the CONTEXT a filter sees; one that a
 * filter or __finally block of the driver raises while we run it is not
 * offered again (the bridge frame says so): it stops the driver.
 */
#include <linux/kernel.h>
#include "pe-loader/pe_loader.h"
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/kpcr.h"
#include "videoport/nt_exception.h"
#include "videoport/seh32.h"
#include "videoport/stop.h"

/* seh32.S */
u32 vp_seh_call_frame(const void *fn, unsigned long ebp);
void __noreturn vp_seh_resume(const void *fn, unsigned long ebp);

/* EXCEPTION_POINTERS, what a filter's GetExceptionInformation() returns */
struct vp_seh_pointers {
	struct nt_exception_record *record;
	void *context;
};

struct vp_seh3_scope {
	u32 enclosing;
	void *filter;		/* NULL: a __finally block, handler is its code */
	void *handler;
};

struct vp_seh3_reg {
	struct vp_seh3_reg *next;
	void *handler;
	const struct vp_seh3_scope *scope;
	u32 try_level;
};

#define VP_SEH3_TOP		0xffffffffu
/* nesting deeper than this is a corrupt scope table */
#define VP_SEH3_MAX_DEPTH	256
/* the code of the record an unwind passes the frames it unwinds */
#define VP_STATUS_UNWIND	0xC0000027

static unsigned long vp_seh3_ebp(const struct vp_seh3_reg *reg)
{
	return (unsigned long)reg + 16;
}

/*
 * While an unwind runs a __finally block, a record of ours heads the chain
 * with this handler (as MSVC's _local_unwind2 pushes one):
 * _abnormal_termination() looks for it, walks skip it.
 */
static const u8 vp_seh3_unwinding;
#define VP_SEH3_UNWINDING	((void *)&vp_seh3_unwinding)

/* A record at @reg lies on the stack the chain belongs to. */
static bool vp_seh3_on_stack(const struct vp_seh3_reg *reg)
{
	u32 limit, base, at = (u32)(unsigned long)reg;

	vp_kpcr_stack(&limit, &base);
	return at >= limit + 8 && at + sizeof(*reg) <= base && !(at & 3);
}

/*
 * Runs a filter or __finally block @fn of @reg's frame; while it runs, a
 * CPU exception in the driver's code is not offered to its handlers again.
 */
static u32 vp_seh3_run(const void *fn, const struct vp_seh3_reg *reg)
{
	struct vp_ctx *c = vp_ctx_cur();
	struct vp_frame *f = c && c->depth ? c->frame : NULL;
	bool busy = f && f->seh_busy;
	u32 ret;

	if (f)
		f->seh_busy = true;
	ret = vp_seh_call_frame(fn, vp_seh3_ebp(reg));
	if (f)
		f->seh_busy = busy;
	return ret;
}

/* The __finally blocks of @reg's frame inside try level @stop, innermost first. */
static void vp_seh3_local_unwind(struct vp_seh3_reg *reg, u32 stop)
{
	struct vp_seh3_reg mark = { .handler = VP_SEH3_UNWINDING };
	unsigned int n = 0;

	while (reg->try_level != stop && reg->try_level != VP_SEH3_TOP &&
	       n++ < VP_SEH3_MAX_DEPTH) {
		const struct vp_seh3_scope *e = &reg->scope[reg->try_level];

		/* left before its code runs: a raise inside it goes outward */
		reg->try_level = e->enclosing;
		if (e->filter)
			continue;
		mark.next = (struct vp_seh3_reg *)(unsigned long)vp_kpcr_chain();
		vp_kpcr_set_chain((u32)(unsigned long)&mark);
		vp_seh3_run(e->handler, reg);
		vp_kpcr_set_chain((u32)(unsigned long)mark.next);
	}
}

static u32 vp_except_handler3(struct nt_exception_record *rec, struct vp_seh3_reg *reg,
			      void *ctx);

/* The records above @target run their __finally blocks and leave the chain. */
static void vp_seh3_global_unwind(const struct nt_exception_record *rec,
				  struct vp_seh3_reg *target, void *ctx)
{
	struct nt_exception_record unwind = *rec;
	struct vp_seh3_reg *reg;

	unwind.flags |= NT_EXCEPTION_UNWINDING;
	for (reg = (struct vp_seh3_reg *)vp_kpcr_chain(); reg != target; reg = reg->next) {
		if (reg->handler != VP_SEH3_UNWINDING)
			vp_except_handler3(&unwind, reg, ctx);
		vp_kpcr_set_chain((u32)(unsigned long)reg->next);
	}
}

static u32 vp_except_handler3(struct nt_exception_record *rec, struct vp_seh3_reg *reg,
			      void *ctx)
{
	struct vp_seh_pointers ptrs = { rec, ctx };
	unsigned int n = 0;
	u32 level;
	s32 f;

	if (rec->flags & (NT_EXCEPTION_UNWINDING | NT_EXCEPTION_EXIT_UNWIND)) {
		vp_seh3_local_unwind(reg, VP_SEH3_TOP);
		return NT_EXCEPTION_CONTINUE_SEARCH;
	}
	((struct vp_seh_pointers **)reg)[-1] = &ptrs;
	for (level = reg->try_level; level != VP_SEH3_TOP && n++ < VP_SEH3_MAX_DEPTH;
	     level = reg->scope[level].enclosing) {
		const struct vp_seh3_scope *e = &reg->scope[level];

		if (!e->filter)
			continue;
		f = vp_seh3_run(e->filter, reg);
		if (f < 0)
			return NT_EXCEPTION_CONTINUE_EXECUTION;
		if (f == NT_FILTER_CONTINUE_SEARCH)
			continue;
		vp_seh3_global_unwind(rec, reg, ctx);
		vp_seh3_local_unwind(reg, level);
		reg->try_level = e->enclosing;
		vp_kpcr_set_chain((u32)(unsigned long)reg);
		vp_seh_resume(e->handler, vp_seh3_ebp(reg));
	}
	return NT_EXCEPTION_CONTINUE_SEARCH;
}

/*
 * Miniport code reaches _except_handler3 through its image's import thunk
 * (jmp [IAT]) or the IAT entry itself: either way our export's address.
 */
static bool vp_seh3_is_ours(const void *handler)
{
	const void *ours = vp_export_lookup(VP_DLL_NTOSKRNL, "_except_handler3");
	const u8 *p = handler;
	const void * const *slot;

	if (!ours || !handler)
		return false;
	if (handler == ours)
		return true;
	if (p[0] != 0xff || p[1] != 0x25)
		return false;
	slot = *(const void * const * const *)(p + 2);
	return *slot == ours;
}

const char *vp_seh32_dispatch(struct nt_exception_record *rec, struct vp_x86_context *ctx)
{
	struct vp_seh3_reg *reg;
	unsigned int n = 0;
	u32 disp;

	for (reg = (struct vp_seh3_reg *)vp_kpcr_chain(); (u32)(unsigned long)reg != VP_SEH_CHAIN_END;
	     reg = reg->next) {
		if (!vp_seh3_on_stack(reg) || n++ > VP_SEH3_MAX_DEPTH)
			return "its exception chain leaves the stack";
		if (reg->handler == VP_SEH3_UNWINDING)
			continue;	/* a __finally raised: its frame is further up */
		if (!vp_seh3_is_ours(reg->handler))
			return "a frame's exception handler is not _except_handler3 (not supported)";
		disp = vp_except_handler3(rec, reg, ctx);
		if (disp == NT_EXCEPTION_CONTINUE_EXECUTION) {
			if (rec->flags & NT_EXCEPTION_NONCONTINUABLE)
				return "a filter continued a noncontinuable exception";
			return NULL;
		}
	}
	return "no __except filter took it";
}

/* KMODE_EXCEPTION_NOT_HANDLED: the driver stops, as for KeBugCheckEx. */
static void __noreturn vp_seh_unhandled(const struct nt_exception_record *rec)
{
	vp_bugcheck32("raised an exception nothing handled", "for the exception raised at",
		      NT_KMODE_EXCEPTION_NOT_HANDLED, rec->code, rec->address,
		      0, 0, (const void *)rec->address);
}

/* Returns if a filter continued the exception (or no driver raised it). */
static void vp_seh_raise(struct nt_exception_record *rec, struct vp_x86_context *ctx)
{
	struct vp_driver *drv = vp_current_driver();
	char where[80] = "an unknown address";
	const char *why;

	if (!drv) {
		pr_err("vpwrap: exception 0x%08x raised outside a miniport call: ignored\n",
		       rec->code);
		return;
	}
	why = vp_seh32_dispatch(rec, ctx);
	if (!why)
		return;
	pe_symbolize(drv->img, (const void *)rec->address, where, sizeof(where));
	vp_err(drv, "exception 0x%08x raised at %s: no exception handler of the driver took it (KMODE_EXCEPTION_NOT_HANDLED): %s\n",
	       rec->code, where, why);
	vp_seh_unhandled(rec);
}

VP_EXPORT(NTOSKRNL, void, ExRaiseStatus, u32 status)
{
	struct nt_exception_record rec;
	struct vp_x86_context ctx = { };

	nt_exception_raised(&rec, status, NT_EXCEPTION_NONCONTINUABLE,
			    (unsigned long)vp_export_caller());
	vp_seh_raise(&rec, &ctx);
	/* a noncontinuable exception: never back into the raiser */
	if (vp_current_driver())
		vp_seh_unhandled(&rec);
}

VP_EXPORT(NTOSKRNL, void, RtlRaiseException, struct nt_exception_record *r)
{
	struct nt_exception_record rec;
	struct vp_x86_context ctx = { };

	if (!r || r->nparams > NT_EXCEPTION_MAXIMUM_PARAMETERS) {
		nt_exception_raised(&rec, STATUS_INVALID_PARAMETER, NT_EXCEPTION_NONCONTINUABLE,
				    (unsigned long)vp_export_caller());
	} else {
		rec = *r;
		rec.address = rec.address ?: (unsigned long)vp_export_caller();
	}
	vp_seh_raise(&rec, &ctx);
	if ((rec.flags & NT_EXCEPTION_NONCONTINUABLE) && vp_current_driver())
		vp_seh_unhandled(&rec);
}

/*
 * The export miniport code registers as its frames' handler.  We run it
 * ourselves when we dispatch (above); a call from miniport code (a
 * hand-made dispatcher) gets the same answer.
 */
VP_EXPORT_CDECL(NTOSKRNL, u32, _except_handler3, struct nt_exception_record *rec,
		struct vp_seh3_reg *reg, void *ctx, void *dispatcher)
{
	if (!rec || !reg)
		return NT_EXCEPTION_CONTINUE_SEARCH;
	return vp_except_handler3(rec, reg, ctx);
}

/*
 * A chain from the head down to @target (NULL: to its end) that we can
 * walk: every record on the stack, ours or an unwind in progress.  Else
 * the driver is told why, once.
 */
static bool vp_seh3_chain_to(const struct vp_seh3_reg *target, const char *export)
{
	struct vp_driver *drv = vp_current_driver();
	const struct vp_seh3_reg *reg;
	const char *why = NULL;
	unsigned int n = 0;

	for (reg = (struct vp_seh3_reg *)(unsigned long)vp_kpcr_chain(); reg != target;
	     reg = reg->next) {
		if ((u32)(unsigned long)reg == VP_SEH_CHAIN_END) {
			why = target ? "the record is not in the exception chain" : NULL;
			break;
		}
		if (!vp_seh3_on_stack(reg) || n++ > VP_SEH3_MAX_DEPTH) {
			why = "the exception chain leaves the stack";
			break;
		}
		if (reg->handler != VP_SEH3_UNWINDING && !vp_seh3_is_ours(reg->handler)) {
			why = "a frame's exception handler is not _except_handler3 (not supported)";
			break;
		}
	}
	if (why && drv)
		vp_warn_once(drv, VP_ONCE_SEH_UNWIND, "%s: %s: nothing unwound\n", export, why);
	return !why;
}

/*
 * MSVC's code for leaving a __try by return, goto or break:
 * _local_unwind2(record, level) runs the frame's __finally blocks inside
 * try level @level (-1: all of them), innermost first; it leaves the try
 * level at @level.
 */
VP_EXPORT_CDECL(NTOSKRNL, void, _local_unwind2, struct vp_seh3_reg *reg, s32 level)
{
	if (!reg || !vp_seh3_on_stack(reg) || !vp_seh3_chain_to(reg, "_local_unwind2"))
		return;
	vp_seh3_local_unwind(reg, (u32)level);
}

/*
 * _global_unwind2(record): the frames above @record run their __finally
 * blocks and leave the chain (what a __except block's frame does before it
 * runs; MSVC's longjmp calls it).
 */
VP_EXPORT_CDECL(NTOSKRNL, void, _global_unwind2, struct vp_seh3_reg *reg)
{
	struct nt_exception_record rec;
	struct vp_x86_context ctx = { };

	if (!reg || !vp_seh3_chain_to(reg, "_global_unwind2"))
		return;
	nt_exception_raised(&rec, VP_STATUS_UNWIND, NT_EXCEPTION_UNWINDING,
			    (unsigned long)vp_export_caller());
	vp_seh3_global_unwind(&rec, reg, &ctx);
}

/*
 * In a __finally block: nonzero when an unwind runs it (an exception, or
 * _local_unwind2 for a return out of the __try), zero when the code fell
 * out of the __try into it.
 */
VP_EXPORT_CDECL(NTOSKRNL, int, _abnormal_termination, void)
{
	const struct vp_seh3_reg *head = (void *)(unsigned long)vp_kpcr_chain();

	return (u32)(unsigned long)head != VP_SEH_CHAIN_END && vp_seh3_on_stack(head) &&
	       head->handler == VP_SEH3_UNWINDING;
}
