// SPDX-License-Identifier: GPL-2.0
/*
 * KeBugCheckEx on x86: the driver stops, as on x64 (nt_bugcheck.c), but
 * leaving it needs no unwind data.  call32.S recorded where the innermost
 * bridge call keeps its saved registers; when the driver holds nothing we
 * took for it, vp_call_abandon() returns from that bridge call with
 * VP_BUGCHECK_STATUS, dropping the driver's frames (they hold no Linux
 * state: exports never leave one open across a return into the driver).
 */
#include "pe-loader/pe_loader.h"
#include "videoport/vp.h"
#include "videoport/stop.h"
#include "videoport/export.h"

void __noreturn vp_bugcheck32(const char *why, const char *from_what, u32 code,
			      win_ulong_ptr p1, win_ulong_ptr p2, win_ulong_ptr p3,
			      win_ulong_ptr p4, const void *from)
{
	struct vp_ctx *c = vp_ctx_this();
	struct vp_driver *drv = c->depth ? c->drv : NULL;
	const char *name = drv ? drv->name : "?";
	char where[80] = "an unknown address";

	if (drv) {
		vp_stop_calls(drv, why);
		pe_symbolize(drv->img, from, where, sizeof(where));
	}
	pr_err("vpwrap: %s: KeBugCheckEx(0x%08x, 0x%lx, 0x%lx, 0x%lx, 0x%lx) %s %s: the driver is stopped\n",
	       name, code, p1, p2, p3, p4, from_what, where);
	if (drv && c->frame && vp_may_abandon(c, !irqs_disabled())) {
		vp_unbind_later(c->adapter);
		pr_err("vpwrap: %s: the call into the driver failed%s\n", name,
		       c->adapter ? "; unbinding its device" : "");
		vp_call_abandon(c->frame);
	}
	vp_bugcheck_stuck(name, code, "a lock held");
}

VP_EXPORT(NTOSKRNL, void, KeBugCheckEx, u32 code, win_ulong_ptr p1,
	  win_ulong_ptr p2, win_ulong_ptr p3, win_ulong_ptr p4)
{
	vp_bugcheck32("called KeBugCheckEx", "called from", code, p1, p2, p3, p4,
		      vp_export_caller());
}
