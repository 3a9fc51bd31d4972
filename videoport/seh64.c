// SPDX-License-Identifier: GPL-2.0
/*
 * Structured exception handling for x64 miniports: what Windows'
 * exception dispatcher and the C compiler's language handler,
 * __C_specific_handler, do for __try/__except and __try/__finally.
 *
 * Where exceptions come from: the miniport raises one (ExRaiseStatus,
 * RtlRaiseException; seh64_asm.S records the caller's context), or its code
 * takes a CPU exception, which fault containment (contain.c) hands here
 * from the die notifier by returning from the exception into
 * vp_seh_fault() on the faulting stack (vp_seh_take_fault()).
 *
 * Dispatch, phase 1 (search): from the context of the exception, each of
 * the driver's frames up to the innermost bridge call is unwound with the
 * image's own unwind data (nt_unwind.c).  A frame whose UNWIND_INFO names
 * an exception handler is offered the exception.  For the compiler's
 * handler that means the function's scope table: every __try range that
 * holds the frame's instruction pointer, innermost first, whose filter
 * runs (a nested call through the bridge) and answers
 *   EXCEPTION_CONTINUE_SEARCH:    the next scope, then the next frame;
 *   EXCEPTION_CONTINUE_EXECUTION: the context (as the filter may have
 *                                 changed it) goes on, if the exception
 *                                 is continuable;
 *   EXCEPTION_EXECUTE_HANDLER:    phase 2 to that scope's __except block.
 * Phase 2 (unwind): from the context of the exception again, every frame
 * up to the target is offered the unwind, which runs the __finally blocks
 * of the scopes it leaves (the target frame's only those inside the
 * target scope), then the target frame goes on at its __except block
 * with the exception code in eax.
 *
 * No handler took it: a raised exception is what Windows bug-checks as
 * KMODE_EXCEPTION_NOT_HANDLED (the driver is stopped as KeBugCheckEx
 * stops it); a CPU exception is contained as if the image had no handler
 * (contain.c).  A filter or __finally block that faults itself is
 * contained on its own (its nested bridge call fails and the driver is
 * stopped); the dispatch then ends as "not handled".
 */
#include <linux/uaccess.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include "pe-loader/pe_format.h"
#include "pe-loader/pe_loader.h"
#include "videoport/export.h"
#include "videoport/ibt.h"
#include "videoport/seh.h"
#include "videoport/stop.h"
#include "videoport/vp.h"

#define VP_SEH_FRAMES	256

/* x64 CONTEXT: the integer registers in the unwind codes' order */
struct nt_context {
	u64 home[6];
	u32 context_flags;
	u32 mxcsr;
	u16 seg_cs, seg_ds, seg_es, seg_fs, seg_gs, seg_ss;
	u32 eflags;
	u64 dr[6];
	u64 r[16];
	u64 rip;
	u8 rest[0x3d0];		/* FPU and vector state, debug control */
} __aligned(16);
static_assert(offsetof(struct nt_context, r) == 0x78);
static_assert(offsetof(struct nt_context, rip) == 0xf8);
static_assert(sizeof(struct nt_context) == 0x4d0);

#define NT_CONTEXT_AMD64	0x00100000
#define NT_CONTEXT_CONTROL	(NT_CONTEXT_AMD64 | 0x1)
#define NT_CONTEXT_INTEGER	(NT_CONTEXT_AMD64 | 0x2)

/* EXCEPTION_POINTERS, a filter's argument */
struct nt_exception_pointers {
	struct nt_exception_record *rec;
	struct nt_context *ctx;
};

/* x64 DISPATCHER_CONTEXT, a language handler's fourth argument */
struct nt_dispatcher_context {
	u64 control_pc;
	u64 image_base;
	const void *function_entry;
	u64 establisher_frame;
	u64 target_ip;
	struct nt_context *context;
	const void *language_handler;
	const void *handler_data;
	void *history_table;
	u32 scope_index;
	u32 fill0;
};
static_assert(sizeof(struct nt_dispatcher_context) == 80);

/* C_SCOPE_TABLE entry: RVAs; a __finally has no jump target */
struct nt_scope {
	u32 begin, end, handler, target;
};
#define NT_SCOPE_FILTER_CONSTANT 1	/* __except(EXCEPTION_EXECUTE_HANDLER) */

