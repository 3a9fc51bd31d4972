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
 *   <pci>/bench	write "<ioctl> <n>": the spin-lock benchmark
 *			(lockbench.c): the request runs n/9 VideoPort pairs, n/9
 *			native pairs and n/9 empty calls on one miniport loop,
 *			in 9 alternating rounds; read returns the median times
 *			and the ratios.
 */
#include <linux/debugfs.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "videoport/adapter.h"
#include "videoport/ibt.h"
#include "videoport/kpcr.h"
#include "videoport/lockbench.h"
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
	debugfs_create_file("bench", 0600, a->debugfs, a, &vp_lockbench_fops);
	debugfs_create_file("modes", 0400, a->debugfs, a, &vp_modes_fops);
	debugfs_create_u64("mode_sets", 0400, a->debugfs, &a->mode_sets);
	mutex_unlock(&vp_dbg_lock);
}

void vp_debugfs_adapter_remove(struct vp_adapter *a)
{
	debugfs_remove(a->debugfs);
	a->debugfs = NULL;
}
