// SPDX-License-Identifier: GPL-2.0
/*
 * The verifier (module parameter verify=1, docs/videoport.md "Verifier"):
 * checks a miniport's calls against the documented rules and reports each
 * violation once per driver and rule, as
 *
 *	vpwrap: verifier: <driver>: <export>: <what> (caller <driver>+0x<rva>)
 *
 * with pr_warn (never WARN_ON: the call is the miniport's bug, not ours).
 * The exports do the checking (VP_VERIFY_IRQL, spinlock.c, the leak counts
 * at unload); this file formats and de-duplicates the reports.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include "pe-loader/pe_loader.h"
#include "videoport/vp.h"

DEFINE_STATIC_KEY_FALSE(vp_verify_key);

void vp_verify_enable(void)
{
	static_branch_enable(&vp_verify_key);
}

void vp_verify_report(struct vp_driver *drv, enum vp_vrule rule, const char *export,
		      const void *caller, const char *fmt, ...)
{
	char where[80] = "an address outside the driver";
	struct va_format vaf;
	va_list args;

	if (!drv || test_and_set_bit(rule, drv->vonce))
		return;
	if (caller)
		pe_symbolize(drv->img, caller, where, sizeof(where));
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (caller)
		pr_warn("vpwrap: verifier: %s: %s: %pV (caller %s)\n", drv->name, export,
			&vaf, where);
	else
		pr_warn("vpwrap: verifier: %s: %s: %pV\n", drv->name, export, &vaf);
	va_end(args);
}

void vp_verify_irql(enum vp_vrule rule, const char *export, u8 lo, u8 hi,
		    const void *caller)
{
	struct vp_driver *drv = vp_current_driver();
	u8 irql = vp_irql();

	if (!drv || (irql >= lo && irql <= hi))
		return;
	if (hi == PASSIVE_LEVEL)
		vp_verify_report(drv, rule, export, caller,
				 "sleeping export called above PASSIVE_LEVEL (IRQL %u)", irql);
	else if (lo == hi)
		vp_verify_report(drv, rule, export, caller,
				 "called at IRQL %u, must be called at IRQL %u", irql, lo);
	else
		vp_verify_report(drv, rule, export, caller,
				 "called at IRQL %u, above the documented maximum %u", irql, hi);
}