/* What seh64_asm.S records of a raise's caller (nt_regs64.h) */
struct vp_seh_caller {
	struct nt_regs regs;
	u64 rflags;
};
static_assert(offsetof(struct vp_seh_caller, rflags) == 17 * 8);

/* One dispatch: everything lives on the stack of the code that raised */
struct vp_seh {
	struct vp_ctx *c;
	struct vp_driver *drv;
	struct nt_exception_record rec;
	struct nt_context ctx;		/* what filters see and may change */
	struct nt_exception_pointers ptrs;
	struct nt_regs regs;		/* where the exception was raised */
	u64 rflags;
	u64 target_frame;		/* phase 2: the frame and its __except */
	u64 target_ip;
};

/* The language handler's answer that starts phase 2 (no Windows value) */
#define VP_SEH_EXECUTE	0x100

void vp_seh_resume(const struct nt_regs *regs, u64 rflags);
void vp_seh_raise(struct vp_seh_caller *caller, u32 status,
		  const struct nt_exception_record *rec);
void __noreturn vp_seh_fault(void);

/* pending CPU exceptions, between the die notifier and vp_seh_fault() */
static DEFINE_PER_CPU(struct vp_seh_fault, vp_seh_pending[3]);

static u64 vp_seh_base(const struct vp_seh *s)
{
	return (u64)pe_image_base(s->drv->img);
}

static bool vp_seh_in_image(const struct vp_seh *s, u64 rva, u64 len)
{
	return rva <= pe_image_size(s->drv->img) && len <= pe_image_size(s->drv->img) - rva;
}

/* Arithmetic flags and DF are the context's; the rest stays as it was. */
static u64 vp_seh_flags(u64 now, u64 want)
{
	const u64 mine = X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | X86_EFLAGS_ZF |
			 X86_EFLAGS_SF | X86_EFLAGS_DF | X86_EFLAGS_OF;

	return (now & X86_EFLAGS_IF) | (want & mine) | X86_EFLAGS_FIXED;
}

/* Goes on at @regs in the driver's code; false if that is no place to go. */
static bool vp_seh_go(struct vp_seh *s, const struct nt_regs *regs, u64 rflags)
{
	u64 sp = current_stack_pointer;
	u64 base = vp_seh_base(s);

	if (regs->rip < base || !vp_seh_in_image(s, regs->rip - base, 1) ||
	    regs->r[NT_RSP] <= sp || regs->r[NT_RSP] - sp >= THREAD_SIZE)
		return false;
	/* back into miniport code */
	vp_ibt_leave_linux();
	vp_seh_resume(regs, vp_seh_flags(s->rflags, rflags));
	BUG();
}

/* Calls the driver's @fn(a1, a2) through the bridge; false if it stopped. */
static bool vp_seh_call(struct vp_seh *s, u64 fn, u64 a1, u64 a2, u64 *ret)
{
	*ret = VP_CALL(s->drv, s->c->adapter, (const void *)fn, a1, a2);
	return !READ_ONCE(s->drv->stopped);
}

/*
 * The scope table of a frame (@dc), as __C_specific_handler walks it:
 * phase 1 runs filters, phase 2 (@s->rec.flags has UNWINDING) runs
 * __finally blocks.  Returns an EXCEPTION_DISPOSITION or VP_SEH_EXECUTE.
 */
