// SPDX-License-Identifier: GPL-2.0
/*
 * The spin-lock benchmark behind debugfs's <pci>/bench (debugfs.c): what a
 * VideoPortAcquireSpinLock/VideoPortReleaseSpinLock pair costs a miniport
 * next to what the kernel's own pair costs, measured on the same loop.
 *
 * The miniport runs the loop (a private IOCTL, through HwStartIO): Pairs
 * times Acquire(ext, lock, &old) then Release(ext, lock, old), each through
 * a function pointer.  The request's input tells it which functions:
 *
 *	struct { u32 pairs; u32 reserved; u64 acquire, release, lock; }
 *
 * acquire 0 = VideoPort's pair on the miniport's own lock; otherwise ours,
 * reached the way miniport code reaches an export (vp_export_thunk).  Three
 * loops, alternating over rounds so that drift hits them alike:
 *
 *   videoport	VideoPort's pair
 *   native	raw_spin_lock_irqsave + raw_spin_unlock_irqrestore, the
 *		kernel's inline bodies (what its out-of-line _raw_ functions
 *		hold; spin_lock_irqsave's on a kernel without PREEMPT_RT), the
 *		saved flags kept in the lock object as VideoPort's are
 *   loop	two functions that return at once: the loop, the argument
 *		set-up, the calls and returns
 *
 * The answer: the three medians, videoport/native (the pair as a miniport
 * calls it) and (videoport - loop)/(native - loop) (the pairs alone).
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
	u32 reserved;
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

static struct vp_bench_lock vp_bench_lock = {
	.lock = __RAW_SPIN_LOCK_UNLOCKED(vp_bench_lock.lock),
};
static DEFINE_MUTEX(vp_bench_mutex);
static char vp_bench_result[200];

enum { VP_BENCH_VP, VP_BENCH_NATIVE, VP_BENCH_LOOP, VP_BENCH_KINDS };

static int vp_u64_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 vp_ratio_x1000(u64 num, u64 den)
{
	return div64_u64(num * 1000, max_t(u64, den, 1));
}

static ssize_t vp_bench_write(struct file *f, const char __user *ubuf, size_t len,
			      loff_t *ppos)
{
	struct vp_adapter *a = file_inode(f)->i_private;
	u64 ns[VP_BENCH_KINDS][VP_BENCH_ROUNDS], med[VP_BENCH_KINDS], t0;
	struct vp_bench_req req[VP_BENCH_KINDS] = {};
	void *fn[4] = {
		vp_bench_native_acquire, vp_bench_native_release,
		vp_bench_nop_acquire, vp_bench_nop_release,
	};
	char buf[48];
	u32 code, n, got;
	int ret, r, k;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	if (sscanf(buf, "%i %u", &code, &n) != 2 || n < VP_BENCH_ROUNDS ||
	    !vp_private_ioctl(code))
		return -EINVAL;
	n /= VP_BENCH_ROUNDS;
	for (k = 0; k < ARRAY_SIZE(fn); k++) {
		fn[k] = vp_export_thunk(fn[k]);
		if (!fn[k])
			return -ENOSPC;
	}
	for (k = 0; k < VP_BENCH_KINDS; k++)
		req[k].pairs = n;
	req[VP_BENCH_NATIVE].acquire = (unsigned long)fn[0];
	req[VP_BENCH_NATIVE].release = (unsigned long)fn[1];
	req[VP_BENCH_NATIVE].lock = (unsigned long)&vp_bench_lock;
	req[VP_BENCH_LOOP].acquire = (unsigned long)fn[2];
	req[VP_BENCH_LOOP].release = (unsigned long)fn[3];
	req[VP_BENCH_LOOP].lock = (unsigned long)&vp_bench_lock;

	mutex_lock(&vp_bench_mutex);
	for (r = 0; r < VP_BENCH_ROUNDS; r++) {
		for (k = 0; k < VP_BENCH_KINDS; k++) {
			t0 = ktime_get_ns();
			ret = vp_start_io(a, code, &req[k], sizeof(req[k]), NULL, 0, &got);
			ns[k][r] = ktime_get_ns() - t0;
			if (ret)
				goto out;
		}
	}
	for (k = 0; k < VP_BENCH_KINDS; k++) {
		sort(ns[k], VP_BENCH_ROUNDS, sizeof(ns[k][0]), vp_u64_cmp, NULL);
		med[k] = ns[k][VP_BENCH_ROUNDS / 2];
	}
	snprintf(vp_bench_result, sizeof(vp_bench_result),
		 "pairs=%u rounds=%d videoport_ns=%llu native_ns=%llu loop_ns=%llu ratio_x1000=%llu net_ratio_x1000=%llu (medians)\n",
		 n, VP_BENCH_ROUNDS, med[VP_BENCH_VP], med[VP_BENCH_NATIVE], med[VP_BENCH_LOOP],
		 vp_ratio_x1000(med[VP_BENCH_VP], med[VP_BENCH_NATIVE]),
		 vp_ratio_x1000(med[VP_BENCH_VP] - min(med[VP_BENCH_LOOP], med[VP_BENCH_VP]),
				med[VP_BENCH_NATIVE] -
				min(med[VP_BENCH_LOOP], med[VP_BENCH_NATIVE])));
	ret = len;
out:
	mutex_unlock(&vp_bench_mutex);
	return ret;
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
