// SPDX-License-Identifier: GPL-2.0
/*
 * The video BIOS helper and its channel (docs/int10.md).
 *
 * Each adapter that uses Int10 gets one vpwrap-int10 process, started on
 * demand with call_usermodehelper as an unprivileged user with no
 * capabilities (no iopl, no /dev/mem).  It talks to us through the misc
 * device /dev/vpwrap-int10, which only a process we started may open, and
 * which we register while at least one session exists:
 *
 *   mmap	the session's 1 MiB real-mode address space (int10_mem.c)
 *   NEXT	hand back the previous call's result, wait for the next call
 *   ACCESS	one port or device memory access, checked by int10_mem.c
 *
 * A call is bounded twice: the helper stops after the instruction budget
 * (int10_max_instr, so a looping BIOS ends at the same point however fast
 * the machine is) and we stop waiting after VP_INT10_WALL seconds and kill
 * the helper (a helper that itself hangs).  A call that fails either way
 * leaves the low memory as it was before the call and the next call starts
 * a new helper.
 */
#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/umh.h>
#include <linux/uidgid.h>
#include <linux/capability.h>
#include <linux/vmalloc.h>
#include "videoport/vp.h"
#include "videoport/int10.h"

static char *int10_helper = "/sbin/vpwrap-int10";
module_param(int10_helper, charp, 0444);
MODULE_PARM_DESC(int10_helper, "Video BIOS helper program (default /sbin/vpwrap-int10; empty: no video BIOS use)");

static ulong int10_max_instr = 20000000;
module_param(int10_max_instr, ulong, 0444);
MODULE_PARM_DESC(int10_max_instr, "Instructions a video BIOS call may execute before it is stopped");

#define VP_INT10_WALL		(120 * HZ)	/* a hung helper, not a slow BIOS */
#define VP_INT10_START_WAIT	(60 * HZ)
#define VP_INT10_STOP_WAIT	(10 * HZ)
#define VP_INT10_REAP_WAIT	(60 * HZ)
#define VP_INT10_MAX_STARTS	8

/* int10_helper= is empty: no BIOS use (VideoPortIsNoVesa says TRUE). */
bool vp_int10_disabled(void)
{
	return !int10_helper || !*int10_helper;
}

static LIST_HEAD(vp_int10_sessions);
/*
 * Two locks, because open() runs under misc_mtx and looks at the list while
 * registering the device takes misc_mtx: the order is vp_int10_dev_lock,
 * then misc_mtx, then vp_int10_list_lock.
 */
static DEFINE_MUTEX(vp_int10_list_lock);	/* the session list */
static DEFINE_MUTEX(vp_int10_dev_lock);	/* the device and its users */
static unsigned int vp_int10_users;

static void vp_int10_free(struct kref *ref)
{
	struct vp_int10 *s = container_of(ref, struct vp_int10, ref);

	put_pid(s->helper);
	vfree(s->mem);
	vfree(s->snap);
	kfree(s);
}

void vp_int10_put(struct vp_int10 *s)
{
	kref_put(&s->ref, vp_int10_free);
}

/* The session whose helper is the calling process, with a reference. */
static struct vp_int10 *vp_int10_find_caller(void)
{
	struct pid *me = task_tgid(current);
	struct vp_int10 *s, *found = NULL;

	mutex_lock(&vp_int10_list_lock);
	list_for_each_entry(s, &vp_int10_sessions, node) {
		spin_lock(&s->wq.lock);
		if (s->helper == me && !s->attached && !s->gone) {
			s->attached = true;
			kref_get(&s->ref);
			found = s;
		}
		spin_unlock(&s->wq.lock);
		if (found)
			break;
	}
	mutex_unlock(&vp_int10_list_lock);
	return found;
}

/* Only a helper we started, once it is an ordinary user without capabilities. */
static bool vp_int10_unprivileged(void)
{
	const struct cred *c = current_cred();

	return !uid_eq(c->uid, GLOBAL_ROOT_UID) && !uid_eq(c->euid, GLOBAL_ROOT_UID) &&
	       !uid_eq(c->suid, GLOBAL_ROOT_UID) && !uid_eq(c->fsuid, GLOBAL_ROOT_UID) &&
	       cap_isclear(c->cap_permitted) && cap_isclear(c->cap_effective) &&
	       cap_isclear(c->cap_ambient);
}

