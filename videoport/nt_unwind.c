// SPDX-License-Identifier: GPL-2.0
/*
 * x64 virtual unwind over a miniport's unwind data.
 *
 * Every non-leaf x64 function has a RUNTIME_FUNCTION in .pdata pointing at
 * its UNWIND_INFO: the prolog's operations as unwind codes, in reverse
 * order.  Undoing them from a return address in the function's body gives
 * the caller's rsp, return address and nonvolatile registers.  A function
 * without an entry is a leaf: its return address is at [rsp].
 *
 * Everything read comes from an untrusted image or from the stack: image
 * offsets are bounded by SizeOfImage, stack reads use
 * copy_from_kernel_nofault().  XMM saves are skipped (the bridge restores
 * the FPU state itself); a machine frame ends the walk.
 */
#include <linux/uaccess.h>
#include "pe-loader/pe_format.h"
#include "pe-loader/pe_loader.h"
#include "videoport/nt_unwind.h"

#define NT_UNWIND_CHAIN_MAX 32

static bool nt_stack_read(u64 addr, u64 *v)
{
	return !copy_from_kernel_nofault(v, (const void *)addr, sizeof(*v));
}

static const struct pe_runtime_function *nt_find_function(const struct pe_image *img,
							 u32 rva)
{
	const struct pe_runtime_function *rf;
	unsigned int i, n;

	rf = pe_image_pdata(img, &n);
	/* .pdata should be sorted, but nothing checked that it is */
	for (i = 0; rf && i < n; i++)
		if (rva >= rf[i].begin_rva && rva < rf[i].end_rva)
			return &rf[i];
	return NULL;
}

/*
 * Notes the EstablisherFrame of the function and, past its prolog, the
 * language handler its UNWIND_INFO (@info, at @ui in an image of @size
 * bytes) names after the @n code slots.
 */
static void nt_note_frame(const u8 *info, u32 ui, unsigned int n, u32 off, u64 frame,
			  size_t size, struct nt_frame *f)
{
	unsigned int flags = info[PE_UI_FLAGS] >> PE_UI_FLAGS_SHIFT;
	size_t hoff = PE_UI_CODES + 2 * (size_t)((n + 1) & ~1u);

	f->establisher = frame;
	f->flags = 0;
	if (flags & PE_UNW_FLAG_CHAININFO ||
	    !(flags & (PE_UNW_FLAG_EHANDLER | PE_UNW_FLAG_UHANDLER)) ||
	    off < info[PE_UI_PROLOG] || ui + hoff + 4 > size)
		return;
	f->flags = flags & (PE_UNW_FLAG_EHANDLER | PE_UNW_FLAG_UHANDLER);
	f->handler_rva = pe_le32(info + hoff);
	f->data_rva = ui + hoff + 4;
}

