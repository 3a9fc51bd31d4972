/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The channel between vpwrap.ko and its video BIOS helper (vpwrap-int10,
 * tools/int10/).  docs/int10.md explains the split; this header is the
 * whole contract and is compiled into both sides.
 *
 * The module starts the helper with argv[1] = the channel's device node.
 * The helper opens it (only the process the module started may), maps the
 * 1 MiB real-mode address space the module assembled (mmap offset 0,
 * VPINT10_MEM_SIZE bytes, shared) and then loops on VPINT10_IOC_NEXT:
 * hand back the result of the previous call, receive the next one.  While
 * it emulates a call, every port access and every memory access outside
 * the mapped low memory (the VGA window 0xa0000-0xbffff, anything above
 * 1 MiB) is one VPINT10_IOC_ACCESS, which the module performs only if the
 * adapter owns the port or address.
 */
#ifndef VPWRAP_INT10_ABI_H
#define VPWRAP_INT10_ABI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define VPINT10_DEVICE		"vpwrap-int10"
#define VPINT10_MEM_SIZE	0x100000u

/* Low memory layout the module assembles (linear addresses). */
#define VPINT10_VGA_START	0xa0000u	/* device window, never in the mapping */
#define VPINT10_VGA_END		0xc0000u
#define VPINT10_RET_ADDR	0x600u		/* HLT: where a call returns to */
#define VPINT10_STACK_SEG	0x1000u		/* SS; SP starts at 0xfffe */

/* Registers in and out of a call (real mode: 16-bit segments). */
struct vpint10_regs {
	__u32 eax, ebx, ecx, edx, esi, edi, ebp, eflags;
	__u16 ds, es;
	__u16 cs, ip;			/* out: where execution stopped */
};

/* Kernel to helper: run the real-mode handler of interrupt @vector. */
struct vpint10_call {
	__u32 seq;			/* nonzero, new for each call */
	__u32 vector;
	__u64 max_instr;		/* instruction budget of this call */
	struct vpint10_regs regs;
};

enum vpint10_status {
	VPINT10_OK,			/* returned to VPINT10_RET_ADDR */
	VPINT10_LIMIT,			/* instruction budget used up */
	VPINT10_FAULT,			/* CPU exception (invalid opcode, ...) */
	VPINT10_HALT,			/* HLT somewhere else */
	VPINT10_EMU,			/* the emulator failed */
};

/* Helper to kernel: how the call with @seq ended. */
struct vpint10_result {
	__u32 seq;			/* 0: no result (the helper's first NEXT) */
	__u32 status;			/* enum vpint10_status */
	__u64 instr;			/* instructions executed */
	__u32 fault;			/* exception number for VPINT10_FAULT */
	__u32 pad;
	struct vpint10_regs regs;
};

struct vpint10_next {
	struct vpint10_result result;	/* in */
	struct vpint10_call call;	/* out */
};

enum vpint10_kind {
	VPINT10_PORT_IN,
	VPINT10_PORT_OUT,
	VPINT10_MEM_READ,
	VPINT10_MEM_WRITE,
};

/* One forwarded access: size 1, 2 or 4; @val in for writes, out for reads. */
struct vpint10_access {
	__u32 kind;			/* enum vpint10_kind */
	__u32 addr;			/* port or physical address */
	__u32 size;
	__u32 val;
};

/*
 * NEXT blocks until the module has a call (or returns -ESHUTDOWN: exit).
 * ACCESS fails with -EPERM for a port or address the adapter does not own
 * (the module logs it); reads then see all ones, writes are dropped.
 */
#define VPINT10_IOC_NEXT	_IOWR('V', 0x10, struct vpint10_next)
#define VPINT10_IOC_ACCESS	_IOWR('V', 0x11, struct vpint10_access)

#endif /* VPWRAP_INT10_ABI_H */
