// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel IBT around miniport code: the per-CPU switch, the stub table, and
 * a self-test in debugfs (videoport/ibt.h has the design).
 *
 * ibt_emulate=1 (testing) runs all of it on a CPU without IBT: the switch
 * then flips a per-CPU stand-in for MSR_IA32_S_CET instead of the MSR, so
 * the stubs, the bridge's save/restore and the self-test run as on an IBT
 * machine.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/cpumask.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <asm/cpufeature.h>
#include <asm/msr.h>
#include "videoport/ibt.h"
#include "videoport/vp.h"
#include "videoport/wintypes.h"

static bool ibt_emulate;
module_param(ibt_emulate, bool, 0444);
MODULE_PARM_DESC(ibt_emulate,
		 "Testing: on a CPU without kernel IBT, run the IBT switching around miniport code against a stand-in for the MSR");

DEFINE_STATIC_KEY_FALSE(vp_ibt_active);
static DEFINE_PER_CPU(u64, vp_ibt_emulated_scet);
static DEFINE_MUTEX(vp_ibt_lock);
static unsigned int vp_ibt_used;
static bool vp_ibt_ready;

void *vp_ibt_targets[VP_IBT_STUBS];
extern const u8 vp_ibt_stubs[];

static bool vp_ibt_enforced(void)
{
	u64 v;

	if (!cpu_feature_enabled(X86_FEATURE_IBT))
		return false;
	rdmsrl(MSR_IA32_S_CET, v);
	return v & CET_ENDBR_EN;
}

static u64 vp_scet_read(void)
{
	u64 v;

	if (ibt_emulate)
		return this_cpu_read(vp_ibt_emulated_scet);
	rdmsrl(MSR_IA32_S_CET, v);
	return v;
}

static void vp_scet_write(u64 v)
{
	if (ibt_emulate)
		this_cpu_write(vp_ibt_emulated_scet, v);
	else
		wrmsrl(MSR_IA32_S_CET, v);
}

/* Callers have preemption off (the bridge's bracket, or the stubs inside it). */
bool vp_ibt_off(void)
{
	u64 v = vp_scet_read();

	if (!(v & CET_ENDBR_EN))
		return false;
	vp_scet_write(v & ~CET_ENDBR_EN);
	return true;
}

void vp_ibt_on(void)
{
	u64 v = vp_scet_read();

	if (!(v & CET_ENDBR_EN))
		vp_scet_write(v | CET_ENDBR_EN);
}

/* Called by the stubs (ms_abi: rdi/rsi of the Windows caller survive). */
void WINAPI vp_ibt_linux_on(void);
void WINAPI vp_ibt_linux_off(void);

void WINAPI vp_ibt_linux_on(void)
{
	vp_ibt_on();
}

void WINAPI vp_ibt_linux_off(void)
{
	vp_ibt_off();
}

int vp_ibt_init(void)
{
	bool enforced = vp_ibt_enforced();
	int cpu;

	mutex_lock(&vp_ibt_lock);
	if (!vp_ibt_ready) {
		if (!enforced && ibt_emulate) {
			for_each_possible_cpu(cpu)
				per_cpu(vp_ibt_emulated_scet, cpu) = CET_ENDBR_EN;
		} else {
			ibt_emulate = false;
		}
		if (enforced || ibt_emulate) {
			static_branch_enable(&vp_ibt_active);
			pr_info("kernel IBT %s: miniport code runs with it off, exports with it on\n",
				enforced ? "enforced" : "emulated (ibt_emulate=1)");
		}
		vp_ibt_ready = true;
	}
	mutex_unlock(&vp_ibt_lock);
	return 0;
}

void *vp_ibt_thunk(void *fn)
{
	void *ret = NULL;
	unsigned int i;

	if (!static_branch_unlikely(&vp_ibt_active))
		return fn;
	mutex_lock(&vp_ibt_lock);
	for (i = 0; i < vp_ibt_used; i++)
		if (vp_ibt_targets[i] == fn)
			break;
	if (i == vp_ibt_used && i < VP_IBT_STUBS)
		WRITE_ONCE(vp_ibt_targets[vp_ibt_used++], fn);
	if (i < VP_IBT_STUBS)
		ret = (void *)(vp_ibt_stubs + i * VP_IBT_STUB_SIZE);
	mutex_unlock(&vp_ibt_lock);
	if (!ret)
		pr_err("out of IBT export stubs (%d)\n", VP_IBT_STUBS);
	return ret;
}

/*
 * Self-test.  A stand-in for miniport code (ms_abi, called through the
 * bridge) records S_CET, calls a stand-in export through its stub, which
 * records it again, and records it once more after the export returned.
 */
struct vp_ibt_probe {
	u64 outside, inside, in_export, after_export, back;
};

typedef u64 (WINAPI *vp_ibt_probe_fn)(struct vp_ibt_probe *p);

static u64 WINAPI vp_ibt_probe_export(struct vp_ibt_probe *p)
{
	p->in_export = vp_scet_read();
	return 0x5a;
}

static u64 WINAPI vp_ibt_probe_code(struct vp_ibt_probe *p, void *export)
{
	u64 r;

	p->inside = vp_scet_read();
	r = ((vp_ibt_probe_fn)export)(p);
	p->after_export = vp_scet_read();
	return r;
}

static const char *vp_ibt_bit(u64 v)
{
	return v & CET_ENDBR_EN ? "on" : "off";
}

int vp_ibt_selftest_show(struct seq_file *m)
{
	struct vp_ibt_probe p = {};
	void *export;
	bool ok;
	u64 r;

	if (!static_branch_unlikely(&vp_ibt_active)) {
		seq_printf(m, "kernel IBT: not present (X86_FEATURE_IBT %s)\n",
			   cpu_feature_enabled(X86_FEATURE_IBT) ? "yes, ENDBR_EN off" : "no");
		return 0;
	}
	export = vp_ibt_thunk(vp_ibt_probe_export);
	if (!export)
		return -ENOSPC;
	preempt_disable();
	p.outside = vp_scet_read();
	preempt_enable();
	r = VP_CALL(NULL, NULL, vp_ibt_probe_code, &p, export);
	preempt_disable();
	p.back = vp_scet_read();
	preempt_enable();
	ok = r == 0x5a && (p.outside & CET_ENDBR_EN) && !(p.inside & CET_ENDBR_EN) &&
	     (p.in_export & CET_ENDBR_EN) && !(p.after_export & CET_ENDBR_EN) &&
	     (p.back & CET_ENDBR_EN);
	seq_printf(m, "kernel IBT: %s\n", ibt_emulate ? "emulated" : "enforced");
	seq_printf(m, "outside: %s\ninside miniport code: %s\nin an export: %s\n"
		   "miniport code after the export: %s\nback in Linux: %s\nresult: %s\n",
		   vp_ibt_bit(p.outside), vp_ibt_bit(p.inside),
		   vp_ibt_bit(p.in_export), vp_ibt_bit(p.after_export),
		   vp_ibt_bit(p.back), ok ? "ok" : "FAILED");
	seq_printf(m, "export stubs in use: %u of %d\n", READ_ONCE(vp_ibt_used),
		   VP_IBT_STUBS);
	return 0;
}
