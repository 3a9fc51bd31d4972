/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel IBT around miniport code (ibt.c, ibt64.S).
 *
 * x86_64 only.  Where the CPU enforces indirect-branch tracking in the
 * kernel (X86_FEATURE_IBT, CET_ENDBR_EN set in MSR_IA32_S_CET), MSVC-built
 * code, which has no ENDBR64, faults at its first indirect branch.  As the
 * kernel does around EFI runtime calls, tracking is turned off for this CPU
 * while miniport code runs and back on before Linux code runs again:
 *
 *  - the bridge turns it off around each call into the miniport and
 *    restores what it found (vp_ibt_leave_linux / vp_ibt_enter_linux);
 *  - every export the miniport can call is reached through a stub
 *    (vp_ibt_thunk()) that turns it on for the export's duration, so
 *    exports, the sleeps inside them and the callbacks they make run with
 *    tracking on.
 *
 * The state is per CPU and set/cleared, never copied, so a sleeping export
 * that resumes on another CPU leaves both CPUs right.  Interrupts taken while
 * miniport code runs find tracking off, as they do during EFI calls.
 */
#ifndef VPWRAP_VIDEOPORT_IBT_H
#define VPWRAP_VIDEOPORT_IBT_H

/* Stubs available: every export row plus the interface callbacks. */
#define VP_IBT_STUBS		640
#define VP_IBT_STUB_SIZE	16
/* Stack arguments (beyond the four in registers) a stub passes on. */
#define VP_IBT_STACK_ARGS	14

#ifndef __ASSEMBLY__
#include <linux/jump_label.h>
#include <linux/types.h>

/* debugfs "ibt" (x86_64 only): the self-test's report. */
struct seq_file;
int vp_ibt_selftest_show(struct seq_file *m);

#ifdef CONFIG_X86_64
DECLARE_STATIC_KEY_FALSE(vp_ibt_active);

/* ibt64.S: stub i calls vp_ibt_targets[i] */
extern void *vp_ibt_targets[VP_IBT_STUBS];

/* Set up once, before the first miniport is linked; 0 or -errno. */
int vp_ibt_init(void);

/*
 * The address to give miniport code for our function @fn (ms_abi): @fn
 * itself when tracking is not in use, else its stub.  NULL if the stubs
 * ran out (logged).
 */
void *vp_ibt_thunk(void *fn);

bool vp_ibt_off(void);
void vp_ibt_on(void);

/* Bridge: before calling into miniport code; true if tracking was on. */
static __always_inline bool vp_ibt_leave_linux(void)
{
	if (static_branch_unlikely(&vp_ibt_active))
		return vp_ibt_off();
	return false;
}

/* Bridge: back from miniport code. */
static __always_inline void vp_ibt_enter_linux(bool was_on)
{
	if (static_branch_unlikely(&vp_ibt_active) && was_on)
		vp_ibt_on();
}
#else
/* 32-bit kernels have no kernel IBT: miniport code calls us directly. */
static inline int vp_ibt_init(void)
{
	return 0;
}

static inline void *vp_ibt_thunk(void *fn)
{
	return fn;
}

static __always_inline bool vp_ibt_leave_linux(void)
{
	return false;
}

static __always_inline void vp_ibt_enter_linux(bool was_on)
{
}
#endif /* CONFIG_X86_64 */
#endif /* __ASSEMBLY__ */

#endif /* VPWRAP_VIDEOPORT_IBT_H */
