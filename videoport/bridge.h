/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bridge: the one way into miniport code (docs/videoport.md, "Bridge").
 *
 * vp_call() enters "Windows context" on this CPU: it opens the FPU/SSE
 * bracket, records which driver runs and at which emulated IRQL, calls the
 * ms_abi function through call64.S (which gives it the 16-byte aligned
 * stack and the 32-byte home area the Windows x64 ABI requires), and closes
 * the bracket.  A call made from inside a miniport call (a callback such as
 * a DPC routine run by SynchronizeExecution) nests without a new bracket.
 *
 * Levels: task context (PASSIVE_LEVEL unless the caller is atomic),
 * softirq (DISPATCH_LEVEL: timers, DPCs) and hardirq (DIRQL: HwVidInterrupt).
 */
#ifndef VPWRAP_VIDEOPORT_BRIDGE_H
#define VPWRAP_VIDEOPORT_BRIDGE_H

#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/types.h>

struct vp_driver;
struct vp_adapter;

/* Calls @fn(a1..a6) with the Windows x64 convention; returns RAX. */
/*
 * What a bridge call returns when it did not run the driver to the end
 * (KeBugCheckEx): non-zero with a zero low byte, a failure as NTSTATUS,
 * VP_STATUS and BOOLEAN.
 */
#define VP_BUGCHECK_STATUS	0xC0000400u

u64 vp_call(struct vp_driver *drv, struct vp_adapter *a, const void *fn,
	    u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6);

/* Bridge calls entered since vpwrap was loaded, on all CPUs. */
u64 vp_bridge_call_count(void);

#define VP_CALL(drv, a, fn, ...)	__VP_CALLN(drv, a, fn, ##__VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define __VP_CALLN(drv, a, fn, a1, a2, a3, a4, a5, a6, ...)		\
	vp_call(drv, a, fn, (u64)(a1), (u64)(a2), (u64)(a3), (u64)(a4),	\
		(u64)(a5), (u64)(a6))

/*
 * Per-CPU state of the innermost miniport call at one context level
 * (0 task, 1 softirq, 2 hardirq).  Valid while preemption is off, which the
 * bracket guarantees.
 */
struct vp_ctx {
	u8 irql;			/* emulated IRQL */
	bool kfpu;			/* bracket is kernel_fpu_begin() (else FXSAVE) */
	unsigned int depth;		/* bridge calls open at this level */
	unsigned int pc;		/* preempt_count() that still means "as entered" */
	struct vp_driver *drv;
	struct vp_adapter *adapter;
};

DECLARE_PER_CPU(struct vp_ctx, vp_ctx_level[3]);

static __always_inline unsigned int vp_level(void)
{
	unsigned long pc = preempt_count();

	if (pc & (HARDIRQ_MASK | NMI_MASK))
		return 2;
	return (pc & SOFTIRQ_OFFSET) ? 1 : 0;
}

static __always_inline struct vp_ctx *vp_ctx_this(void)
{
	return raw_cpu_ptr(&vp_ctx_level[vp_level()]);
}

/*
 * The innermost miniport call open on this CPU, whatever its level (NULL if
 * none).  Exports are only ever called by miniport code, so inside an export
 * this is the context of the call that is running it: one per-CPU load.
 */
DECLARE_PER_CPU(struct vp_ctx *, vp_cur);

static __always_inline struct vp_ctx *vp_ctx_cur(void)
{
	return this_cpu_read(vp_cur);
}

u8 vp_irql_entry(struct vp_ctx *c);
u8 vp_irql_slow(void);

/* call64.S */
u64 vp_call_ms(const void *fn, const u64 *args);

/*
 * IRQL (irql.c).  vp_irql() is the IRQL the miniport sees now: the
 * emulated level of this CPU's innermost miniport call, never below what
 * the real Linux context implies.  vp_irql_set() changes the emulated level
 * (spin locks, SynchronizeExecution); only valid inside a bridge call.
 */
static __always_inline u8 vp_irql(void)
{
	const struct vp_ctx *c = vp_ctx_cur();

	/*
	 * Inside a miniport call the emulated level is exact: it starts from
	 * the real context at entry and every export that changes the real
	 * context (spin locks, SynchronizeExecution) updates it.
	 */
	if (likely(c))
		return c->irql;
	return vp_irql_slow();
}

static __always_inline void vp_irql_set(u8 irql)
{
	struct vp_ctx *c = vp_ctx_cur();

	if (likely(c))
		c->irql = irql;
}

/*
 * Exports that may sleep (pool with GFP_KERNEL, ioremap, waits, the
 * registry mutex) bracket the sleeping part with vp_sleep_begin/end.
 * vp_sleep_begin() returns false if sleeping is not allowed here (IRQL
 * above PASSIVE_LEVEL, or an atomic Linux context): the caller must then
 * use its non-sleeping form or fail as documented.  When it returns true,
 * the FPU bracket is closed, the miniport's FPU/SSE registers (including
 * its callee-saved xmm6-15 and MXCSR) are saved in @s, and the CPU's
 * Windows context is parked; vp_sleep_end() reopens all of it, possibly on
 * another CPU.
 */
struct vp_sleep {
	u8 fx[512 + 16];		/* FXSAVE area, 16-byte aligned inside */
	struct vp_ctx ctx;		/* the parked context */
	bool active;
};
bool vp_sleep_begin(struct vp_sleep *s);
void vp_sleep_end(struct vp_sleep *s);

#endif /* VPWRAP_VIDEOPORT_BRIDGE_H */
