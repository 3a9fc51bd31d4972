// SPDX-License-Identifier: GPL-2.0
/*
 * Executable memory for loaded images: see execmem.h for why this exists.
 *
 * kallsyms_lookup_name is not exported since 5.7; a kprobe on it yields its
 * address (the LTTng technique).  Through it we resolve the allocator the
 * module loader uses and the set_memory_*() helpers, once.  Memory comes
 * from the module area, so the image sits within +-2 GiB of kernel text like
 * any module, with VM_FLUSH_RESET_PERMS so that vfree() resets the direct
 * map and flushes the TLB for pages that were made read-only or executable.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <asm/ibt.h>
#include <asm/pgtable.h>
#include "vpwrap/compat_cpu.h"
#include "vpwrap/compat_mm.h"
#include "wrapper/execmem.h"

typedef unsigned long (*vpw_kallsyms_fn)(const char *name);
typedef void *(*vpw_vmalloc_range_fn)(unsigned long size, unsigned long align,
				      unsigned long start, unsigned long end,
				      gfp_t gfp_mask, pgprot_t prot,
				      unsigned long vm_flags, int node,
				      const void *caller);
typedef int (*vpw_set_memory_fn)(unsigned long addr, int numpages);

static struct {
	vpw_vmalloc_range_fn vmalloc_range;
	vpw_set_memory_fn ro, rw, x, nx;
	void (*check_wx)(void);	/* CONFIG_DEBUG_WX's checker, if built */
	bool ready;
} em;

/* ENDBR64 (f3 0f 1e fa) as a little-endian u32: what IBT wants at a call target. */
#define VPW_ENDBR64	0xfa1e0ff3U

/*
 * With IBT enforced, an indirect call must land on ENDBR64.  objtool seals
 * (overwrites) the ENDBR of functions whose address the kernel never takes,
 * and calling those would raise #CP: refuse them instead.
 */
static bool vpw_callable(unsigned long addr)
{
	if (!cpu_feature_enabled(X86_FEATURE_IBT))
		return true;
	return *(u32 *)addr == VPW_ENDBR64;
}

/*
 * The probe is registered disabled: registering resolves and checks its
 * address, which is all we want, and a disabled probe is never armed.  An
 * armed probe on the function's entry is an ftrace-based kprobe, and arming
 * and disarming it rewrote ftrace's whole call-site table (most of what
 * loading vpwrap cost); an armed breakpoint probe elsewhere would be queued
 * for the kprobe optimizer, whose RCU-tasks wait then held up the end of
 * our module's load.  It stays registered, disabled, until vpwrap unloads:
 * unregistering waits for an RCU grace period (synchronize_rcu), which at
 * init would delay the DRM device by as much as the whole rest of the load.
 */
static struct kprobe vpw_kallsyms_probe;
static bool vpw_kallsyms_probed;

static unsigned long vpw_find_kallsyms_lookup_name(void)
{
	struct kprobe *kp = &vpw_kallsyms_probe;
	unsigned long addr;
	u32 prev;

	*kp = (struct kprobe){ .symbol_name = "kallsyms_lookup_name",
			       .flags = KPROBE_FLAG_DISABLED };
	if (register_kprobe(kp) < 0)
		return 0;
	vpw_kallsyms_probed = true;
	addr = (unsigned long)kp->addr;
	/* On IBT kernels the probe is placed after the function's ENDBR. */
	if (IS_ENABLED(CONFIG_X86_KERNEL_IBT) &&
	    !copy_from_kernel_nofault(&prev, (void *)(addr - 4), sizeof(prev)) &&
	    vpw_is_endbr(prev))
		addr -= 4;
	return addr;
}

static int vpw_resolve(vpw_kallsyms_fn lookup, const char *name, void *fn)
{
	unsigned long addr = lookup(name);

	if (!addr) {
		pr_err("execmem: kernel symbol %s not found\n", name);
		return -ENOSYS;
	}
	if (!vpw_callable(addr)) {
		pr_err("execmem: %s is sealed by IBT (boot with ibt=off)\n", name);
		return -ENOSYS;
	}
	*(unsigned long *)fn = addr;
	return 0;
}

static int vpw_pages(void *addr, size_t size, unsigned long *start)
{
	unsigned long a = (unsigned long)addr;

	*start = round_down(a, PAGE_SIZE);
	return (round_up(a + size, PAGE_SIZE) - *start) >> PAGE_SHIFT;
}

void *vpw_execmem_alloc(size_t size)
{
	if (!em.ready || !size || size > SZ_256M)
		return NULL;
	return em.vmalloc_range(PAGE_ALIGN(size), PAGE_SIZE, MODULES_VADDR,
				MODULES_END, GFP_KERNEL | __GFP_ZERO,
				PAGE_KERNEL, VM_FLUSH_RESET_PERMS, NUMA_NO_NODE,
				__builtin_return_address(0));
}

