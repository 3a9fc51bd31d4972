// SPDX-License-Identifier: GPL-2.0
/*
 * The spin-lock benchmark behind debugfs's <pci>/bench (debugfs.c): what
 * each spin-lock pair a miniport imports costs it next to what the
 * kernel's own pair of the same meaning costs, measured on the same loop.
 *
 * The miniport runs the loop (a private IOCTL, through HwStartIO): Pairs
 * times an acquire then a release, each through a function pointer, one
 * loop per kind of pair.  The request's input tells it which functions:
 *
 *	struct { u32 pairs; u32 kind; u64 acquire, release, lock; }
 *
 * acquire 0 = the miniport's imports on its own lock; otherwise ours,
 * reached the way miniport code reaches an export (vp_export_thunk).  The
 * kinds, with the native pair each is measured against (the kernel's
 * inline bodies, what its out-of-line _raw_ functions hold):
 *
 *   VideoPortAcquireSpinLock/VideoPortReleaseSpinLock (at PASSIVE_LEVEL)
 *		raw_spin_lock_irqsave/raw_spin_unlock_irqrestore, the saved
 *		flags kept in the lock object as VideoPort's are
 *   VideoPortAcquireSpinLockAtDpcLevel/...FromDpcLevel (DISPATCH_LEVEL)
 *		raw_spin_lock/raw_spin_unlock
 *   KeAcquireSpinLockAtDpcLevel/KeReleaseSpinLockFromDpcLevel (DISPATCH_LEVEL)
 *		raw_spin_lock/raw_spin_unlock
 *   KeAcquireSpinLock: KeAcquireSpinLockRaiseToDpc/KeReleaseSpinLock on
 *   x86_64, KfAcquireSpinLock/KfReleaseSpinLock on i386 (PASSIVE_LEVEL)
 *		raw_spin_lock_bh/raw_spin_unlock_bh (DISPATCH_LEVEL masks
 *		DPCs, our softirqs, not interrupts)
 *
 * Three loops each, alternating over rounds so that drift hits them alike:
 *
 *   videoport	the miniport's imports
 *   native	the native pair, in functions of the imports' convention
 *   loop	two functions that return at once: the loop, the argument
 *		set-up, the calls and returns
 *
 * The answer, one line per kind: the three medians, videoport/native (the
 * pair as a miniport calls it) and (videoport - loop)/(native - loop) (the
 * pairs alone).
 */
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include "videoport/adapter.h"
#include "videoport/lockbench.h"
#include "videoport/lockfast.h"
#include "videoport/thunk.h"
#include "videoport/vp.h"

#define VP_BENCH_ROUNDS 9

struct vp_bench_lock {
	raw_spinlock_t lock;
	unsigned long flags;
};

struct vp_bench_req {
	u32 pairs;
	u32 kind;
	u64 acquire;
	u64 release;
	u64 lock;
};

/*
 * The native pair, shaped as VideoPort's exports are: the inline bodies,
 * with a contended lock waited for out of line (a tail call in the same
 * ABI, to the kernel's exported _raw_spin_lock_irqsave), so that the Windows calling convention costs the native side no
 * saved registers.  That makes it at least as cheap as the kernel's own
 * out-of-line _raw_spin_lock_irqsave/_raw_spin_unlock_irqrestore.
 */
static noinline void WINAPI vp_bench_native_wait(void *ext, struct vp_bench_lock *l, u8 *old)
	__acquires(l)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&l->lock, flags);
	l->flags = flags;
}

static void WINAPI vp_bench_native_acquire(void *ext, struct vp_bench_lock *l, u8 *old)
	__acquires(l)
{
	unsigned long flags;

	if (!VP_LOCK_FAST_PATH)
		return vp_bench_native_wait(ext, l, old);
	flags = arch_local_irq_save();
	preempt_disable();
	if (unlikely(!vp_lock_try(&l->lock))) {
		arch_local_irq_restore(flags);
		preempt_enable();
		return vp_bench_native_wait(ext, l, old);
	}
	__acquire(l);
	l->flags = flags;
}

static void WINAPI vp_bench_native_release(void *ext, struct vp_bench_lock *l, u8 new)
	__releases(l)
{
	/* the inline body calls what lock-debugging kernels do not export */
	if (!VP_LOCK_FAST_PATH)
		raw_spin_unlock_irqrestore(&l->lock, l->flags);
	else
		__raw_spin_unlock_irqrestore(&l->lock, l->flags);
}

static void WINAPI vp_bench_nop_acquire(void *ext, struct vp_bench_lock *l, u8 *old)
{
}

