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
#include "pe-loader/pe_loader.h"
#include "videoport/nt_unwind.h"

enum {
	UWOP_PUSH_NONVOL = 0,
	UWOP_ALLOC_LARGE = 1,
	UWOP_ALLOC_SMALL = 2,
	UWOP_SET_FPREG = 3,
	UWOP_SAVE_NONVOL = 4,
	UWOP_SAVE_NONVOL_FAR = 5,
	UWOP_EPILOG = 6,	/* version 2 */
	UWOP_SPARE = 7,
	UWOP_SAVE_XMM128 = 8,
	UWOP_SAVE_XMM128_FAR = 9,
	UWOP_PUSH_MACHFRAME = 10,
};
#define UNW_FLAG_CHAININFO 0x4
#define NT_UNWIND_CHAIN_MAX 32

/* unwind codes are 16-bit slots in the image: little-endian, 2-byte aligned */
static u32 nt_slot16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 nt_slot32(const u8 *p)
{
	return nt_slot16(p) | nt_slot16(p + 2) << 16;
}

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

/* Applies one UNWIND_INFO (and the chain it ends in) to @regs. */
static bool nt_apply(const struct pe_image *img, const struct pe_runtime_function *rf,
		     u32 rva, struct nt_regs *regs)
{
	const u8 *base = pe_image_base(img);
	size_t size = pe_image_size(img);
	unsigned int chain;

	for (chain = 0; chain < NT_UNWIND_CHAIN_MAX; chain++) {
		u32 ui = rf->unwind_rva, off = rva - rf->begin_rva;
		const u8 *info, *codes;
		unsigned int i, n, op, opinfo, freg;
		u64 frame, v;

		if (ui > size - 4)
			return false;
		info = base + ui;
		n = info[2];
		if (ui + 4 + 2 * (size_t)((n + 1) & ~1u) + 12 > size)
			return false;
		codes = info + 4;
		freg = info[3] & 15;
		frame = freg ? regs->r[freg] - (info[3] >> 4) * 16 : regs->r[NT_RSP];
		for (i = 0; i < n; i++) {
			/* codes of prolog steps not executed yet (only in a chain's parent: none) */
			bool done = codes[2 * i] <= off || chain;

			op = codes[2 * i + 1] & 15;
			opinfo = codes[2 * i + 1] >> 4;
			switch (op) {
			case UWOP_PUSH_NONVOL:
				if (done) {
					if (!nt_stack_read(regs->r[NT_RSP], &regs->r[opinfo]))
						return false;
					regs->r[NT_RSP] += 8;
				}
				break;
			case UWOP_ALLOC_LARGE:
				if (i + 1 + opinfo >= n)
					return false;
				v = opinfo ? nt_slot32(&codes[2 * i + 2]) :
				    nt_slot16(&codes[2 * i + 2]) * 8u;
				if (done)
					regs->r[NT_RSP] += v;
				i += 1 + opinfo;
				break;
			case UWOP_ALLOC_SMALL:
				if (done)
					regs->r[NT_RSP] += opinfo * 8 + 8;
				break;
			case UWOP_SET_FPREG:
				if (done)
					regs->r[NT_RSP] = frame;
				break;
			case UWOP_SAVE_NONVOL:
			case UWOP_SAVE_NONVOL_FAR:
				if (i + 1 + (op == UWOP_SAVE_NONVOL_FAR) >= n)
					return false;
				v = op == UWOP_SAVE_NONVOL ? nt_slot16(&codes[2 * i + 2]) * 8u :
				    nt_slot32(&codes[2 * i + 2]);
				if (done && !nt_stack_read(frame + v, &regs->r[opinfo]))
					return false;
				i += op == UWOP_SAVE_NONVOL ? 1 : 2;
				break;
			case UWOP_EPILOG:
			case UWOP_SAVE_XMM128:
				i += 1;
				break;
			case UWOP_SPARE:
			case UWOP_SAVE_XMM128_FAR:
				i += 2;
				break;
			default:	/* UWOP_PUSH_MACHFRAME: an interrupt frame */
				return false;
			}
		}
		if (!(info[0] >> 3 & UNW_FLAG_CHAININFO))
			break;
		/* the parent RUNTIME_FUNCTION follows the (even) code array */
		rf = (const void *)(codes + 2 * ((n + 1) & ~1u));
		if (rf->begin_rva >= size)
			return false;
		rva = rf->begin_rva;
	}
	if (chain == NT_UNWIND_CHAIN_MAX)
		return false;
	if (!nt_stack_read(regs->r[NT_RSP], &regs->rip))
		return false;
	regs->r[NT_RSP] += 8;
	return true;
}

bool nt_unwind_frame(const struct pe_image *img, struct nt_regs *regs)
{
	const struct pe_runtime_function *rf;
	u64 base = (u64)pe_image_base(img);
	u32 rva;

	if (regs->rip < base || regs->rip - base >= pe_image_size(img))
		return false;
	rva = regs->rip - base;
	rf = nt_find_function(img, rva);
	if (rf)
		return nt_apply(img, rf, rva, regs);
	/* a leaf function: nothing saved, the return address on top */
	if (!nt_stack_read(regs->r[NT_RSP], &regs->rip))
		return false;
	regs->r[NT_RSP] += 8;
	return true;
}