static int vp_int10_open(struct inode *inode, struct file *f)
{
	struct vp_int10 *s;

	if (!vp_int10_unprivileged())
		return -EPERM;
	s = vp_int10_find_caller();
	if (!s)
		return -EPERM;
	f->private_data = s;
	wake_up(&s->wq);
	return 0;
}

static int vp_int10_release_file(struct inode *inode, struct file *f)
{
	struct vp_int10 *s = f->private_data;

	spin_lock(&s->wq.lock);
	s->gone = true;
	wake_up_locked(&s->wq);
	spin_unlock(&s->wq.lock);
	vp_int10_put(s);
	return 0;
}

static int vp_int10_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct vp_int10 *s = f->private_data;

	if (vma->vm_pgoff || vma->vm_end - vma->vm_start != VPINT10_MEM_SIZE)
		return -EINVAL;
	return remap_vmalloc_range(vma, s->mem, 0);
}

static long vp_int10_next(struct vp_int10 *s, struct vpint10_next __user *u)
{
	struct vpint10_result r;
	struct vpint10_call c;
	int ret;

	if (copy_from_user(&r, &u->result, sizeof(r)))
		return -EFAULT;
	spin_lock(&s->wq.lock);
	if (r.seq && r.seq == s->call.seq && !s->call_pending && !s->result_ready) {
		s->result = r;
		s->result_ready = true;
		wake_up_locked(&s->wq);
	}
	ret = wait_event_interruptible_locked(s->wq, s->call_pending || s->shutdown);
	if (!ret && s->shutdown)
		ret = -ESHUTDOWN;
	if (!ret) {
		c = s->call;
		s->call_pending = false;
	}
	spin_unlock(&s->wq.lock);
	if (ret)
		return ret;
	return copy_to_user(&u->call, &c, sizeof(c)) ? -EFAULT : 0;
}

static long vp_int10_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct vp_int10 *s = f->private_data;
	struct vpint10_access acc;
	void __user *u = (void __user *)arg;
	int ret;

	switch (cmd) {
	case VPINT10_IOC_NEXT:
		return vp_int10_next(s, u);
	case VPINT10_IOC_ACCESS:
		if (copy_from_user(&acc, u, sizeof(acc)))
			return -EFAULT;
		ret = vp_int10_access(s, &acc);
		if (ret)
			return ret;
		return copy_to_user(u, &acc, sizeof(acc)) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

/*
 * No .owner: an open file would pin the module, and the helper keeps its
 * channel open until the adapter goes away, which rmmod is what does (the
 * miniport's last BIOS call, back to text mode, comes from there too).
 * Instead nothing of ours outlives a helper: the adapter's teardown waits
 * until the helper process is gone entirely (vp_int10_reap), and its files
 * are closed before that; misc_open calls our open under misc_mtx, which
 * misc_deregister takes too.
 */
static const struct file_operations vp_int10_fops = {
	.open = vp_int10_open,
	.release = vp_int10_release_file,
	.mmap = vp_int10_mmap,
	.unlocked_ioctl = vp_int10_ioctl,
	.llseek = noop_llseek,
};

/* Anyone may try to open it; open() admits only a helper we started. */
static struct miscdevice vp_int10_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = VPINT10_DEVICE,
	.fops = &vp_int10_fops,
	.mode = 0666,
};

/* The device exists while a session does. */
int vp_int10_chan_get(void)
{
	int ret = 0;

	mutex_lock(&vp_int10_dev_lock);
	if (!vp_int10_users)
		ret = misc_register(&vp_int10_dev);
	if (!ret)
		vp_int10_users++;
	mutex_unlock(&vp_int10_dev_lock);
	return ret;
}

void vp_int10_chan_put(void)
{
	mutex_lock(&vp_int10_dev_lock);
	if (!--vp_int10_users)
		misc_deregister(&vp_int10_dev);
	mutex_unlock(&vp_int10_dev_lock);
}

void vp_int10_list_add(struct vp_int10 *s)
{
	mutex_lock(&vp_int10_list_lock);
	list_add(&s->node, &vp_int10_sessions);
	mutex_unlock(&vp_int10_list_lock);
}

