/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault containment, between its shared part (contain.c: the die notifier,
 * whose fault it is, the report) and the architecture's (contain64.c:
 * unwind data and the x64 dispatcher; contain32.c: the fs:[0] chain and
 * the bridge frame call32.S recorded).
 */
#ifndef VPWRAP_VIDEOPORT_CONTAIN_H
#define VPWRAP_VIDEOPORT_CONTAIN_H

#include <linux/ptrace.h>
#include "videoport/nt_exception.h"
#include "videoport/vp.h"

/* A CPU exception in the code of @c's driver, as the die notifier found it. */
struct vp_fault {
	struct vp_ctx *c;
	unsigned int trapnr;
	unsigned long ip;	/* the faulting instruction (int3: the int3) */
	unsigned long ret;	/* a call to a wild address: its return address, else 0 */
	unsigned long err;
	unsigned long cr2;	/* page fault: the address */
	const char *what;	/* "page fault", ... */
	char where[160];	/* "driver.sys+0xRVA (address 0x...)" */
};

/*
 * The architecture's part: hands @f (regs the exception's frame) to the
 * image's exception handlers or leaves the driver for its innermost bridge
 * call; false if it cannot be contained (said why, the oops follows).
 */
bool vp_contain_arch(struct pt_regs *regs, const struct vp_fault *f);

/* Where Linux code lives: an instruction pointer there is no wild jump. */
bool vp_linux_code(unsigned long ip);

/* The report of a contained fault; stops the driver, unbinds its device later. */
void vp_contained(struct vp_ctx *c, const char *what, const char *where);

/* The page fault's oops was printed before the notifier ran: say whose it is. */
void vp_contained_oops(const struct vp_fault *f);

#endif /* VPWRAP_VIDEOPORT_CONTAIN_H */
