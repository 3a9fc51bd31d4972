// SPDX-License-Identifier: GPL-2.0
/*
 * vpwrap-int10: runs the video BIOS calls of vpwrap.ko in libx86emu.
 *
 * The module starts this program on demand (never a user) with only
 * CAP_SETUID and CAP_SETGID and no way to gain privileges, and hands it
 * the channel device as argv[1].  It first becomes user and group nobody
 * with no capabilities at all; the module lets nothing else open the
 * channel.  Everything it may touch comes through that channel
 * (include/vpwrap/int10_abi.h): the 1 MiB real-mode address space the
 * module assembled, mapped shared, and one ioctl per port access or
 * device memory access, which the module checks against what the adapter
 * owns.  The program itself has no way to reach hardware.
 *
 * Each call: the registers the module sent, a return frame on the stack
 * pointing at the HLT the module placed at VPINT10_RET_ADDR, CS:IP from
 * the interrupt vector table; run until that HLT, a fault or the
 * instruction budget, and hand the registers back.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <x86emu.h>
#include "include/vpwrap/int10_abi.h"

#define NOBODY 65534

static int chan = -1;
static unsigned char *lowmem;
static struct {
	int faulted;
	unsigned int fault;
} run_state;

static int local(uint32_t addr, unsigned int bytes)
{
	return addr + bytes <= VPINT10_MEM_SIZE &&
	       (addr + bytes <= VPINT10_VGA_START || addr >= VPINT10_VGA_END);
}

static uint32_t forward(unsigned int kind, uint32_t addr, unsigned int bytes, uint32_t val)
{
	struct vpint10_access acc = {
		.kind = kind, .addr = addr, .size = bytes, .val = val,
	};

	if (ioctl(chan, VPINT10_IOC_ACCESS, &acc))
		return bytes == 4 ? 0xffffffffu : (1u << (8 * bytes)) - 1;
	return acc.val;
}

/* Every memory and port access of the emulated CPU comes here. */
static unsigned int memio(x86emu_t *emu, u32 addr, u32 *val, unsigned int type)
{
	unsigned int size = type & 0xff, op = type & ~0xffu, bytes, i;
	uint32_t v = 0;

	(void)emu;
	bytes = size == X86EMU_MEMIO_16 ? 2 : size == X86EMU_MEMIO_32 ? 4 : 1;
	switch (op) {
	case X86EMU_MEMIO_I:
		*val = forward(VPINT10_PORT_IN, addr & 0xffff, bytes, 0);
		return 0;
	case X86EMU_MEMIO_O:
		forward(VPINT10_PORT_OUT, addr & 0xffff, bytes, *val);
		return 0;
	case X86EMU_MEMIO_R:
	case X86EMU_MEMIO_X:
		if (!local(addr, bytes)) {
			*val = forward(VPINT10_MEM_READ, addr, bytes, 0);
			return 0;
		}
		for (i = 0; i < bytes; i++)
			v |= (uint32_t)lowmem[addr + i] << (8 * i);
		*val = v;
		return 0;
	case X86EMU_MEMIO_W:
		if (!local(addr, bytes)) {
			forward(VPINT10_MEM_WRITE, addr, bytes, *val);
			return 0;
		}
		for (i = 0; i < bytes; i++)
			lowmem[addr + i] = *val >> (8 * i);
		return 0;
	}
	return 1;
}

/* Software interrupts go through the IVT; a CPU exception ends the call. */
static int intr(x86emu_t *emu, u8 num, unsigned int type)
{
	if (!(type & INTR_TYPE_FAULT))
		return 0;
	run_state.faulted = 1;
	run_state.fault = num;
	x86emu_stop(emu);
	return 1;
}

static void push16(x86emu_t *emu, unsigned int v)
{
	emu->x86.R_SP -= 2;
	x86emu_write_word(emu, emu->x86.R_SS_BASE + emu->x86.R_SP, v);
}