void vp_int10_list_del(struct vp_int10 *s)
{
	mutex_lock(&vp_int10_list_lock);
	list_del(&s->node);
	mutex_unlock(&vp_int10_list_lock);
}

/*
 * Runs in the new process before it executes the helper: of root's
 * capabilities only CAP_SETUID and CAP_SETGID remain, which the helper
 * uses once to become an ordinary user (open() refuses it before that),
 * and it can never gain privileges again; and we remember which process
 * it is.
 */
static int vp_int10_helper_init(struct subprocess_info *info, struct cred *new)
{
	struct vp_int10 *s = info->data;
	kernel_cap_t keep = CAP_EMPTY_SET;

	cap_raise(keep, CAP_SETUID);
	cap_raise(keep, CAP_SETGID);
	new->cap_inheritable = CAP_EMPTY_SET;
	new->cap_ambient = CAP_EMPTY_SET;
	new->cap_bset = keep;
	new->cap_permitted = keep;
	new->cap_effective = keep;
	task_set_no_new_privs(current);

	spin_lock(&s->wq.lock);
	put_pid(s->helper);
	s->helper = get_pid(task_tgid(current));
	spin_unlock(&s->wq.lock);
	return 0;
}

/*
 * Wait until the helper process no longer exists (its files are closed
 * and our release has returned by then), killing it if @kill.
 */
static void vp_int10_reap(struct vp_int10 *s, bool kill)
{
	unsigned long end = jiffies + VP_INT10_REAP_WAIT;
	struct pid *p;
	bool alive;

	spin_lock(&s->wq.lock);
	p = get_pid(s->helper);
	spin_unlock(&s->wq.lock);
	if (!p)
		return;
	if (kill)
		kill_pid(p, SIGKILL, 1);
	for (;;) {
		rcu_read_lock();
		alive = pid_task(p, PIDTYPE_PID);
		rcu_read_unlock();
		if (!alive)
			break;
		if (time_after(jiffies, end)) {
			pr_err("vpwrap: Int10: the BIOS helper (pid %d) does not exit\n",
			       pid_nr(p));
			break;
		}
		msleep(20);
	}
	put_pid(p);
}

static void vp_int10_kill(struct vp_int10 *s)
{
	struct pid *p;

	spin_lock(&s->wq.lock);
	p = get_pid(s->helper);
	spin_unlock(&s->wq.lock);
	if (p)
		kill_pid(p, SIGKILL, 1);
	put_pid(p);
}

bool vp_int10_alive(struct vp_int10 *s)
{
	bool up;

	spin_lock(&s->wq.lock);
	up = s->attached && !s->gone;
	spin_unlock(&s->wq.lock);
	return up;
}

/* Under s->lock.  0 when a helper is attached and waiting for calls. */
static int vp_int10_helper_start(struct vp_int10 *s)
{
	static char *envp[] = { "PATH=/sbin:/bin:/usr/sbin:/usr/bin", NULL };
	struct vp_driver *drv = s->a->drv;
	struct subprocess_info *info;
	char *argv[3];
	int ret;

	if (s->starts >= VP_INT10_MAX_STARTS) {
		vp_err(drv, "%s: Int10: the BIOS helper failed %u times; BIOS calls now fail\n",
		       s->a->name, s->starts);
		return -EIO;
	}
	s->starts++;
	vp_int10_reap(s, true);		/* a helper that failed before */
	argv[0] = int10_helper;
	argv[1] = "/dev/" VPINT10_DEVICE;
	argv[2] = NULL;
	spin_lock(&s->wq.lock);
	put_pid(s->helper);
	s->helper = NULL;
	s->attached = false;
	s->gone = false;
	s->shutdown = false;
	s->call_pending = false;
	s->result_ready = false;
	spin_unlock(&s->wq.lock);

	info = call_usermodehelper_setup(int10_helper, argv, envp, GFP_KERNEL,
					 vp_int10_helper_init, NULL, s);
	if (!info)
		return -ENOMEM;
	ret = call_usermodehelper_exec(info, UMH_WAIT_EXEC);
	if (ret) {
		vp_err(drv, "%s: Int10: cannot run the BIOS helper %s (%d); BIOS calls fail\n",
		       s->a->name, int10_helper, ret);
		s->dead = ret < 0 ? ret : -ENOEXEC;
		return s->dead;
	}
	wait_event_timeout(s->wq, s->attached || s->gone, VP_INT10_START_WAIT);
	if (vp_int10_alive(s))
		return 0;
	vp_err(drv, "%s: Int10: the BIOS helper %s did not open %s\n", s->a->name,
	       int10_helper, argv[1]);
	vp_int10_kill(s);
	return -EIO;
}

