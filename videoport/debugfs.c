// SPDX-License-Identifier: GPL-2.0
/*
 * Test and diagnostic files, root only, under /sys/kernel/debug/vpwrap-videoport/:
 *
 *   exports		the export table as "dll name status" lines (the same
 *			format as videoport/out/exports.txt, which a test compares)
 *   bridge_calls	how many calls the bridge has made into miniport code
 *			since vpwrap was loaded (tests prove that a path does
 *			not enter the miniport by reading it before and after)
 *   ibt		(x86_64) self-test of kernel IBT around miniport code:
 *			the state of MSR_IA32_S_CET's ENDBR_EN outside, inside
 *			a call into (stand-in) miniport code and inside an
 *			export it calls; "not present" where the CPU does not
 *			enforce IBT
 *   kpcr		(i386) the FS miniport code runs with: the selector and
 *			each CPU's Windows processor control region
 *   <pci>/ioctl	write: u32 IoControlCode, u32 OutputBufferLength, then
 *			the input buffer; the request goes to HwStartIO.  Only
 *			private codes (function 0x800 and up): the standard
 *			IOCTL_VIDEO_* belong to drm-glue, whose state they would
 *			change behind its back.  The
 *			write returns the byte count or the errno; read returns
 *			s32 errno, u32 bytes returned, then the output buffer.
 *   <pci>/modes	the miniport's graphics modes as the adapter interface
 *			reports them (IOCTL_VIDEO_QUERY_AVAIL_MODES), one
 *			"WxHxBPP" word each, in ModeIndex order
 *   <pci>/mode_sets	how many IOCTL_VIDEO_SET_CURRENT_MODE requests the
 *			adapter interface made (a mode set that keeps the mode
 *			must not make one)
 *   <pci>/bench	write "<ioctl> <n>": in 9 alternating rounds, time the
 *			request (input: u32 n/9) and n/9 native
 *			spin_lock_irqsave/irqrestore pairs in the same context;
 *			read returns the median times and their ratio.
 */
#include <linux/debugfs.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/uaccess.h>
#include "videoport/adapter.h"
#include "videoport/ibt.h"
#include "videoport/kpcr.h"
#include "videoport/vp.h"
#include "videoport/export.h"

#define VP_DBG_IO_MAX 4096

static struct dentry *vp_dbg_root;
static unsigned int vp_dbg_users;
static DEFINE_MUTEX(vp_dbg_lock);

static const char *const vp_dll_names[VP_DLL_COUNT] = {
	[VP_DLL_VIDEOPRT] = "videoprt.sys",
	[VP_DLL_NTOSKRNL] = "ntoskrnl.exe",
	[VP_DLL_HAL] = "hal.dll",
};

static int vp_exports_show(struct seq_file *m, void *v)
{
	const struct vp_export *e;

	for (e = vp_exports_begin; e < vp_exports_end; e++)
		seq_printf(m, "%s %s %s\n", vp_dll_names[e->dll], e->name,
			   e->status == VP_UNSUPPORTED ? "unsupported" : "implemented");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vp_exports);

static int vp_bridge_calls_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%llu\n", vp_bridge_call_count());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vp_bridge_calls);

#ifdef CONFIG_X86_64
static int vp_ibt_show(struct seq_file *m, void *v)
{
	return vp_ibt_selftest_show(m);
}
DEFINE_SHOW_ATTRIBUTE(vp_ibt);
#else
static int vp_kpcr_dbg_show(struct seq_file *m, void *v)
{
	return vp_kpcr_show(m);
}
DEFINE_SHOW_ATTRIBUTE(vp_kpcr_dbg);
#endif

/* CTL_CODE function numbers from 0x800 are the driver's own. */
static bool vp_private_ioctl(u32 code)
{
	return ((code >> 2) & 0xfff) >= 0x800;
}

struct vp_dbg_io {
	struct mutex lock;
	int ret;
	u32 ret_len;
	u8 out[VP_DBG_IO_MAX];
};

