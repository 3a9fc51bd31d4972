// SPDX-License-Identifier: GPL-2.0
/*
 * IRQL emulation.  Windows code asks "what IRQL am I at" and changes it
 * through spin locks and SynchronizeExecution.  The answer is derived from
 * the real Linux context, never lower than it:
 *
 *	hardirq (HwVidInterrupt)			DIRQL
 *	softirq (timer, DPC)				DISPATCH_LEVEL
 *	interrupts off, preemption or BHs disabled	DISPATCH_LEVEL
 *	otherwise					PASSIVE_LEVEL
 *
 * A miniport call starts at that level (the bridge computes it at entry).
 * While it runs, the exports that change the real context also change the
 * emulated level kept per CPU and per context level (bridge.h: vp_irql()):
 * a spin lock held means interrupts off and DISPATCH_LEVEL,
 * SynchronizeExecution at VpHighPriority means the interrupt lock held and
 * DIRQL, at VpMediumPriority bottom halves off and DISPATCH_LEVEL.  So the
 * emulated level and the real context agree by construction, and reading
 * the level costs two per-CPU loads (the spin lock benchmark depends on it).
 * The FPU bracket itself disables preemption; the preempt count it leaves
 * is recorded at entry and does not count as "raised".
 */
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include "videoport/vp.h"
#include "videoport/export.h"

DEFINE_PER_CPU(struct vp_ctx, vp_ctx_level[3]);
DEFINE_PER_CPU(struct vp_ctx *, vp_cur);

/* What the Linux context alone implies, given the bracket's own preempt count. */
static u8 vp_irql_real(unsigned int level, const struct vp_ctx *c)
{
	unsigned int pc;

	if (level == 2)
		return VP_DIRQL;
	if (level == 1 || irqs_disabled())
		return DISPATCH_LEVEL;
	pc = vp_pc();
	if (pc > (c->depth ? c->pc : 0))
		return DISPATCH_LEVEL;
	return PASSIVE_LEVEL;
}

/* Outside a miniport call: the real context alone. */
u8 vp_irql_slow(void)
{
	unsigned int level = vp_level();

	return vp_irql_real(level, raw_cpu_ptr(&vp_ctx_level[level]));
}

/* The level a fresh bridge call at this context starts at. */
u8 vp_irql_entry(struct vp_ctx *c)
{
	return vp_irql_real(vp_level(), c);
}

VP_EXPORT(VIDEOPRT, u8, VideoPortGetCurrentIrql, void)
{
	return vp_irql();
}