static void WINAPI vp_bench_nop_release(void *ext, struct vp_bench_lock *l, u8 new)
{
}

/* raw_spin_lock/raw_spin_unlock, for the AtDpcLevel pairs */
static noinline void vp_bench_native_lock_wait(struct vp_bench_lock *l) __acquires(l)
{
	raw_spin_lock(&l->lock);
}

static __always_inline void vp_bench_native_lock(struct vp_bench_lock *l) __acquires(l)
{
	if (!VP_LOCK_FAST_PATH)
		return vp_bench_native_lock_wait(l);
	preempt_disable();
	if (unlikely(!vp_lock_try(&l->lock))) {
		preempt_enable();
		return vp_bench_native_lock_wait(l);
	}
	__acquire(l);
}

static __always_inline void vp_bench_native_unlock(struct vp_bench_lock *l) __releases(l)
{
	if (!VP_LOCK_FAST_PATH)
		raw_spin_unlock(&l->lock);
	else
		__raw_spin_unlock(&l->lock);
}

static void WINAPI vp_bench_native_acquire_dpc(void *ext, struct vp_bench_lock *l)
	__acquires(l)
{
	vp_bench_native_lock(l);
}

static void WINAPI vp_bench_native_release_dpc(void *ext, struct vp_bench_lock *l)
	__releases(l)
{
	vp_bench_native_unlock(l);
}

static void WINAPI vp_bench_native_ke_acquire_dpc(struct vp_bench_lock *l) __acquires(l)
{
	vp_bench_native_lock(l);
}

static void WINAPI vp_bench_native_ke_release_dpc(struct vp_bench_lock *l) __releases(l)
{
	vp_bench_native_unlock(l);
}

/* raw_spin_lock_bh/raw_spin_unlock_bh, for KeAcquireSpinLock's pair */
static u8 WINAPI_FASTCALL vp_bench_native_ke_acquire(struct vp_bench_lock *l) __acquires(l)
{
	if (!VP_LOCK_FAST_PATH)
		raw_spin_lock_bh(&l->lock);
	else
		__raw_spin_lock_bh(&l->lock);
	return PASSIVE_LEVEL;
}

static void WINAPI_FASTCALL vp_bench_native_ke_release(struct vp_bench_lock *l, u8 new)
	__releases(l)
{
	if (!VP_LOCK_FAST_PATH)
		raw_spin_unlock_bh(&l->lock);
	else
		__raw_spin_unlock_bh(&l->lock);
}

static void WINAPI vp_bench_nop_dpc(void *ext, struct vp_bench_lock *l)
{
}

static void WINAPI vp_bench_nop_ke_dpc(struct vp_bench_lock *l)
{
}

static u8 WINAPI_FASTCALL vp_bench_nop_ke_acquire(struct vp_bench_lock *l)
{
	return PASSIVE_LEVEL;
}

static void WINAPI_FASTCALL vp_bench_nop_ke_release(struct vp_bench_lock *l, u8 new)
{
}

enum { VP_BENCH_VP, VP_BENCH_NATIVE, VP_BENCH_LOOP, VP_BENCH_KINDS };

/* One kind of pair (its number is the miniport's loop): native, then empty functions. */
static const struct vp_bench_pair {
	const char *name;
	void *fn[2][2];
} vp_bench_pairs[] = {
	{ "VideoPortAcquireSpinLock", {
		{ vp_bench_native_acquire, vp_bench_native_release },
		{ vp_bench_nop_acquire, vp_bench_nop_release } } },
	{ "VideoPortAcquireSpinLockAtDpcLevel", {
		{ vp_bench_native_acquire_dpc, vp_bench_native_release_dpc },
		{ vp_bench_nop_dpc, vp_bench_nop_dpc } } },
	{ "KeAcquireSpinLockAtDpcLevel", {
		{ vp_bench_native_ke_acquire_dpc, vp_bench_native_ke_release_dpc },
		{ vp_bench_nop_ke_dpc, vp_bench_nop_ke_dpc } } },
	{ IS_ENABLED(CONFIG_X86_64) ? "KeAcquireSpinLockRaiseToDpc" : "KfAcquireSpinLock", {
		{ vp_bench_native_ke_acquire, vp_bench_native_ke_release },
		{ vp_bench_nop_ke_acquire, vp_bench_nop_ke_release } } },
};

static struct vp_bench_lock vp_bench_lock = {
	.lock = __RAW_SPIN_LOCK_UNLOCKED(vp_bench_lock.lock),
};
static DEFINE_MUTEX(vp_bench_mutex);
static char vp_bench_result[ARRAY_SIZE(vp_bench_pairs) * 200];

