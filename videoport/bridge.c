// SPDX-License-Identifier: GPL-2.0
/*
 * The bridge: how a call goes into miniport code and comes back.  This
 * comment tells the whole story; the code below follows it in order.
 *
 * 1. In.  Every call into the miniport (DriverEntry, HwFindAdapter,
 *    HwInitialize, HwStartIO, HwInterrupt, HwTimer, DPC and
 *    SynchronizeExecution routines, registry callbacks, child enumeration,
 *    power callbacks) is VP_CALL(drv, adapter, fn, args...), i.e.
 *    vp_call().  A driver that called KeBugCheckEx or faulted is refused
 *    here (5.).
 *
 * 2. Entering Windows context.  Each CPU keeps one struct vp_ctx per Linux
 *    context level (bridge.h: 0 task, 1 softirq, 2 hardirq): an interrupt
 *    can enter the miniport while a task-level call on the same CPU is
 *    inside it.  A call that finds its level's context idle (depth 0):
 *
 *    - opens the FPU/SSE bracket.  MSVC-built x64 code uses XMM registers
 *      freely, and a user task's FPU state is live in the registers while
 *      the kernel runs on its behalf.  kernel_fpu_begin_mask(KFPU_MXCSR)
 *      saves it (XSAVE: all of it; the kernel reloads it on the way back
 *      to user space) and gives MXCSR the Windows default.  Where that is
 *      not allowed (a softirq or hardirq that interrupted a kernel FPU
 *      section, e.g. our own task-level call) the bracket is FXSAVE into a
 *      buffer on our stack, with preemption off: FXSAVE covers what SSE
 *      code can change (x87, MXCSR, xmm0-15; legacy SSE leaves the upper
 *      halves of YMM alone).  Either way preemption stays off until 4., so
 *      this CPU's context cannot change under the miniport (since 6.15
 *      kernel_fpu_begin() disables bottom halves as well);
 *    - records driver, adapter, depth 1, and the preemption and
 *      bottom-half disable counts the bracket itself left (ctx->pc, from
 *      vp_pc(): the bracket's own disables do not count as a raised IRQL);
 *    - computes the IRQL the call starts at from the real Linux context,
 *      never lower than it (the table below);
 *    - makes the context this CPU's innermost (vp_cur, read by every
 *      export; the one it replaces, at a lower level, comes back in 4.);
 *    - on x86, starts a fresh exception chain in this CPU's Windows
 *      processor control region, keeping the one it found (kpcr.h); the
 *      bridge's assembly (call32.S) gives the miniport that region as FS;
 *    - on x86_64 CPUs that enforce kernel IBT, turns indirect-branch
 *      tracking off for this CPU (MSVC code has no ENDBR64), as the kernel
 *      does around EFI runtime calls (ibt.h), remembering whether it was
 *      on; nested calls (3.) do the same;
 *    - and calls the function with the Windows x64 convention (call64.S:
 *      16-byte aligned stack, 32-byte home area, stack arguments).
 *
 * 3. Inside.  The miniport calls our exports, ms_abi functions
 *    (export.h); where IBT is in use, through a stub each that turns
 *    tracking on for the export's duration and off again on the way back
 *    (ibt64.S), so exports, their sleeps and the routines they call run
 *    with it on.  On x86 every export has a stub that gives it Linux's FS
 *    and the miniport's back on return (thunk32.S).  vp_current_driver() and vp_irql() read the innermost
 *    context with one per-CPU load.  Exports that change the real context
 *    change the emulated IRQL with it, so the two agree by construction:
 *    a spin lock held means interrupts off and DISPATCH_LEVEL
 *    (spinlock.c), SynchronizeExecution at VpHighPriority the interrupt
 *    lock held and DIRQL, at VpMediumPriority bottom halves off and
 *    DISPATCH_LEVEL (sync.c).  An export that runs a routine of the
 *    miniport (SynchronizeExecution, the registry callback) calls vp_call()
 *    again: its level's depth is not 0, so the call nests without a new
 *    bracket, keeps the IRQL, and gets driver, adapter and IRQL back when
 *    the routine returns.
 *
 *    A sleep in the middle.  An export that may sleep (pool with
 *    GFP_KERNEL, ioremap, waits, the registry store's mutex) brackets the
 *    sleeping part with vp_sleep_begin()/vp_sleep_end().  Begin refuses
 *    above PASSIVE_LEVEL or in an atomic context: the export then uses its
 *    non-sleeping form or fails as the DDK documents (at DISPATCH_LEVEL
 *    and above nothing sleeps: pool comes from GFP_ATOMIC, waits fail).
 *    Otherwise it FXSAVEs the miniport's FPU/SSE registers into the
 *    export's struct vp_sleep (xmm6-15 and MXCSR are callee-saved for the
 *    miniport, and our exports, built with -mno-sse, save none of them),
 *    moves the context (and on x86 the call's exception chain) there,
 *    leaves this CPU's slot empty and closes the bracket.  Preemption is
 *    back on: the task may sleep, and wake on another CPU.  End opens a
 *    bracket on whatever CPU it runs on, restores the registers, puts the
 *    context into that CPU's slot with the new bracket's preempt count,
 *    and the export returns to the miniport as if nothing had happened.
 *
 * 4. Out.  When the function returns, IBT is turned back on if 2. found
 *    it on, the exception chain 2. found is put back (x86), the context it replaced becomes the innermost again, its
 *    level's slot is cleared and the bracket closed (kernel_fpu_end(), or
 *    FXRSTOR and preempt_enable()).  RAX is the result.
 *
 * 5. Out the other way: KeBugCheckEx (nt_bugcheck.c, bugcheck64.S,
 *    nt_unwind.c).  The miniport asked for the machine to stop; vpwrap
 *    stops the driver instead and never returns into it.  The driver is
 *    marked stopped, its frames are unwound with the image's own x64
 *    unwind data (.pdata/.xdata) up to the return address inside
 *    vp_call_ms(), and the registers that frame expects are loaded with
 *    VP_BUGCHECK_STATUS in RAX: the bridge goes on with 4. as for any
 *    return.  That is only done when the miniport holds none of our locks
 *    (its IRQL is still the one 2. computed); otherwise a task that may
 *    sleep parks for good and an atomic context panics.  From then on 1.
 *    refuses every call into the driver.  KeBugCheckEx is linked without
 *    an IBT stub (it reads its caller's registers), so it turns tracking
 *    on itself, and off again before it resumes into the bridge.
 *
 *    A CPU exception in the miniport's code (x64: contain.c) takes the
 *    same way out from the kernel's die-notifier chain: the exception
 *    returns into vp_call_ms() with the registers the unwind found.
 *    Where that is not possible, a line says why and the kernel's oops
 *    follows.
 *
 * The IRQL a call starts at, from the Linux context (vp_irql_real()):
 *
 *	hardirq (HwVidInterrupt)			DIRQL
 *	softirq (timer, DPC)				DISPATCH_LEVEL
 *	interrupts off, preemption or BHs disabled	DISPATCH_LEVEL
 *	otherwise					PASSIVE_LEVEL
 */
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/string.h>
#include <asm/fpu/api.h>
#include "pe-loader/pe_loader.h"
#include "videoport/ibt.h"
#include "videoport/vp.h"
#include "videoport/export.h"