static int vp_ioctl_open(struct inode *inode, struct file *f)
{
	struct vp_dbg_io *io = kzalloc(sizeof(*io), GFP_KERNEL);

	if (!io)
		return -ENOMEM;
	mutex_init(&io->lock);
	io->ret = -ENODATA;
	f->private_data = io;
	return nonseekable_open(inode, f);
}

static int vp_ioctl_release(struct inode *inode, struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static ssize_t vp_ioctl_write(struct file *f, const char __user *ubuf, size_t len,
			      loff_t *ppos)
{
	struct vp_adapter *a = file_inode(f)->i_private;
	struct vp_dbg_io *io = f->private_data;
	u32 hdr[2];
	void *in = NULL;
	size_t in_len;
	int ret;

	if (len < sizeof(hdr) || len > sizeof(hdr) + VP_DBG_IO_MAX)
		return -EINVAL;
	if (copy_from_user(hdr, ubuf, sizeof(hdr)))
		return -EFAULT;
	if (hdr[1] > VP_DBG_IO_MAX || !vp_private_ioctl(hdr[0]))
		return -EINVAL;
	in_len = len - sizeof(hdr);
	if (in_len) {
		in = memdup_user(ubuf + sizeof(hdr), in_len);
		if (IS_ERR(in))
			return PTR_ERR(in);
	}
	mutex_lock(&io->lock);
	ret = vp_start_io(a, hdr[0], in, in_len, io->out, hdr[1], &io->ret_len);
	io->ret = ret;
	mutex_unlock(&io->lock);
	kfree(in);
	return ret ? ret : len;
}

static ssize_t vp_ioctl_read(struct file *f, char __user *ubuf, size_t len,
			     loff_t *ppos)
{
	struct vp_dbg_io *io = f->private_data;
	u32 hdr[2];
	size_t n;
	ssize_t ret;

	mutex_lock(&io->lock);
	hdr[0] = io->ret;
	hdr[1] = io->ret_len;
	n = min(len, sizeof(hdr) + io->ret_len);
	ret = -EFAULT;
	if (n >= sizeof(hdr) && !copy_to_user(ubuf, hdr, sizeof(hdr)) &&
	    !copy_to_user(ubuf + sizeof(hdr), io->out, n - sizeof(hdr)))
		ret = n;
	else if (n < sizeof(hdr))
		ret = -EINVAL;
	mutex_unlock(&io->lock);
	return ret;
}

static const struct file_operations vp_ioctl_fops = {
	.owner = THIS_MODULE,
	.open = vp_ioctl_open,
	.release = vp_ioctl_release,
	.write = vp_ioctl_write,
	.read = vp_ioctl_read,
};

static DEFINE_SPINLOCK(vp_bench_lock);
static char vp_bench_result[160];

#define VP_BENCH_ROUNDS 9

/* n native spin_lock_irqsave/irqrestore pairs, preemption off as in the bracket */
static u64 vp_bench_native(u32 n)
{
	unsigned long flags;
	u64 t0;
	u32 i;

	t0 = ktime_get_ns();
	preempt_disable();
	for (i = 0; i < n; i++) {
		spin_lock_irqsave(&vp_bench_lock, flags);
		spin_unlock_irqrestore(&vp_bench_lock, flags);
	}
	preempt_enable();
	return ktime_get_ns() - t0;
}

static int vp_u64_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * Alternating rounds (videoport, native, videoport, ...) so that drift in
 * an emulated machine hits both sides alike; the ratio of the medians.
 */
static ssize_t vp_bench_write(struct file *f, const char __user *ubuf, size_t len,
			      loff_t *ppos)
{
	struct vp_adapter *a = file_inode(f)->i_private;
	u64 vp[VP_BENCH_ROUNDS], nat[VP_BENCH_ROUNDS], t0;
	char buf[48];
	u32 code, n, got;
	int ret, r;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	if (sscanf(buf, "%i %u", &code, &n) != 2 || n < VP_BENCH_ROUNDS ||
	    !vp_private_ioctl(code))
		return -EINVAL;
	n /= VP_BENCH_ROUNDS;
	for (r = 0; r < VP_BENCH_ROUNDS; r++) {
		t0 = ktime_get_ns();
		ret = vp_start_io(a, code, &n, sizeof(n), NULL, 0, &got);
		vp[r] = ktime_get_ns() - t0;
		if (ret)
			return ret;
		nat[r] = vp_bench_native(n);
	}
	sort(vp, VP_BENCH_ROUNDS, sizeof(vp[0]), vp_u64_cmp, NULL);
	sort(nat, VP_BENCH_ROUNDS, sizeof(nat[0]), vp_u64_cmp, NULL);
	mutex_lock(&vp_dbg_lock);
	snprintf(vp_bench_result, sizeof(vp_bench_result),
		 "pairs=%u rounds=%d videoport_ns=%llu native_ns=%llu ratio_x1000=%llu (medians)\n",
		 n, VP_BENCH_ROUNDS, vp[VP_BENCH_ROUNDS / 2], nat[VP_BENCH_ROUNDS / 2],
		 div64_u64(vp[VP_BENCH_ROUNDS / 2] * 1000,
			   max_t(u64, nat[VP_BENCH_ROUNDS / 2], 1)));
	mutex_unlock(&vp_dbg_lock);
	return len;
}

static ssize_t vp_bench_read(struct file *f, char __user *ubuf, size_t len,
			     loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&vp_dbg_lock);
	ret = simple_read_from_buffer(ubuf, len, ppos, vp_bench_result,
				      strlen(vp_bench_result));
	mutex_unlock(&vp_dbg_lock);
	return ret;
}