/* Applies one UNWIND_INFO (and the chain it ends in) to @regs. */
static bool nt_apply(const struct pe_image *img, const struct pe_runtime_function *rf,
		     u32 rva, struct nt_regs *regs, struct nt_frame *f)
{
	const u8 *base = pe_image_base(img);
	size_t size = pe_image_size(img);
	u32 begin = rf->begin_rva, ui = rf->unwind_rva;
	unsigned int chain;

	for (chain = 0; chain < NT_UNWIND_CHAIN_MAX; chain++) {
		u32 off = rva - begin;
		const u8 *info, *codes, *parent;
		unsigned int i, n, op, opinfo, freg;
		u64 frame, v;

		if (ui > size - PE_UI_CODES)
			return false;
		info = base + ui;
		n = info[PE_UI_NCODES];
		/* the codes, padded to an even number, then a parent RUNTIME_FUNCTION */
		if (ui + PE_UI_CODES + 2 * (size_t)((n + 1) & ~1u) +
		    PE_RUNTIME_FUNCTION_SIZE > size)
			return false;
		codes = info + PE_UI_CODES;
		freg = info[PE_UI_FRAME] & 15;
		frame = freg ? regs->r[freg] - (info[PE_UI_FRAME] >> 4) * 16 :
			regs->r[NT_RSP];
		if (!chain)
			nt_note_frame(info, ui, n, off, frame, size, f);
		for (i = 0; i < n; i++) {
			const u8 *code = codes + 2 * i;
			/* codes of prolog steps not executed yet (only in a chain's parent: none) */
			bool done = code[PE_UC_PROLOG_OFFSET] <= off || chain;

			op = code[PE_UC_OP_INFO] & 15;
			opinfo = code[PE_UC_OP_INFO] >> 4;
			switch (op) {
			case PE_UWOP_PUSH_NONVOL:
				if (done) {
					if (!nt_stack_read(regs->r[NT_RSP], &regs->r[opinfo]))
						return false;
					regs->r[NT_RSP] += 8;
				}
				break;
			case PE_UWOP_ALLOC_LARGE:
				if (i + 1 + opinfo >= n)
					return false;
				v = opinfo ? pe_le32(code + 2) : pe_le16(code + 2) * 8u;
				if (done)
					regs->r[NT_RSP] += v;
				i += 1 + opinfo;
				break;
			case PE_UWOP_ALLOC_SMALL:
				if (done)
					regs->r[NT_RSP] += opinfo * 8 + 8;
				break;
			case PE_UWOP_SET_FPREG:
				if (done)
					regs->r[NT_RSP] = frame;
				break;
			case PE_UWOP_SAVE_NONVOL:
			case PE_UWOP_SAVE_NONVOL_FAR:
				if (i + 1 + (op == PE_UWOP_SAVE_NONVOL_FAR) >= n)
					return false;
				v = op == PE_UWOP_SAVE_NONVOL ? pe_le16(code + 2) * 8u :
				    pe_le32(code + 2);
				if (done && !nt_stack_read(frame + v, &regs->r[opinfo]))
					return false;
				i += op == PE_UWOP_SAVE_NONVOL ? 1 : 2;
				break;
			case PE_UWOP_EPILOG:
			case PE_UWOP_SAVE_XMM128:
				i += 1;
				break;
			case PE_UWOP_SPARE:
			case PE_UWOP_SAVE_XMM128_FAR:
				i += 2;
				break;
			default:	/* PE_UWOP_PUSH_MACHFRAME: an interrupt frame */
				return false;
			}
		}
		if (!(info[PE_UI_FLAGS] >> PE_UI_FLAGS_SHIFT & PE_UNW_FLAG_CHAININFO))
			break;
		/* the parent RUNTIME_FUNCTION follows the (even) code array */
		parent = codes + 2 * ((n + 1) & ~1u);
		begin = pe_le32(parent + PE_RF_BEGIN);
		ui = pe_le32(parent + PE_RF_UNWIND);
		if (begin >= size)
			return false;
		rva = begin;
	}
	if (chain == NT_UNWIND_CHAIN_MAX)
		return false;
	if (!nt_stack_read(regs->r[NT_RSP], &regs->rip))
		return false;
	regs->r[NT_RSP] += 8;
	return true;
}

bool nt_unwind_frame_info(const struct pe_image *img, struct nt_regs *regs,
			  struct nt_frame *f)
{
	const struct pe_runtime_function *rf;
	u64 base = (u64)pe_image_base(img);
	u32 rva;

	if (regs->rip < base || regs->rip - base >= pe_image_size(img))
		return false;
	rva = regs->rip - base;
	rf = nt_find_function(img, rva);
	f->begin_rva = rf ? rf->begin_rva : 0;
	f->establisher = regs->r[NT_RSP];
	f->flags = 0;
	if (rf)
		return nt_apply(img, rf, rva, regs, f);
	/* a leaf function: nothing saved, the return address on top */
	if (!nt_stack_read(regs->r[NT_RSP], &regs->rip))
		return false;
	regs->r[NT_RSP] += 8;
	return true;
}

bool nt_unwind_frame(const struct pe_image *img, struct nt_regs *regs)
{
	struct nt_frame f;

	return nt_unwind_frame_info(img, regs, &f);
}
