// SPDX-License-Identifier: GPL-2.0
/*
 * The bridge into miniport code, and the FPU/SSE decision.
 *
 * MSVC-built x64 code uses XMM registers freely.  A user task's FPU state is
 * live in the registers while the kernel runs on its behalf, so every
 * miniport call is bracketed:
 *
 *  - kernel_fpu_begin_mask(KFPU_MXCSR) when irq_fpu_usable(): the kernel
 *    saves the task's state (XSAVE: all of it) and reloads it on the way
 *    back to user space; MXCSR gets the Windows default 0x1f80;
 *  - otherwise (a softirq or hardirq that interrupted a kernel FPU section,
 *    e.g. our own miniport call on this CPU) FXSAVE into a buffer on our
 *    stack and FXRSTOR afterwards, with preemption off.  FXSAVE covers what
 *    SSE code can change: x87, MXCSR and xmm0-15.  Legacy SSE instructions
 *    leave the upper halves of the YMM registers alone.
 *
 * The bracket disables preemption, so an export that may sleep must not
 * sleep inside it.  Sleeping exports (vp_sleep_begin/end) close the bracket
 * around the sleeping part and reopen it afterwards.  They first FXSAVE the
 * miniport's registers: xmm6-15 and MXCSR are callee-saved under the
 * Windows ABI, our exports are compiled with -mno-sse and ms_abi (GCC then
 * saves none of xmm6-15), and while the task sleeps another kernel FPU user
 * or a context switch may change them.  At DISPATCH_LEVEL and above the
 * exports never sleep: pool comes from GFP_ATOMIC, waits fail as the DDK
 * documents.
 */
#include <linux/preempt.h>
#include <linux/string.h>
#include <asm/fpu/api.h>
#include "videoport/vp.h"

#define VP_MXCSR_DEFAULT 0x1f80u

static inline void *vp_fx_area(u8 *buf)
{
	return PTR_ALIGN(buf, 16);
}

static inline void vp_fxsave(void *area)
{
	asm volatile("fxsaveq (%0)" : : "r" (area) : "memory");
}

static inline void vp_fxrstor(const void *area)
{
	asm volatile("fxrstorq (%0)" : : "r" (area) : "memory");
}

static inline void vp_ldmxcsr(u32 v)
{
	asm volatile("ldmxcsr %0" : : "m" (v));
}

/* Calls entered (not refused), for tests that prove a path stays out. */
static DEFINE_PER_CPU(unsigned long, vp_bridge_calls);

u64 vp_bridge_call_count(void)
{
	u64 n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += per_cpu(vp_bridge_calls, cpu);
	return n;
}

static inline unsigned int vp_pc(void)
{
	return preempt_count() & (PREEMPT_MASK | SOFTIRQ_MASK);
}

u64 vp_call(struct vp_driver *drv, struct vp_adapter *a, const void *fn,
	    u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6)
{
	const u64 args[6] = { a1, a2, a3, a4, a5, a6 };
	u8 fxbuf[512 + 16];
	struct vp_ctx *c = vp_ctx_this();
	struct vp_ctx outer, *prev;
	struct vp_driver *target;
	bool kfpu;
	u64 ret;

	/*
	 * A driver that called KeBugCheckEx asked for the machine to stop,
	 * one that faulted is broken: its state is not to be trusted, so
	 * nothing (its ISR, timer, DPCs, the teardown's requests) runs its
	 * code again.  The failure reads as
	 * one as NTSTATUS, VP_STATUS and BOOLEAN alike.
	 */
	target = drv ?: (c->depth ? c->drv : NULL);
	if (unlikely(target && READ_ONCE(target->stopped))) {
		vp_warn_once(target, VP_ONCE_STOPPED,
			     "the driver %s: calls into it are refused\n",
			     target->stop_why);
		return VP_BUGCHECK_STATUS;
	}
	this_cpu_inc(vp_bridge_calls);

	if (c->depth) {
		/*
		 * Called back from inside a miniport call at this level (the
		 * bracket is open and preemption off, so this CPU's context
		 * is ours): keep the IRQL, switch driver/adapter.
		 */
		outer = *c;
		c->depth++;
		if (drv)
			c->drv = drv;
		if (a)
			c->adapter = a;
		ret = vp_call_ms(fn, args);
		c = vp_ctx_this();
		c->depth = outer.depth;
		c->drv = outer.drv;
		c->adapter = outer.adapter;
		c->irql = outer.irql;
		return ret;
	}

	kfpu = irq_fpu_usable();
	if (kfpu) {
		kernel_fpu_begin_mask(KFPU_MXCSR);
	} else {
		preempt_disable();
		vp_fxsave(vp_fx_area(fxbuf));
		vp_ldmxcsr(VP_MXCSR_DEFAULT);
	}
	c = vp_ctx_this();
	c->kfpu = kfpu;
	c->depth = 1;
	c->pc = vp_pc();
	c->drv = drv;
	c->adapter = a;
	c->irql = vp_irql_entry(c);
	/* LIFO: a softirq or hardirq call nests inside a task-level one */
	prev = this_cpu_read(vp_cur);
	this_cpu_write(vp_cur, c);

	ret = vp_call_ms(fn, args);

	this_cpu_write(vp_cur, prev);
	c = vp_ctx_this();
	c->depth = 0;
	c->drv = NULL;
	c->adapter = NULL;
	if (kfpu) {
		kernel_fpu_end();
	} else {
		vp_fxrstor(vp_fx_area(fxbuf));
		preempt_enable();
	}
	return ret;
}

struct vp_driver *vp_current_driver(void)
{
	struct vp_ctx *c = vp_ctx_cur();

	return c ? c->drv : NULL;
}

bool vp_sleep_begin(struct vp_sleep *s)
{
	struct vp_ctx *c = vp_ctx_this();

	s->active = false;
	if (in_interrupt() || irqs_disabled())
		return false;
	if (!c->depth)			/* not called from a miniport */
		return preemptible();
	if (!c->kfpu || vp_irql() != PASSIVE_LEVEL)
		return false;
	vp_fxsave(vp_fx_area(s->fx));
	s->ctx = *c;
	memset(c, 0, sizeof(*c));
	this_cpu_write(vp_cur, NULL);	/* task level: nothing below it */
	kernel_fpu_end();
	s->active = true;
	return true;
}

void vp_sleep_end(struct vp_sleep *s)
{
	struct vp_ctx *c;

	if (!s->active)
		return;
	kernel_fpu_begin_mask(KFPU_MXCSR);
	vp_fxrstor(vp_fx_area(s->fx));
	c = vp_ctx_this();
	*c = s->ctx;
	c->pc = vp_pc();
	this_cpu_write(vp_cur, c);
	s->active = false;
}