/* 2.: one context per CPU and level, and the innermost open one. */
DEFINE_PER_CPU(struct vp_ctx, vp_ctx_level[3]);
DEFINE_PER_CPU(struct vp_ctx *, vp_cur);

/* What the Linux context alone implies, given the bracket's own preempt count. */
static u8 vp_irql_real(unsigned int level, const struct vp_ctx *c)
{
	if (level == 2)
		return VP_DIRQL;
	if (level == 1 || irqs_disabled())
		return DISPATCH_LEVEL;
	if (vp_pc() > (c->depth ? c->pc : 0))
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
static u8 vp_irql_entry(struct vp_ctx *c)
{
	return vp_irql_real(vp_level(), c);
}

/* 2.: the FPU/SSE bracket's pieces. */
#define VP_MXCSR_DEFAULT 0x1f80u

static inline void *vp_fx_area(u8 *buf)
{
	return PTR_ALIGN(buf, 16);
}

#ifdef CONFIG_X86_64
#define VP_FXSAVE	"fxsaveq"
#define VP_FXRSTOR	"fxrstorq"
#else
#define VP_FXSAVE	"fxsave"
#define VP_FXRSTOR	"fxrstor"
#endif

static inline void vp_fxsave(void *area)
{
	asm volatile(VP_FXSAVE " (%0)" : : "r" (area) : "memory");
}

static inline void vp_fxrstor(const void *area)
{
	asm volatile(VP_FXRSTOR " (%0)" : : "r" (area) : "memory");
}

/*
 * x86: a __stdcall callee pops 4 bytes per argument.  Any other count
 * means the driver's function has another convention or prototype than
 * the DDK declares: call32.S already put our stack back, the driver is
 * told once.
 */
static void vp_check_popped(struct vp_driver *drv, const void *fn,
			    unsigned int nargs, const struct vp_frame *f)
{
	char where[80];

	if (IS_ENABLED(CONFIG_X86_64) || f->popped == 4 * nargs ||
	    f->popped == (u32)-1 || !drv)
		return;
	pe_symbolize(drv->img, fn, where, sizeof(where));
	vp_warn_once(drv, VP_ONCE_CONVENTION,
		     "%s popped %u bytes of arguments, not %u: it is not the __stdcall function of %u arguments the DDK declares\n",
		     where, f->popped, 4 * nargs, nargs);
}

static inline void vp_ldmxcsr(u32 v)
{
	asm volatile("ldmxcsr %0" : : "m" (v));
}

/* 2.: calls entered (not refused), for tests that prove a path stays out. */
static DEFINE_PER_CPU(unsigned long, vp_bridge_calls);

u64 vp_bridge_call_count(void)
{
	u64 n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += per_cpu(vp_bridge_calls, cpu);
	return n;
}

u64 vp_call(struct vp_driver *drv, struct vp_adapter *a, const void *fn,
	    unsigned int nargs, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6)
{
	const u64 args[6] = { a1, a2, a3, a4, a5, a6 };
	struct vp_frame frame = { 0 };
	struct vp_tib tib;
	u8 fxbuf[512 + 16];
	struct vp_ctx outer, *prev, *c;
	struct vp_driver *target;
	bool kfpu, ibt, nested;
	u64 ret;

	/*
	 * A call made from inside a miniport call at this level runs in its
	 * open bracket, preemption off, so this CPU's slot is its own.  A
	 * first call may be preemptible here: its slot and depth are read
	 * with preemption off, or after a migration it could read another
	 * CPU's slot, open for another task's call, and take the nested path
	 * on it.  Depth seen non-zero this way means the outer bracket is
	 * ours and keeps preemption off for the whole nested path; a first
	 * call reads its slot again once its own bracket is open (2.).
	 */
	preempt_disable();
	c = vp_ctx_this();
	nested = c->depth;
	preempt_enable();

	/*
	 * 1. A driver that called KeBugCheckEx asked for the machine to
	 * stop, one whose code faulted is broken: its state is not to be
	 * trusted, so nothing (its ISR, timer, DPCs, the teardown's requests)
	 * runs its code again.  The failure reads as one as NTSTATUS,
	 * VP_STATUS and BOOLEAN alike.
	 */
	target = drv ?: (nested ? c->drv : NULL);
	if (unlikely(target && READ_ONCE(target->stopped))) {
		smp_rmb();	/* vp_stop_calls() wrote the reason first */
		vp_warn_once(target, VP_ONCE_STOPPED,
			     "the driver %s: calls into it are refused\n",
			     target->stop_why);
		return VP_BUGCHECK_STATUS;
	}
	this_cpu_inc(vp_bridge_calls);

	if (nested) {
		/*
		 * 3. Called back from inside a miniport call at this level
		 * (the bracket is open and preemption off, so this CPU's
		 * context is ours): keep the IRQL, switch driver/adapter.
		 */
		outer = *c;
		c->depth++;
		if (drv)
			c->drv = drv;
		if (a)
			c->adapter = a;
		c->frame = &frame;
		vp_kpcr_enter(&tib);
		ibt = vp_ibt_leave_linux();
		ret = vp_call_ms(fn, args, &frame);
		vp_ibt_enter_linux(ibt);
		vp_kpcr_restore(&tib);
		c = vp_ctx_this();
		c->depth = outer.depth;
		c->drv = outer.drv;
		c->adapter = outer.adapter;
		c->irql = outer.irql;
		c->frame = outer.frame;
		vp_check_popped(target, fn, nargs, &frame);
		return ret;
	}

	/* 2. Enter Windows context: bracket, record, IRQL, innermost. */
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
	c->frame = &frame;
	/* LIFO: a softirq or hardirq call nests inside a task-level one */
	prev = this_cpu_read(vp_cur);
	this_cpu_write(vp_cur, c);

	vp_kpcr_enter(&tib);
	ibt = vp_ibt_leave_linux();
	ret = vp_call_ms(fn, args, &frame);
	vp_ibt_enter_linux(ibt);
	vp_kpcr_restore(&tib);

	/* 4. Leave it; KeBugCheckEx's way out (5.) resumes here as well. */
	this_cpu_write(vp_cur, prev);
	c = vp_ctx_this();
	c->depth = 0;
	c->drv = NULL;
	c->adapter = NULL;
	c->frame = NULL;
	if (kfpu) {
		kernel_fpu_end();
	} else {
		vp_fxrstor(vp_fx_area(fxbuf));
		preempt_enable();
	}
	vp_check_popped(target, fn, nargs, &frame);
	return ret;
}

/* 3.: what the exports ask. */
struct vp_driver *vp_current_driver(void)
{
	struct vp_ctx *c = vp_ctx_cur();

	return c ? c->drv : NULL;
}

/* 3., a sleep in the middle: leave Windows context, keeping it in @s. */
bool vp_sleep_begin(struct vp_sleep *s)
{
	struct vp_ctx *c = vp_ctx_this();

	/*
	 * Only task context sleeps: not a hardirq, NMI or softirq handler.
	 * Not in_interrupt(): since 6.15 kernel_fpu_begin() disables bottom
	 * halves, which in_interrupt() counts, so inside the bracket it would
	 * refuse every sleep.  Bottom halves or preemption disabled beyond
	 * what the bracket itself did make vp_irql() DISPATCH_LEVEL.
	 */
	s->active = false;
	if (vp_level() || irqs_disabled())
		return false;
	if (!c->depth)			/* not called from a miniport */
		return preemptible();
	if (!c->kfpu || vp_irql() != PASSIVE_LEVEL)
		return false;
	vp_fxsave(vp_fx_area(s->fx));
	vp_kpcr_park(&s->tib);
	s->ctx = *c;
	memset(c, 0, sizeof(*c));
	this_cpu_write(vp_cur, NULL);	/* task level: nothing below it */
	kernel_fpu_end();
	s->active = true;
	return true;
}

/* ... and enter it again, on whatever CPU the task now runs. */
void vp_sleep_end(struct vp_sleep *s)
{
	struct vp_ctx *c;

	if (!s->active)
		return;
	kernel_fpu_begin_mask(KFPU_MXCSR);
	vp_fxrstor(vp_fx_area(s->fx));
	vp_kpcr_restore(&s->tib);
	c = vp_ctx_this();
	*c = s->ctx;
	c->pc = vp_pc();
	this_cpu_write(vp_cur, c);
	s->active = false;
}

/* 3.: the miniport asks. */
VP_EXPORT(VIDEOPRT, u8, VideoPortGetCurrentIrql, void)
{
	return vp_irql();
}
