/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Windows view of FS on x86 (kpcr.c, thunk32.S).
 *
 * 32-bit Windows kernel code reaches its processor control region (KPCR)
 * through FS: fs:[0] heads the structured-exception chain (every __try
 * links a record there), fs:[0x18] is the region's own address,
 * fs:[0x124] the current thread.  Linux i386 keeps its per-CPU data (and the
 * stack protector's canary) behind FS, so the two cannot share it:
 *
 *  - every CPU gets a KPCR of its own, and one GDT entry Linux leaves unused
 *    (VP_KPCR_GDT_ENTRY) describes it in each CPU's GDT; the selector is the
 *    same on every CPU, so code that migrates with a sleeping export finds
 *    its new CPU's region after the reload;
 *  - the bridge (call32.S) loads that selector into FS just before it calls
 *    miniport code and Linux's per-CPU selector right after;
 *  - every export the miniport can call is reached through a stub
 *    (thunk32.S) that loads Linux's FS for the export's duration and puts
 *    the miniport's back on the way out, so exports, their sleeps and the
 *    callbacks they make run as ordinary Linux code;
 *  - interrupts and exceptions need nothing: the i386 entry code saves FS,
 *    loads the per-CPU selector and restores the saved one on return.
 *
 * The exception chain belongs to the call, not to the CPU: each bridge call
 * starts a fresh chain (end marker) and puts back the one it found when it
 * returns, so a record a driver leaves behind (or one that KeBugCheckEx
 * abandoned) never outlives its call, and no exception handled by Windows
 * code unwinds across Linux frames.  A sleeping export carries its call's
 * chain to the CPU it wakes on (bridge.c).
 */
#ifndef VPWRAP_VIDEOPORT_KPCR_H
#define VPWRAP_VIDEOPORT_KPCR_H

/* Linux i386 leaves GDT entries 28-30 unused (asm/segment.h). */
#define VP_KPCR_GDT_ENTRY	30
#define VP_KPCR_SELECTOR	(VP_KPCR_GDT_ENTRY * 8)

/* Export stubs: every export row plus the interface callbacks. */
#define VP_FS_STUBS		640
#define VP_FS_STUB_SIZE		16
/*
 * Stack slots a stub passes on: every fixed argument list, and the first
 * 32 slots of a variadic export's (DbgPrint, VideoPortDebugPrint, the
 * sprintf family): 30 or so printf arguments, more than drivers pass.
 */
#define VP_FS_STACK_ARGS	32

/* The end of an exception chain. */
#define VP_SEH_CHAIN_END	0xffffffffu

#ifndef __ASSEMBLY__
#include <linux/types.h>

/* What a bridge call or a sleeping export keeps of the region. */
struct vp_tib {
#ifdef CONFIG_X86_32
	u32 exception_list;
	u32 stack_base;
	u32 stack_limit;
#endif
};

struct seq_file;

#ifdef CONFIG_X86_32
/* Set up once, before the first miniport is linked; 0 or -errno. */
int vp_kpcr_init(void);
/* Module exit: the GDT entries are cleared. */
void vp_kpcr_exit(void);

/* The stub miniport code calls for our function @fn; NULL if none left. */
void *vp_fs_thunk(void *fn);
/* what each stub calls (thunk32.S) */
extern void *vp_fs_targets[VP_FS_STUBS];

/* Bridge: keep this CPU's chain in @t and start a fresh one for the call. */
void vp_kpcr_enter(struct vp_tib *t);
/* Bridge (the call returned), sleep (on the CPU it woke on): put @t back. */
void vp_kpcr_restore(const struct vp_tib *t);
/* Keep this CPU's chain in @t. */
void vp_kpcr_save(struct vp_tib *t);
/* Sleep: move this CPU's chain to @t, leaving the CPU an empty one. */
void vp_kpcr_park(struct vp_tib *t);

/*
 * The address in miniport code an export was called from, given the
 * export's __builtin_return_address(0) and __builtin_frame_address(0):
 * behind a stub, the stub's own caller.
 */
const void *vp_kpcr_caller(const void *ret, const void *frame);

/* This CPU's exception chain: its head, a new head, the stack it lies on. */
u32 vp_kpcr_chain(void);
void vp_kpcr_set_chain(u32 head);
void vp_kpcr_stack(u32 *limit, u32 *base);

/* The address of this CPU's region (what fs:[0x18] reads in Windows code). */
u32 vp_kpcr_self(void);

/* debugfs "kpcr": the selector and each CPU's region. */
int vp_kpcr_show(struct seq_file *m);
#else
static inline int vp_kpcr_init(void)
{
	return 0;
}

static inline void vp_kpcr_exit(void)
{
}

static inline void *vp_fs_thunk(void *fn)
{
	return fn;
}

static inline void vp_kpcr_enter(struct vp_tib *t)
{
}

static inline void vp_kpcr_restore(const struct vp_tib *t)
{
}

static inline void vp_kpcr_park(struct vp_tib *t)
{
}

#endif /* CONFIG_X86_32 */

/* The miniport code that called the export this is used in. */
#ifdef CONFIG_X86_32
#define vp_export_caller()						\
	vp_kpcr_caller(__builtin_return_address(0), __builtin_frame_address(0))
#else
#define vp_export_caller()	__builtin_return_address(0)
#endif

#endif /* __ASSEMBLY__ */
#endif /* VPWRAP_VIDEOPORT_KPCR_H */
