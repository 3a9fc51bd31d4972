// SPDX-License-Identifier: GPL-2.0
/*
 * The per-CPU Windows processor control region and the GDT entry that
 * makes it FS for miniport code (x86; kpcr.h tells the whole story).
 *
 * The region is a page per CPU with the layout Windows x86 code reads:
 * NT_TIB at 0 (exception chain, stack bounds, Self at 0x18), SelfPcr and
 * Prcb at 0x1c/0x20, the processor's number at 0x51 and the PRCB at 0x120
 * (CurrentThread at 0x124 stays NULL: vpwrap has no KTHREAD to offer).
 * The IRQL byte at 0x24 is not kept: x86 miniports get it from hal's
 * KeGetCurrentIrql, never from the region.
 */
#include <linux/cpumask.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include "videoport/kpcr.h"

/* The part of Windows' x86 KPCR (and of its KPRCB) that drivers read. */
struct vp_kpcr {
	u32 exception_list;		/* 0x00 NT_TIB */
	u32 stack_base;
	u32 stack_limit;
	u32 sub_system_tib;
	u32 version;
	u32 arbitrary_user_pointer;
	u32 self;			/* 0x18 */
	u32 self_pcr;			/* 0x1c */
	u32 prcb;			/* 0x20 */
	u8 irql;			/* 0x24 */
	u8 pad0[0x44 - 0x25];
	u16 major_version;		/* 0x44 */
	u16 minor_version;		/* 0x46 */
	u32 set_member;			/* 0x48 */
	u32 stall_scale_factor;		/* 0x4c */
	u8 debug_active;		/* 0x50 */
	u8 number;			/* 0x51 */
	u8 pad1[0x120 - 0x52];
	/* 0x120: KPRCB */
	u16 prcb_minor_version;
	u16 prcb_major_version;
	u32 current_thread;		/* 0x124 */
	u32 next_thread;
	u32 idle_thread;
	u8 prcb_number;			/* 0x130 */
	u8 pad2[PAGE_SIZE - 0x131];
} __packed;

static_assert(offsetof(struct vp_kpcr, self) == 0x18);
static_assert(offsetof(struct vp_kpcr, number) == 0x51);
static_assert(offsetof(struct vp_kpcr, current_thread) == 0x124);
static_assert(sizeof(struct vp_kpcr) == PAGE_SIZE);

static DEFINE_PER_CPU(struct vp_kpcr *, vp_kpcr);
static struct vp_kpcr *vp_kpcr_pages;
static DEFINE_MUTEX(vp_kpcr_lock);
static bool vp_kpcr_ready;

/* 32-bit data, read/write, present, DPL 0, byte granular: the region. */
#define VP_KPCR_DESC_FLAGS	0x4093

static bool vp_kpcr_entry_free(int cpu)
{
	const struct desc_struct *d = get_cpu_gdt_rw(cpu) + VP_KPCR_GDT_ENTRY;

	return !d->p && !d->base0 && !d->base1 && !d->base2 && !d->limit0;
}

int vp_kpcr_init(void)
{
	int cpu, ret = 0;

	mutex_lock(&vp_kpcr_lock);
	if (vp_kpcr_ready)
		goto out;
	for_each_possible_cpu(cpu) {
		if (!vp_kpcr_entry_free(cpu)) {
			pr_err("vpwrap: GDT entry %d of CPU %d is in use: miniport code cannot have an FS of its own\n",
			       VP_KPCR_GDT_ENTRY, cpu);
			ret = -EBUSY;
			goto out;
		}
	}
	vp_kpcr_pages = kvcalloc(nr_cpu_ids, sizeof(*vp_kpcr_pages), GFP_KERNEL);
	if (!vp_kpcr_pages) {
		ret = -ENOMEM;
		goto out;
	}
	for_each_possible_cpu(cpu) {
		struct vp_kpcr *k = &vp_kpcr_pages[cpu];
		u32 base = (u32)(unsigned long)k;
		struct desc_struct d =
			GDT_ENTRY_INIT(VP_KPCR_DESC_FLAGS, base, sizeof(*k) - 1);

		k->exception_list = VP_SEH_CHAIN_END;
		k->self = base;
		k->self_pcr = base;
		k->prcb = base + offsetof(struct vp_kpcr, prcb_minor_version);
		k->major_version = 1;
		k->minor_version = 1;
		k->set_member = cpu < 32 ? 1u << cpu : 0;
		k->number = cpu;
		k->prcb_major_version = 1;
		k->prcb_minor_version = 1;
		k->prcb_number = cpu;
		per_cpu(vp_kpcr, cpu) = k;
		write_gdt_entry(get_cpu_gdt_rw(cpu), VP_KPCR_GDT_ENTRY, &d, DESCTYPE_S);
	}
	vp_kpcr_ready = true;
	pr_info("vpwrap: miniport code runs with FS = 0x%x (a Windows processor control region per CPU)\n",
		VP_KPCR_SELECTOR);
out:
	mutex_unlock(&vp_kpcr_lock);
	return ret;
}

