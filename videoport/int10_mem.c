// SPDX-License-Identifier: GPL-2.0
/*
 * The real-mode address space of a video BIOS session, and the accesses
 * the helper forwards (docs/int10.md).
 *
 * The 1 MiB the helper maps is a copy we assemble:
 *
 *   0x00000-0x004ff  interrupt vector table and BIOS data area, as the
 *                    platform has them
 *   0x00600          HLT: the return address of every call
 *   0x10000-0x1ffff  the stack
 *   0x20000-0x8ffff  Int10AllocateBuffer's buffers
 *   EBDA-0x9ffff     the extended BIOS data area, as the platform has it
 *   0xa0000-0xbffff  not in the copy: the device's VGA window, forwarded
 *   0xc0000-0xdffff  the adapter's video ROM: the legacy shadow for the
 *                    boot VGA device, else the PCI ROM (VideoPortGetRomImage)
 *   0xe0000-0xfffff  the system BIOS area, as the platform has it
 *
 * A forwarded access is performed only if the adapter owns it: a port of
 * one of its I/O BARs or of a range the miniport claimed with
 * VideoPortVerifyAccessRanges (the legacy VGA ports, Bochs' 0x1ce, ...),
 * the VGA window of the boot VGA device, or an address in one of its
 * memory BARs.  Anything else is refused and logged; the helper then reads
 * all ones and its writes are dropped.
 */
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/pci.h>
#include "videoport/vp.h"
#include "videoport/int10.h"

#define VP_INT10_BDA_END	0x500u
#define VP_INT10_EBDA_MIN	0x80000u
#define VP_INT10_ROM		0xc0000u
#define VP_INT10_ROM_MAX	0x20000u
#define VP_INT10_SYSBIOS	0xe0000u
#define VP_INT10_WIN		0x10000u	/* BAR window mapped at a time */

static bool vp_int10_boot_vga(struct pci_dev *pdev)
{
	return pdev->resource[PCI_ROM_RESOURCE].flags & IORESOURCE_ROM_SHADOW;
}

static int vp_int10_copy_phys(u8 *dst, phys_addr_t phys, size_t len)
{
	void *p = memremap(phys, len, MEMREMAP_WB);

	if (!p)
		return -ENOMEM;
	memcpy(dst, p, len);
	memunmap(p);
	return 0;
}

/* Assemble s->mem for adapter s->a (see the map above). */
int vp_int10_mem_build(struct vp_int10 *s)
{
	struct vp_adapter *a = s->a;
	u8 *m = s->mem;
	u32 ebda;
	size_t rom;
	int ret;

	memset(m, 0, VPINT10_MEM_SIZE);
	ret = vp_int10_copy_phys(m, 0, VP_INT10_BDA_END);
	if (ret)
		return ret;
	ebda = (m[0x40e] | m[0x40f] << 8) << 4;
	if (ebda >= VP_INT10_EBDA_MIN && ebda < VPINT10_VGA_START) {
		ret = vp_int10_copy_phys(m + ebda, ebda, VPINT10_VGA_START - ebda);
		if (ret)
			return ret;
	}
	ret = vp_int10_copy_phys(m + VP_INT10_SYSBIOS, VP_INT10_SYSBIOS,
				 VPINT10_MEM_SIZE - VP_INT10_SYSBIOS);
	if (ret)
		return ret;
	rom = vp_rom_read(a, m + VP_INT10_ROM, VP_INT10_ROM_MAX);
	if (!rom || m[VP_INT10_ROM] != 0x55 || m[VP_INT10_ROM + 1] != 0xaa) {
		vp_err(a->drv, "%s: Int10: the adapter has no video BIOS ROM\n", a->name);
		return -ENODEV;
	}
	if (!vp_int10_boot_vga(a->pdev)) {
		/*
		 * Its BIOS never ran: the vectors point at the boot device's.
		 * Initialising a second adapter's BIOS (POST) is not done.
		 */
		vp_err(a->drv, "%s: Int10: not the boot VGA device; its video BIOS was never initialised\n",
		       a->name);
		return -ENODEV;
	}
	m[VPINT10_RET_ADDR] = 0xf4;	/* HLT */
	s->vga = ioremap(VPINT10_VGA_START, VPINT10_VGA_END - VPINT10_VGA_START);
	return s->vga ? 0 : -ENOMEM;
}

void vp_int10_mem_unmap(struct vp_int10 *s)
{
	if (s->vga)
		iounmap(s->vga);
	s->vga = NULL;
	if (s->win)
		iounmap(s->win);
	s->win = NULL;
}

static bool vp_int10_port_ok(struct vp_adapter *a, u32 port, u32 size)
{
	struct pci_dev *pdev = a->pdev;
	int i;

	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		struct resource *r = &pdev->resource[i];

		if ((r->flags & IORESOURCE_IO) && r->start && port >= r->start &&
		    port + size - 1 <= r->end)
			return true;
	}
	return vp_port_claimed(a, port, size);
}