static int vp_seh_scopes(struct vp_seh *s, struct nt_dispatcher_context *dc)
{
	u64 base = vp_seh_base(s), rva = (u64)dc->handler_data - base;
	const struct nt_scope *scope;
	u32 count, pc = dc->control_pc - base, i;
	u64 ret;

	if (!vp_seh_in_image(s, rva, 4))
		return NT_EXCEPTION_CONTINUE_SEARCH;
	count = *(const u32 *)dc->handler_data;
	if (!vp_seh_in_image(s, rva + 4, (u64)count * sizeof(*scope)))
		return NT_EXCEPTION_CONTINUE_SEARCH;
	scope = (const struct nt_scope *)(dc->handler_data + 4);

	for (i = dc->scope_index; i < count; i++) {
		const struct nt_scope *sc = &scope[i];

		if (pc < sc->begin || pc >= sc->end ||
		    !vp_seh_in_image(s, sc->handler, 1) || !vp_seh_in_image(s, sc->target, 1))
			continue;
		if (!(s->rec.flags & NT_EXCEPTION_UNWINDING)) {
			s32 filter = NT_FILTER_EXECUTE_HANDLER;

			if (!sc->target)
				continue;	/* a __finally: phase 2's business */
			if (sc->handler != NT_SCOPE_FILTER_CONSTANT) {
				if (!vp_seh_call(s, base + sc->handler, (u64)&s->ptrs,
						 dc->establisher_frame, &ret))
					return NT_EXCEPTION_CONTINUE_SEARCH;
				filter = (s32)ret;
			}
			if (filter < 0)
				return NT_EXCEPTION_CONTINUE_EXECUTION;
			if (filter > 0) {
				s->target_frame = dc->establisher_frame;
				s->target_ip = base + sc->target;
				return VP_SEH_EXECUTE;
			}
			continue;
		}
		/* unwinding: the target frame stops at the scope it goes to */
		if (s->rec.flags & NT_EXCEPTION_TARGET_UNWIND && sc->target &&
		    base + sc->target == dc->target_ip)
			break;
		if (sc->target)
			continue;
		/* a __finally left by the unwind: abnormal termination */
		dc->scope_index = i + 1;
		if (!vp_seh_call(s, base + sc->handler, 1, dc->establisher_frame, &ret))
			break;
	}
	return NT_EXCEPTION_CONTINUE_SEARCH;
}

/*
 * The address of __C_specific_handler as the image's import table holds
 * it (the export is linked without an IBT stub, so it is this function).
 */
static int WINAPI __C_specific_handler(void *rec, u64 frame, void *ctx, void *dc);

/*
 * The image's handler for a frame: usually its import thunk
 * ("jmp *__imp___C_specific_handler(%rip)"); true if it leads to ours.
 */
static bool vp_seh_is_c_handler(struct vp_seh *s, u64 handler_rva)
{
	u64 base = vp_seh_base(s), slot;
	const u8 *p = (const u8 *)base + handler_rva;
	void *target;

	if (!vp_seh_in_image(s, handler_rva, 6))
		return false;
	if (p[0] != 0xff || p[1] != 0x25)
		return false;
	slot = handler_rva + 6 + (s64)(s32)pe_le32(p + 2);
	if (!vp_seh_in_image(s, slot, 8))
		return false;
	target = *(void **)(base + slot);
	return target == (void *)__C_specific_handler;
}

/*
 * Offers the exception (or its unwind) to the handler of the frame at
 * @regs described by @f.
 */
static int vp_seh_frame(struct vp_seh *s, const struct nt_regs *regs,
			const struct nt_frame *f)
{
	u64 base = vp_seh_base(s);
	struct nt_dispatcher_context dc = {
		.control_pc = regs->rip,
		.image_base = base,
		.establisher_frame = f->establisher,
		.target_ip = s->target_ip,
		.context = &s->ctx,
		.language_handler = (const void *)(base + f->handler_rva),
		.handler_data = (const void *)(base + f->data_rva),
	};
	u64 ret;

	if (vp_seh_is_c_handler(s, f->handler_rva))
		return vp_seh_scopes(s, &dc);
	/* a handler of the image's own: the Windows call */
	if (!vp_seh_in_image(s, f->handler_rva, 1))
		return NT_EXCEPTION_CONTINUE_SEARCH;
	ret = VP_CALL(s->drv, s->c->adapter, dc.language_handler, &s->rec,
		      f->establisher, &s->ctx, &dc);
	if (READ_ONCE(s->drv->stopped))
		return NT_EXCEPTION_CONTINUE_SEARCH;
	return (u32)ret == NT_EXCEPTION_CONTINUE_EXECUTION ?
	       NT_EXCEPTION_CONTINUE_EXECUTION : NT_EXCEPTION_CONTINUE_SEARCH;
}

/* Phase 2: unwinds to the target frame and goes on at its __except. */
static void vp_seh_unwind(struct vp_seh *s)
{
	struct nt_regs regs = s->regs, next;
	struct nt_frame f;
	unsigned int n;

	s->rec.flags |= NT_EXCEPTION_UNWINDING;
	for (n = 0; n < VP_SEH_FRAMES; n++) {
		next = regs;
		if (vp_is_bridge_return(regs.rip) ||
		    !nt_unwind_frame_info(s->drv->img, &next, &f))
			return;
		if (f.flags && f.establisher == s->target_frame) {
			s->rec.flags |= NT_EXCEPTION_TARGET_UNWIND;
			if (f.flags & PE_UNW_FLAG_UHANDLER)
				vp_seh_frame(s, &regs, &f);
			if (READ_ONCE(s->drv->stopped))
				return;
			regs.rip = s->target_ip;
			regs.r[0] = s->rec.code;
			vp_seh_go(s, &regs, 0);
			return;
		}
		if (f.flags & PE_UNW_FLAG_UHANDLER) {
			vp_seh_frame(s, &regs, &f);
			if (READ_ONCE(s->drv->stopped))
				return;
		}
		regs = next;
	}
}