static int vp_u64_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 vp_ratio_x1000(u64 num, u64 den)
{
	return div64_u64(num * 1000, max_t(u64, den, 1));
}

/* Times one kind of pair; appends its line to vp_bench_result (at @pos). */
static int vp_bench_pair(struct vp_adapter *a, u32 code, u32 n, unsigned int pair,
			 size_t *pos)
{
	const struct vp_bench_pair *p = &vp_bench_pairs[pair];
	u64 ns[VP_BENCH_KINDS][VP_BENCH_ROUNDS], med[VP_BENCH_KINDS], t0, loop, net;
	struct vp_bench_req req[VP_BENCH_KINDS] = {};
	int ret, r, k;
	u32 got;

	for (k = 0; k < VP_BENCH_KINDS; k++) {
		req[k].pairs = n;
		req[k].kind = pair;
		if (k == VP_BENCH_VP)
			continue;
		req[k].acquire = (unsigned long)vp_export_thunk(p->fn[k - 1][0]);
		req[k].release = (unsigned long)vp_export_thunk(p->fn[k - 1][1]);
		req[k].lock = (unsigned long)&vp_bench_lock;
		if (!req[k].acquire || !req[k].release)
			return -ENOSPC;
	}
	for (r = 0; r < VP_BENCH_ROUNDS; r++) {
		for (k = 0; k < VP_BENCH_KINDS; k++) {
			t0 = ktime_get_ns();
			ret = vp_start_io(a, code, &req[k], sizeof(req[k]), NULL, 0, &got);
			ns[k][r] = ktime_get_ns() - t0;
			if (ret)
				return ret;
		}
	}
	for (k = 0; k < VP_BENCH_KINDS; k++) {
		sort(ns[k], VP_BENCH_ROUNDS, sizeof(ns[k][0]), vp_u64_cmp, NULL);
		med[k] = ns[k][VP_BENCH_ROUNDS / 2];
	}
	/* the pairs alone: 0 when the loop's noise hides one of them */
	loop = med[VP_BENCH_LOOP];
	net = loop < min(med[VP_BENCH_VP], med[VP_BENCH_NATIVE]) ?
	      vp_ratio_x1000(med[VP_BENCH_VP] - loop, med[VP_BENCH_NATIVE] - loop) : 0;
	*pos += scnprintf(vp_bench_result + *pos, sizeof(vp_bench_result) - *pos,
			  "pair=%s pairs=%u rounds=%d videoport_ns=%llu native_ns=%llu loop_ns=%llu ratio_x1000=%llu net_ratio_x1000=%llu (medians)\n",
			  p->name, n, VP_BENCH_ROUNDS, med[VP_BENCH_VP], med[VP_BENCH_NATIVE],
			  med[VP_BENCH_LOOP],
			  vp_ratio_x1000(med[VP_BENCH_VP], med[VP_BENCH_NATIVE]), net);
	return 0;
}

/*
 * "IOCTL N": N pairs of each kind, split over the rounds.  The miniport
 * must know the kinds (the conformance miniport's IOCTL_CONF_BENCH); one
 * that fails a kind ends the answer there.
 */
static ssize_t vp_bench_write(struct file *f, const char __user *ubuf, size_t len,
			      loff_t *ppos)
{
	struct vp_adapter *a = file_inode(f)->i_private;
	unsigned int pair;
	size_t pos = 0;
	char buf[48];
	u32 code, n;
	int ret = 0;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	if (sscanf(buf, "%i %u", &code, &n) != 2 || n < VP_BENCH_ROUNDS ||
	    !vp_private_ioctl(code))
		return -EINVAL;
	n /= VP_BENCH_ROUNDS;

	mutex_lock(&vp_bench_mutex);
	vp_bench_result[0] = 0;
	for (pair = 0; pair < ARRAY_SIZE(vp_bench_pairs) && !ret; pair++)
		ret = vp_bench_pair(a, code, n, pair, &pos);
	mutex_unlock(&vp_bench_mutex);
	/* what the first kinds measured stays readable */
	return pos ? len : ret;
}

static ssize_t vp_bench_read(struct file *f, char __user *ubuf, size_t len,
			     loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&vp_bench_mutex);
	ret = simple_read_from_buffer(ubuf, len, ppos, vp_bench_result,
				      strlen(vp_bench_result));
	mutex_unlock(&vp_bench_mutex);
	return ret;
}

const struct file_operations vp_lockbench_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = vp_bench_write,
	.read = vp_bench_read,
	.llseek = default_llseek,
};