/* The mapping of memory BAR address @addr (+size), or NULL. */
static void __iomem *vp_int10_bar(struct vp_int10 *s, u32 addr, u32 size)
{
	struct pci_dev *pdev = s->a->pdev;
	phys_addr_t base;
	int i;

	if (s->win && addr >= s->win_base && addr + size <= s->win_base + s->win_len)
		return s->win + (addr - s->win_base);
	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		struct resource *r = &pdev->resource[i];
		size_t len;

		if (!(r->flags & IORESOURCE_MEM) || !r->start || addr < r->start ||
		    (u64)addr + size - 1 > r->end)
			continue;
		len = min_t(u64, VP_INT10_WIN, resource_size(r));
		base = min_t(phys_addr_t, round_down(addr, PAGE_SIZE), r->end + 1 - len);
		if (addr + size > base + len)
			return NULL;
		if (s->win)
			iounmap(s->win);
		s->win = ioremap(base, len);
		if (!s->win)
			return NULL;
		s->win_base = base;
		s->win_len = len;
		return s->win + (addr - base);
	}
	return NULL;
}

static u32 vp_int10_read(void __iomem *p, u32 size)
{
	return size == 4 ? readl(p) : size == 2 ? readw(p) : readb(p);
}

static void vp_int10_write(void __iomem *p, u32 size, u32 v)
{
	if (size == 4)
		writel(v, p);
	else if (size == 2)
		writew(v, p);
	else
		writeb(v, p);
}

static const char *const vp_int10_kind[] = {
	[VPINT10_PORT_IN] = "port read",
	[VPINT10_PORT_OUT] = "port write",
	[VPINT10_MEM_READ] = "memory read",
	[VPINT10_MEM_WRITE] = "memory write",
};

/*
 * Log a refused access once per kind and port (or 4 KiB page), for the
 * first VP_INT10_LOG_MAX of them: a BIOS that writes its debug port on
 * every call must not flood the log or hide the next new refusal.
 */
static void vp_int10_refused(struct vp_int10 *s, const struct vpint10_access *acc)
{
	bool io = acc->kind <= VPINT10_PORT_OUT;
	u32 key = (io ? acc->addr : acc->addr >> 12) << 2 | acc->kind;
	unsigned int i;

	for (i = 0; i < s->refused && i < VP_INT10_LOG_MAX; i++)
		if (s->refused_keys[i] == key)
			return;
	if (s->refused >= VP_INT10_LOG_MAX)
		return;
	s->refused_keys[s->refused++] = key;
	vp_warn(s->a->drv, "%s: Int10: BIOS %s %s 0x%x (%u bytes) refused: not the adapter's%s\n",
		s->a->name, vp_int10_kind[acc->kind], io ? "at port" : "at", acc->addr,
		acc->size, s->refused == VP_INT10_LOG_MAX ? " (further refusals not logged)" : "");
}

/* VPINT10_IOC_ACCESS from the helper (int10_chan.c). */
int vp_int10_access(struct vp_int10 *s, struct vpint10_access *acc)
{
	u32 addr = acc->addr, size = acc->size;
	void __iomem *p = NULL;
	bool io, ok = false;
	int ret = 0;

	if ((size != 1 && size != 2 && size != 4) || acc->kind > VPINT10_MEM_WRITE)
		return -EINVAL;
	io = acc->kind <= VPINT10_PORT_OUT;
	mutex_lock(&s->access_lock);
	if (!s->in_call || !s->a) {
		ret = -EPERM;		/* between calls: nothing to do */
		goto out;
	}
	if (io) {
		ok = addr + size <= 0x10000 && vp_int10_port_ok(s->a, addr, size);
	} else if (addr >= VPINT10_VGA_START && addr + size <= VPINT10_VGA_END) {
		p = s->vga ? s->vga + (addr - VPINT10_VGA_START) : NULL;
		ok = p;
	} else if (addr >= VPINT10_MEM_SIZE) {
		p = vp_int10_bar(s, addr, size);
		ok = p;
	}
	if (!ok) {
		vp_int10_refused(s, acc);
		ret = -EPERM;
		goto out;
	}
	switch (acc->kind) {
	case VPINT10_PORT_IN:
		acc->val = size == 4 ? inl(addr) : size == 2 ? inw(addr) : inb(addr);
		break;
	case VPINT10_PORT_OUT:
		if (size == 4)
			outl(acc->val, addr);
		else if (size == 2)
			outw(acc->val, addr);
		else
			outb(acc->val, addr);
		break;
	case VPINT10_MEM_READ:
		acc->val = vp_int10_read(p, size);
		break;
	default:
		vp_int10_write(p, size, acc->val);
	}
out:
	mutex_unlock(&s->access_lock);
	return ret;
}