void vp_kpcr_exit(void)
{
	struct desc_struct zero = { };
	int cpu;

	if (!vp_kpcr_ready)
		return;
	for_each_possible_cpu(cpu) {
		write_gdt_entry(get_cpu_gdt_rw(cpu), VP_KPCR_GDT_ENTRY, &zero, DESCTYPE_S);
		per_cpu(vp_kpcr, cpu) = NULL;
	}
	kvfree(vp_kpcr_pages);
	vp_kpcr_pages = NULL;
	vp_kpcr_ready = false;
}

/*
 * The stack the call runs on: the task's, or the CPU's softirq or hardirq
 * stack.  All of them are THREAD_SIZE long and aligned on i386.
 */
void vp_kpcr_enter(struct vp_tib *t)
{
	struct vp_kpcr *k = this_cpu_read(vp_kpcr);
	unsigned long base = ALIGN(current_stack_pointer, THREAD_SIZE);

	vp_kpcr_save(t);
	k->exception_list = VP_SEH_CHAIN_END;
	k->stack_base = base;
	k->stack_limit = base - THREAD_SIZE;
}

void vp_kpcr_save(struct vp_tib *t)
{
	const struct vp_kpcr *k = this_cpu_read(vp_kpcr);

	t->exception_list = k->exception_list;
	t->stack_base = k->stack_base;
	t->stack_limit = k->stack_limit;
}

void vp_kpcr_park(struct vp_tib *t)
{
	vp_kpcr_save(t);
	this_cpu_read(vp_kpcr)->exception_list = VP_SEH_CHAIN_END;
}

void vp_kpcr_restore(const struct vp_tib *t)
{
	struct vp_kpcr *k = this_cpu_read(vp_kpcr);

	k->exception_list = t->exception_list;
	k->stack_base = t->stack_base;
	k->stack_limit = t->stack_limit;
}

/* thunk32.S: stub i calls vp_fs_targets[i] (kpcr.h), returning to vp_fs_stub_return */
void *vp_fs_targets[VP_FS_STUBS];
extern const u8 vp_fs_stubs[];
extern const u8 vp_fs_stub_return[];
static unsigned int vp_fs_used;

void *vp_fs_thunk(void *fn)
{
	void *ret = NULL;
	unsigned int i;

	mutex_lock(&vp_kpcr_lock);
	for (i = 0; i < vp_fs_used; i++)
		if (vp_fs_targets[i] == fn)
			break;
	if (i == vp_fs_used && i < VP_FS_STUBS)
		WRITE_ONCE(vp_fs_targets[vp_fs_used++], fn);
	if (i < VP_FS_STUBS)
		ret = (void *)(vp_fs_stubs + i * VP_FS_STUB_SIZE);
	mutex_unlock(&vp_kpcr_lock);
	if (!ret)
		pr_err("vpwrap: out of export stubs (%d)\n", VP_FS_STUBS);
	return ret;
}

/*
 * Behind a stub the export's frame pointer leads to the stub's frame,
 * which a plain call built: its return address is the miniport's.  The
 * export may have called a helper of its own that asks (a slow path): the
 * walk goes up our own frames, at most a few, until the one the stub
 * called, and never beyond it into miniport frames.
 */
#define VP_CALLER_MAX_FRAMES	4

const void *vp_kpcr_caller(const void *ret, const void *frame)
{
	const unsigned long *fp = frame;
	const void *r = ret;
	unsigned int i;

	for (i = 0; i < VP_CALLER_MAX_FRAMES && fp; i++) {
		if (r == vp_fs_stub_return)
			return (const void *)((const unsigned long *)fp[0])[1];
		fp = (const unsigned long *)fp[0];
		if (!fp)
			break;
		r = (const void *)fp[1];
	}
	return ret;
}

u32 vp_kpcr_chain(void)
{
	return this_cpu_read(vp_kpcr)->exception_list;
}

void vp_kpcr_set_chain(u32 head)
{
	this_cpu_read(vp_kpcr)->exception_list = head;
}

void vp_kpcr_stack(u32 *limit, u32 *base)
{
	const struct vp_kpcr *k = this_cpu_read(vp_kpcr);

	*limit = k->stack_limit;
	*base = k->stack_base;
}

u32 vp_kpcr_self(void)
{
	return this_cpu_read(vp_kpcr)->self;
}

int vp_kpcr_show(struct seq_file *m)
{
	int cpu;

	if (!vp_kpcr_ready) {
		seq_puts(m, "not set up (no miniport linked yet)\n");
		return 0;
	}
	seq_printf(m, "selector 0x%x (GDT entry %d)\n", VP_KPCR_SELECTOR,
		   VP_KPCR_GDT_ENTRY);
	for_each_possible_cpu(cpu) {
		const struct vp_kpcr *k = per_cpu(vp_kpcr, cpu);
		const struct desc_struct *d = get_cpu_gdt_rw(cpu) + VP_KPCR_GDT_ENTRY;

		seq_printf(m, "cpu %d self 0x%08x descriptor base 0x%08lx limit 0x%lx chain 0x%08x\n",
			   cpu, k->self, get_desc_base(d), get_desc_limit(d),
			   k->exception_list);
	}
	return 0;
}
