/* SPDX-License-Identifier: GPL-2.0 */
/*
 * After KeBugCheckEx stopped a driver (nt_bugcheck.c on x64, bugcheck32.c
 * on x86): stop.c unbinds its device later and decides whether the bridge
 * call that led into the driver may be abandoned.  vp_bugcheck_stuck() is
 * inline so that objtool sees it never returns.
 */
#ifndef VPWRAP_VIDEOPORT_STOP_H
#define VPWRAP_VIDEOPORT_STOP_H

#include <linux/module.h>
#include <linux/sched.h>
#include "videoport/vp.h"

void vp_unbind_later(struct vp_adapter *a);
bool vp_may_abandon(const struct vp_ctx *c);

/*
 * Nothing safe remains: a thread that may sleep parks forever (the module
 * stays pinned, since its code is on that stack); an atomic context
 * panics, which is what the driver asked for.
 */
static __always_inline void __noreturn vp_bugcheck_stuck(const char *name, u64 code, const char *why)
{
	struct vp_sleep s;

	if (vp_sleep_begin(&s)) {
		pr_err("vpwrap: %s: cannot leave the driver (%s): parking this thread for good; vpwrap stays loaded\n",
		       name, why);
		__module_get(THIS_MODULE);
		vp_unbind_later(s.ctx.adapter);
		for (;;) {
			set_current_state(TASK_IDLE);
			schedule();
		}
	}
	panic("vpwrap: %s: KeBugCheckEx 0x%08llx at IRQL %u with no way back into the kernel\n",
	      name, code & 0xffffffff, vp_irql());
}

#endif /* VPWRAP_VIDEOPORT_STOP_H */