static int vp_modes_show(struct seq_file *m, void *v)
{
	struct vp_adapter *a = m->private;
	struct vp_mode *modes;
	unsigned int i, n;
	int ret;

	ret = vp_adapter_query_modes(a, &modes, &n);
	if (ret)
		return ret;
	for (i = 0; i < n; i++)
		seq_printf(m, "%ux%ux%u%c", modes[i].width, modes[i].height,
			   modes[i].bpp, i + 1 < n ? ' ' : '\n');
	kfree(modes);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vp_modes);

static const struct file_operations vp_bench_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = vp_bench_write,
	.read = vp_bench_read,
	.llseek = default_llseek,
};

void vp_debugfs_get(void)
{
	mutex_lock(&vp_dbg_lock);
	if (!vp_dbg_users++) {
		vp_dbg_root = debugfs_create_dir("vpwrap-videoport", NULL);
		debugfs_create_file("exports", 0400, vp_dbg_root, NULL, &vp_exports_fops);
		debugfs_create_file("bridge_calls", 0400, vp_dbg_root, NULL,
				    &vp_bridge_calls_fops);
#ifdef CONFIG_X86_64
		debugfs_create_file("ibt", 0400, vp_dbg_root, NULL, &vp_ibt_fops);
#else
		debugfs_create_file("kpcr", 0400, vp_dbg_root, NULL, &vp_kpcr_dbg_fops);
#endif
	}
	mutex_unlock(&vp_dbg_lock);
}

void vp_debugfs_put(void)
{
	mutex_lock(&vp_dbg_lock);
	if (!--vp_dbg_users) {
		debugfs_remove(vp_dbg_root);
		vp_dbg_root = NULL;
	}
	mutex_unlock(&vp_dbg_lock);
}

void vp_debugfs_adapter_add(struct vp_adapter *a)
{
	mutex_lock(&vp_dbg_lock);
	a->debugfs = debugfs_create_dir(a->name, vp_dbg_root);
	debugfs_create_file("ioctl", 0600, a->debugfs, a, &vp_ioctl_fops);
	debugfs_create_file("bench", 0600, a->debugfs, a, &vp_bench_fops);
	debugfs_create_file("modes", 0400, a->debugfs, a, &vp_modes_fops);
	debugfs_create_u64("mode_sets", 0400, a->debugfs, &a->mode_sets);
	mutex_unlock(&vp_dbg_lock);
}

void vp_debugfs_adapter_remove(struct vp_adapter *a)
{
	debugfs_remove(a->debugfs);
	a->debugfs = NULL;
}