static void run(x86emu_t *emu, const struct vpint10_call *c, struct vpint10_result *r)
{
	unsigned int vec = c->vector & 0xff;
	unsigned int ip = lowmem[vec * 4] | lowmem[vec * 4 + 1] << 8;
	unsigned int cs = lowmem[vec * 4 + 2] | lowmem[vec * 4 + 3] << 8;
	u64 start;

	x86emu_reset(emu);
	emu->x86.R_EAX = c->regs.eax;
	emu->x86.R_EBX = c->regs.ebx;
	emu->x86.R_ECX = c->regs.ecx;
	emu->x86.R_EDX = c->regs.edx;
	emu->x86.R_ESI = c->regs.esi;
	emu->x86.R_EDI = c->regs.edi;
	emu->x86.R_EBP = c->regs.ebp;
	x86emu_set_seg_register(emu, emu->x86.R_DS_SEL, c->regs.ds);
	x86emu_set_seg_register(emu, emu->x86.R_ES_SEL, c->regs.es);
	x86emu_set_seg_register(emu, emu->x86.R_FS_SEL, 0);
	x86emu_set_seg_register(emu, emu->x86.R_GS_SEL, 0);
	x86emu_set_seg_register(emu, emu->x86.R_SS_SEL, VPINT10_STACK_SEG);
	emu->x86.R_ESP = 0xfffe;
	emu->x86.R_EFLG = 0x202;	/* IF, reserved bit 1 */
	/* the frame INT would push: FLAGS, CS:IP of the HLT */
	push16(emu, emu->x86.R_FLG);
	push16(emu, VPINT10_RET_ADDR >> 4);
	push16(emu, VPINT10_RET_ADDR & 0xf);
	x86emu_set_seg_register(emu, emu->x86.R_CS_SEL, cs);
	emu->x86.R_EIP = ip;

	memset(&run_state, 0, sizeof(run_state));
	start = emu->x86.R_TSC;
	emu->max_instr = start + c->max_instr;
	x86emu_run(emu, X86EMU_RUN_MAX_INSTR);

	r->instr = emu->x86.R_TSC - start;
	r->regs.eax = emu->x86.R_EAX;
	r->regs.ebx = emu->x86.R_EBX;
	r->regs.ecx = emu->x86.R_ECX;
	r->regs.edx = emu->x86.R_EDX;
	r->regs.esi = emu->x86.R_ESI;
	r->regs.edi = emu->x86.R_EDI;
	r->regs.ebp = emu->x86.R_EBP;
	r->regs.eflags = emu->x86.R_EFLG;
	r->regs.ds = emu->x86.R_DS;
	r->regs.es = emu->x86.R_ES;
	r->regs.cs = emu->x86.R_CS;
	r->regs.ip = emu->x86.R_IP;
	if (run_state.faulted) {
		r->status = VPINT10_FAULT;
		r->fault = run_state.fault;
	} else if (emu->x86.mode & _MODE_HALTED) {
		/* HLT leaves IP after itself */
		unsigned int at = (emu->x86.R_CS_BASE + emu->x86.R_IP - 1) & 0xfffff;

		r->status = at == VPINT10_RET_ADDR ? VPINT10_OK : VPINT10_HALT;
	} else if (r->instr >= c->max_instr) {
		r->status = VPINT10_LIMIT;
	} else {
		r->status = VPINT10_EMU;
	}
}

int main(int argc, char **argv)
{
	struct vpint10_next n;
	x86emu_t *emu;

	if (argc != 2) {
		fprintf(stderr, "usage: %s CHANNEL (started by vpwrap.ko)\n", argv[0]);
		return 2;
	}
	if (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY)) {
		perror("vpwrap-int10: dropping privileges");
		return 1;
	}
	/*
	 * Other processes of user nobody must not ptrace us: the channel gives
	 * port access.  The uid change makes us non-dumpable only while
	 * fs.suid_dumpable is 0, so say it ourselves.
	 */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)) {
		perror("vpwrap-int10: PR_SET_DUMPABLE");
		return 1;
	}
	chan = open(argv[1], O_RDWR | O_CLOEXEC);
	if (chan < 0) {
		perror(argv[1]);
		return 1;
	}
	lowmem = mmap(NULL, VPINT10_MEM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, chan, 0);
	if (lowmem == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	/* no memory or ports of its own: memio() sees every access */
	emu = x86emu_new(0, 0);
	if (!emu)
		return 1;
	x86emu_set_memio_handler(emu, memio);
	x86emu_set_intr_handler(emu, intr);

	memset(&n, 0, sizeof(n));
	for (;;) {
		if (ioctl(chan, VPINT10_IOC_NEXT, &n)) {
			if (errno == EINTR)
				continue;
			break;		/* ESHUTDOWN: the module is done with us */
		}
		memset(&n.result, 0, sizeof(n.result));
		n.result.seq = n.call.seq;
		run(emu, &n.call, &n.result);
	}
	x86emu_done(emu);
	return 0;
}