/* The filters' view of the exception's context. */
static void vp_seh_context(struct vp_seh *s)
{
	memset(&s->ctx, 0, sizeof(s->ctx));
	s->ctx.context_flags = NT_CONTEXT_CONTROL | NT_CONTEXT_INTEGER;
	s->ctx.seg_cs = __KERNEL_CS;
	s->ctx.seg_ss = __KERNEL_DS;
	s->ctx.eflags = s->rflags;
	memcpy(s->ctx.r, s->regs.r, sizeof(s->ctx.r));
	s->ctx.rip = s->regs.rip;
	s->ptrs.rec = &s->rec;
	s->ptrs.ctx = &s->ctx;
}

/*
 * Phase 1.  Returns only if no handler took the exception (or the
 * driver stopped meanwhile); otherwise the driver goes on where a handler
 * said.
 */
static void vp_seh_dispatch(struct vp_seh *s)
{
	struct nt_regs regs = s->regs, next;
	struct nt_frame f;
	unsigned int n;

	vp_seh_context(s);
	for (n = 0; n < VP_SEH_FRAMES; n++) {
		int disp;

		next = regs;
		if (vp_is_bridge_return(regs.rip) ||
		    !nt_unwind_frame_info(s->drv->img, &next, &f))
			return;
		if (f.flags & PE_UNW_FLAG_EHANDLER) {
			disp = vp_seh_frame(s, &regs, &f);
			if (READ_ONCE(s->drv->stopped))
				return;
			if (disp == VP_SEH_EXECUTE) {
				vp_seh_unwind(s);
				return;
			}
			if (disp == NT_EXCEPTION_CONTINUE_EXECUTION) {
				struct nt_regs go;

				if (s->rec.flags & NT_EXCEPTION_NONCONTINUABLE) {
					pr_err("vpwrap: %s: a handler continued the noncontinuable exception 0x%08x\n",
					       s->drv->name, s->rec.code);
					return;
				}
				memcpy(go.r, s->ctx.r, sizeof(go.r));
				go.rip = s->ctx.rip;
				vp_seh_go(s, &go, s->ctx.eflags);
				return;
			}
		}
		regs = next;
	}
}

/*
 * Does any frame between @regs and the bridge have a language handler?
 * Only then is a CPU exception worth the trip through vp_seh_fault().
 */
static bool vp_seh_has_handler(const struct vp_driver *drv, const struct nt_regs *start)
{
	struct nt_regs regs = *start;
	struct nt_frame f;
	unsigned int n;

	for (n = 0; n < VP_SEH_FRAMES; n++) {
		if (vp_is_bridge_return(regs.rip) || !nt_unwind_frame_info(drv->img, &regs, &f))
			return false;
		if (f.flags & PE_UNW_FLAG_EHANDLER)
			return true;
	}
	return false;
}

bool vp_seh_take_fault(struct vp_ctx *c, struct pt_regs *regs, const struct vp_seh_fault *f,
		       bool always)
{
	if (!always && !vp_seh_has_handler(c->drv, &f->regs))
		return false;
	*this_cpu_ptr(&vp_seh_pending[vp_ctx_level_of(c)]) = *f;
	/*
	 * Return from the exception into vp_seh_fault() as if called, below
	 * the faulting frame (with room for the resume's staging slots).
	 */
	regs->sp = ((f->regs.r[NT_RSP] - 64) & ~15ul) - 8;
	regs->ip = (unsigned long)vp_seh_fault;
	regs->flags = (regs->flags & X86_EFLAGS_IF) | X86_EFLAGS_FIXED;
	return true;
}

static noinline void vp_seh_fault_dispatch(struct vp_ctx *c, const struct vp_seh_fault *f)
{
	struct vp_seh s = {
		.c = c,
		.drv = c->drv,
		.rec = f->rec,
		.regs = f->regs,
		.rflags = f->rflags,
	};

	vp_seh_dispatch(&s);
}