/* Under s->lock: ask the helper to exit, kill it if it does not. */
void vp_int10_helper_stop(struct vp_int10 *s)
{
	spin_lock(&s->wq.lock);
	s->shutdown = true;
	wake_up_locked(&s->wq);
	spin_unlock(&s->wq.lock);
	if (!s->helper)
		return;
	wait_event_timeout(s->wq, s->gone || !s->attached, VP_INT10_STOP_WAIT);
	vp_int10_reap(s, !s->gone);
}

static const char *const vp_int10_why[] = {
	[VPINT10_LIMIT] = "the BIOS did not return within the instruction limit (looping?)",
	[VPINT10_FAULT] = "CPU exception in the BIOS",
	[VPINT10_HALT] = "the BIOS halted",
	[VPINT10_EMU] = "the emulator stopped",
};

/*
 * Under s->lock, at PASSIVE_LEVEL outside Windows context: run the
 * real-mode handler of @vector with @regs and return its registers in
 * @regs.  0, or a negative errno after logging why.
 */
int vp_int10_call(struct vp_int10 *s, u8 vector, struct vpint10_regs *regs)
{
	struct vp_driver *drv = s->a->drv;
	struct vpint10_result r;
	bool done;
	int ret;

	if (s->dead)
		return s->dead;
	if (!vp_int10_alive(s)) {
		ret = vp_int10_helper_start(s);
		if (ret)
			return ret;
	}
	memcpy(s->snap, s->mem, VPINT10_MEM_SIZE);
	mutex_lock(&s->access_lock);
	s->in_call = true;
	mutex_unlock(&s->access_lock);

	spin_lock(&s->wq.lock);
	s->seq = s->seq + 1 ?: 1;
	s->call.seq = s->seq;
	s->call.vector = vector;
	s->call.max_instr = int10_max_instr;
	s->call.regs = *regs;
	s->call_pending = true;
	s->result_ready = false;
	wake_up_locked(&s->wq);
	spin_unlock(&s->wq.lock);

	wait_event_timeout(s->wq, s->result_ready || s->gone, VP_INT10_WALL);

	mutex_lock(&s->access_lock);
	s->in_call = false;
	mutex_unlock(&s->access_lock);
	spin_lock(&s->wq.lock);
	done = s->result_ready;
	r = s->result;
	s->call_pending = false;
	spin_unlock(&s->wq.lock);

	if (!done) {
		vp_err(drv, "%s: Int10 0x%02x (EAX=0x%08x): the BIOS helper %s; call failed, low memory restored\n",
		       s->a->name, vector, regs->eax,
		       vp_int10_alive(s) ? "stopped answering and was killed" : "exited");
		vp_int10_kill(s);
		memcpy(s->mem, s->snap, VPINT10_MEM_SIZE);
		return -ETIMEDOUT;
	}
	if (r.status != VPINT10_OK) {
		const char *why = r.status < ARRAY_SIZE(vp_int10_why) && vp_int10_why[r.status] ?
				  vp_int10_why[r.status] : "unknown helper status";

		vp_err(drv, "%s: Int10 0x%02x (EAX=0x%08x) failed after %llu instructions at %04x:%04x: %s",
		       s->a->name, vector, regs->eax, r.instr, r.regs.cs, r.regs.ip, why);
		if (r.status == VPINT10_FAULT)
			pr_cont(" %u", r.fault);
		pr_cont("; low memory restored\n");
		memcpy(s->mem, s->snap, VPINT10_MEM_SIZE);
		return r.status == VPINT10_LIMIT ? -ETIME : -EFAULT;
	}
	*regs = r.regs;
	return 0;
}
