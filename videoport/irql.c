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
 * and raised above that by the emulated level that the exports keep per CPU
 * and per context level while a miniport call runs (spin locks held: the
 * real context already says DISPATCH_LEVEL because interrupts are off;
 * SynchronizeExecution at VpHighPriority: DIRQL).  The FPU bracket itself
 * disables preemption; the preempt count it leaves is recorded at entry and
 * does not count as "raised".
 */
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include "videoport/vp.h"
#include "videoport/export.h"

static DEFINE_PER_CPU(struct vp_ctx, vp_ctx_level[3]);

static inline unsigned int vp_level(void)
{
	if (in_hardirq() || in_nmi())
		return 2;
	if (in_serving_softirq())
		return 1;
	return 0;
}

struct vp_ctx *vp_ctx_this(void)
{
	return raw_cpu_ptr(&vp_ctx_level[vp_level()]);
}

/* What the Linux context alone implies, given the bracket's own preempt count. */
static u8 vp_irql_real(unsigned int level, const struct vp_ctx *c)
{
	unsigned int pc;

	if (level == 2)
		return VP_DIRQL;
	if (level == 1 || irqs_disabled())
		return DISPATCH_LEVEL;
	pc = preempt_count() & (PREEMPT_MASK | SOFTIRQ_MASK);
	if (pc > (c->depth ? c->pc : 0))
		return DISPATCH_LEVEL;
	return PASSIVE_LEVEL;
}

u8 vp_irql(void)
{
	unsigned int level = vp_level();
	const struct vp_ctx *c = raw_cpu_ptr(&vp_ctx_level[level]);
	u8 real = vp_irql_real(level, c);

	return c->depth && c->irql > real ? c->irql : real;
}

void vp_irql_set(u8 irql)
{
	vp_ctx_this()->irql = irql;
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