/* Entered from the exception's return (vp_seh_take_fault()), never called. */
void __noreturn vp_seh_fault(void)
{
	struct vp_ctx *c = vp_ctx_cur();
	struct vp_seh_fault f = *this_cpu_ptr(&vp_seh_pending[vp_ctx_level_of(c)]);

	/* reached without an IBT stub: Linux code from here on */
	vp_ibt_enter_linux(true);
	vp_seh_fault_dispatch(c, &f);
	pr_err("vpwrap: %s: %s at %s: no exception handler of the driver took it\n",
	       c->drv->name, f.what, f.where);
	vp_contain_unhandled(c, &f);
}

void vp_seh_raise(struct vp_seh_caller *caller, u32 status,
		  const struct nt_exception_record *rec)
{
	struct vp_seh s = {
		.c = vp_ctx_cur(),
		.regs = caller->regs,
		.rflags = caller->rflags,
	};
	char where[80] = "an unknown address";

	vp_ibt_enter_linux(true);
	if (!s.c || !s.c->depth) {
		/* only miniport code calls this: no driver is a broken bridge */
		vp_bugcheck(&caller->regs, NT_KMODE_EXCEPTION_NOT_HANDLED, status, 0, 0, 0);
	}
	s.drv = s.c->drv;
	if (!rec) {
		nt_exception_raised(&s.rec, status, NT_EXCEPTION_NONCONTINUABLE,
				    caller->regs.rip);
	} else if (copy_from_kernel_nofault(&s.rec, rec, sizeof(s.rec)) ||
		   s.rec.nparams > NT_EXCEPTION_MAXIMUM_PARAMETERS) {
		nt_exception_raised(&s.rec, STATUS_ACCESS_VIOLATION, NT_EXCEPTION_NONCONTINUABLE,
				    caller->regs.rip);
	} else {
		/* the dispatcher's own flags are not the raiser's to set */
		s.rec.flags &= NT_EXCEPTION_NONCONTINUABLE;
		s.rec.address = caller->regs.rip;
		s.rec.record = NULL;
	}
	vp_seh_dispatch(&s);
	pe_symbolize(s.drv->img, (void *)caller->regs.rip, where, sizeof(where));
	pr_err("vpwrap: %s: exception 0x%08x raised at %s: no exception handler of the driver took it (KMODE_EXCEPTION_NOT_HANDLED)\n",
	       s.drv->name, s.rec.code, where);
	vp_bugcheck(&caller->regs, NT_KMODE_EXCEPTION_NOT_HANDLED, s.rec.code,
		    s.rec.address, 0, 0);
}

/*
 * __C_specific_handler itself: the dispatcher above walks the scope table
 * of a frame whose handler is this export without calling it.  Called in
 * any other way (a language handler of the image's own delegating to it),
 * it has no dispatch to act for and lets the search go on.
 */
static int WINAPI __C_specific_handler(void *rec, u64 frame, void *ctx, void *dc)
{
	pr_warn_once("vpwrap: %s: __C_specific_handler called outside an exception dispatch: ignored\n",
		     vp_current_driver() ? vp_current_driver()->name : "?");
	return NT_EXCEPTION_CONTINUE_SEARCH;
}

static const struct vp_export __vp_row___C_specific_handler
__used __section("vp_exports") __aligned(8) = {
	.name = "__C_specific_handler", .addr = (void *)__C_specific_handler,
	.dll = VP_DLL_NTOSKRNL, .status = VP_IMPLEMENTED,
	/* compared with the import table's entry: no stub in between */
	.direct = true,
};

/* seh64_asm.S: they read their caller's registers, no stub in between */
void ExRaiseStatus(void);
void RtlRaiseException(void);

static const struct vp_export __vp_row_ExRaiseStatus
__used __section("vp_exports") __aligned(8) = {
	.name = "ExRaiseStatus", .addr = (void *)ExRaiseStatus,
	.dll = VP_DLL_NTOSKRNL, .status = VP_IMPLEMENTED, .direct = true,
};

static const struct vp_export __vp_row_RtlRaiseException
__used __section("vp_exports") __aligned(8) = {
	.name = "RtlRaiseException", .addr = (void *)RtlRaiseException,
	.dll = VP_DLL_NTOSKRNL, .status = VP_IMPLEMENTED, .direct = true,
};