int vpw_execmem_protect(void *addr, size_t size, unsigned int prot)
{
	unsigned long start;
	int n, ret;

	if (!em.ready || !addr || !size)
		return -EINVAL;
	if ((prot & VPW_MEM_WRITE) && (prot & VPW_MEM_EXEC))
		return -EINVAL;
	n = vpw_pages(addr, size, &start);
	/* Order the two steps so that no page is ever writable and executable. */
	if (prot & VPW_MEM_EXEC) {
		ret = em.ro(start, n);
		return ret ? ret : em.x(start, n);
	}
	ret = em.nx(start, n);
	if (ret)
		return ret;
	return (prot & VPW_MEM_WRITE) ? em.rw(start, n) : em.ro(start, n);
}

void vpw_execmem_free(void *addr, size_t size)
{
	unsigned long start;
	int n;

	if (!addr)
		return;
	/*
	 * VM_FLUSH_RESET_PERMS already resets the direct map; resetting the
	 * alias by hand too keeps a page from ever reaching the page
	 * allocator executable or read-only if that flag's scope changes.
	 */
	n = vpw_pages(addr, size, &start);
	em.nx(start, n);
	em.rw(start, n);
	vfree(addr);
}

static bool vpw_pte_is(void *addr, bool rw, bool nx)
{
	unsigned int level;
	pte_t *pte = lookup_address((unsigned long)addr, &level);

	return pte && pte_present(*pte) &&
	       !!(pte_flags(*pte) & _PAGE_RW) == rw &&
	       !!(pte_flags(*pte) & _PAGE_NX) == nx;
}

/*
 * Two pages: the first gets "endbr64; mov eax, 0x575650; ret" and becomes
 * RX; the second must stay RW+NX.  Then call the first and free both.
 */
static int vpw_execmem_selftest(void)
{
	static const u8 code[] = { 0xf3, 0x0f, 0x1e, 0xfa,
				   0xb8, 0x50, 0x56, 0x57, 0x00, 0xc3 };
	int (*fn)(void);
	u8 *page;
	int ret;

	page = vpw_execmem_alloc(2 * PAGE_SIZE);
	if (!page) {
		pr_err("execmem self-test: allocation failed\n");
		return -ENOMEM;
	}
	memcpy(page, code, sizeof(code));
	ret = vpw_execmem_protect(page, PAGE_SIZE, VPW_MEM_READ | VPW_MEM_EXEC);
	if (ret) {
		pr_err("execmem self-test: cannot make code executable (%d)\n", ret);
		goto out;
	}
	if (!vpw_pte_is(page, false, false) ||
	    !vpw_pte_is(page + PAGE_SIZE, true, true)) {
		pr_err("execmem self-test: page permissions are not RX / RW+NX\n");
		ret = -EFAULT;
		goto out;
	}
	fn = (void *)page;
	ret = fn();
	if (ret != 0x575650) {
		pr_err("execmem self-test: code returned %#x\n", ret);
		ret = -EFAULT;
		goto out;
	}
	ret = 0;
out:
	vpw_execmem_free(page, 2 * PAGE_SIZE);
	return ret;
}

static int vpw_execmem_setup(vpw_kallsyms_fn lookup)
{
	int ret;

	if (!lookup) {
		pr_err("execmem: cannot find kallsyms_lookup_name (kprobes unavailable?)\n");
		return -ENOSYS;
	}
	if (!vpw_callable((unsigned long)lookup)) {
		pr_err("execmem: kallsyms_lookup_name is sealed by IBT (boot with ibt=off)\n");
		return -ENOSYS;
	}
	ret = vpw_resolve(lookup, VPW_VMALLOC_RANGE_SYM, &em.vmalloc_range);
	ret = ret ?: vpw_resolve(lookup, "set_memory_ro", &em.ro);
	ret = ret ?: vpw_resolve(lookup, "set_memory_rw", &em.rw);
	ret = ret ?: vpw_resolve(lookup, "set_memory_x", &em.x);
	ret = ret ?: vpw_resolve(lookup, "set_memory_nx", &em.nx);
	if (ret)
		return ret;
	/* Optional: only for vpw_execmem_check_wx(). */
	if (vpw_resolve(lookup, "ptdump_walk_pgd_level_checkwx", &em.check_wx))
		em.check_wx = NULL;
	em.ready = true;
	ret = vpw_execmem_selftest();
	if (ret) {
		em.ready = false;
		return ret;
	}
	pr_info("execmem self-test passed (code page RX, next page RW+NX)\n");
	return 0;
}

int vpw_execmem_init(void)
{
	int ret;

	ret = vpw_execmem_setup((vpw_kallsyms_fn)vpw_find_kallsyms_lookup_name());
	if (ret)
		vpw_execmem_exit();
	return ret;
}

void vpw_execmem_exit(void)
{
	em.ready = false;
	if (vpw_kallsyms_probed)
		unregister_kprobe(&vpw_kallsyms_probe);
	vpw_kallsyms_probed = false;
}

/*
 * Run the kernel's W+X checker (the one CONFIG_DEBUG_WX runs at boot) now,
 * with images mapped: it logs "Checked W+X mappings: passed" or warns.
 */
void vpw_execmem_check_wx(void)
{
	if (em.check_wx)
		em.check_wx();
	else
		pr_warn("execmem: the kernel's W+X checker is not available\n");
}
