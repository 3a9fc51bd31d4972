/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bridge: the one way into miniport code, the IRQL the miniport sees,
 * and sleeping in the middle of a miniport call.  bridge.c's opening
 * comment tells the story of a call, in and out.
 *
 * Levels: task context (PASSIVE_LEVEL unless the caller is atomic),
 * softirq (DISPATCH_LEVEL: timers, DPCs) and hardirq (DIRQL: HwVidInterrupt).
 */
#ifndef VPWRAP_VIDEOPORT_BRIDGE_H
#define VPWRAP_VIDEOPORT_BRIDGE_H

#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/sched.h>		/* softirq_count() on PREEMPT_RT */
#include <linux/types.h>
#include "videoport/kpcr.h"

struct vp_driver;
struct vp_adapter;

/*
 * What a bridge call returns when it did not run the driver to the end
 * (KeBugCheckEx): non-zero with a zero low byte, a failure as NTSTATUS,
 * VP_STATUS and BOOLEAN.
 */
#define VP_BUGCHECK_STATUS	0xC0000400u

/*
 * Calls @fn(a1..a6) with the Windows convention of this architecture
 * (x64, or __stdcall with @nargs arguments on x86); returns RAX/EAX.
 */
u64 vp_call(struct vp_driver *drv, struct vp_adapter *a, const void *fn,
	    unsigned int nargs, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6);

/* Bridge calls entered since vpwrap was loaded, on all CPUs. */
u64 vp_bridge_call_count(void);

/* VP_CALL(drv, adapter, fn, args...): up to six arguments, counted */
#define VP_CALL(drv, a, fn, ...)					\
	__VP_CALLN(drv, a, fn, __VP_NARGS(__VA_ARGS__), ##__VA_ARGS__,	\
		   0, 0, 0, 0, 0, 0)
#define __VP_CALLN(drv, a, fn, n, a1, a2, a3, a4, a5, a6, ...)		\
	vp_call(drv, a, fn, n, __vp_arg(a1), __vp_arg(a2), __vp_arg(a3),	\
		__vp_arg(a4), __vp_arg(a5), __vp_arg(a6))
/* an argument of pointer or integer type, pointer-sized on x86 */
#define __vp_arg(x)	((u64)(unsigned long)(x))
#define __VP_NARGS(...)	__VP_NARGS_(0, ##__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define __VP_NARGS_(z, a1, a2, a3, a4, a5, a6, n, ...)	n

/*
 * One bridge call's frame in call32.S (x86): how many bytes of arguments
 * the callee popped (a __stdcall callee pops all of them), where
 * vp_call_abandon() resumes, and whether the exception dispatcher runs
 * the driver's code (seh_x86.c: a fault there is not offered again).
 */
struct vp_frame {
	u32 popped;
	unsigned long esp;
	bool seh_busy;		/* the driver's filter or __finally block runs */
};

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
	struct vp_frame *frame;		/* x86: the innermost bridge call's */
};

DECLARE_PER_CPU(struct vp_ctx, vp_ctx_level[3]);

/* The context level (0 task, 1 softirq, 2 hardirq) of this CPU's context @c */
static inline unsigned int vp_ctx_level_of(const struct vp_ctx *c)
{
	return c - this_cpu_ptr(&vp_ctx_level[0]);
}

/*
 * The context level: 2 hardirq/NMI, 1 serving a softirq, 0 task.  Through
 * the kernel's helpers, not preempt_count()'s bits: PREEMPT_RT runs
 * softirqs in tasks and keeps their count per task (softirq_count()).
 */
static __always_inline unsigned int vp_level(void)
{
	if (in_nmi() || in_hardirq())
		return 2;
	return in_serving_softirq() ? 1 : 0;
}

/* Preemption and bottom-half disable counts, as vp_level() reads them. */
static __always_inline unsigned int vp_pc(void)
{
	return (preempt_count() & PREEMPT_MASK) | softirq_count();
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

u8 vp_irql_slow(void);

/* call64.S (x64: @f unused), call32.S (x86) */
u64 vp_call_ms(const void *fn, const u64 *args, struct vp_frame *f);
/* call32.S: leave the bridge call of @f, returning VP_BUGCHECK_STATUS */
void __noreturn vp_call_abandon(const struct vp_frame *f);

/*
 * IRQL.  vp_irql() is the IRQL the miniport sees now: the
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
	struct vp_tib tib;		/* x86: the call's exception chain */
	bool active;
};
bool vp_sleep_begin(struct vp_sleep *s);
void vp_sleep_end(struct vp_sleep *s);

#endif /* VPWRAP_VIDEOPORT_BRIDGE_H */
