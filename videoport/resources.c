// SPDX-License-Identifier: GPL-2.0
/*
 * The adapter's resources: VIDEO_PORT_CONFIG_INFO, access ranges, mappings,
 * PCI configuration space and the option ROM.
 *
 * Claims: VerifyAccessRanges claims each range with request_region /
 * request_mem_region under the driver's name, so that a second driver for
 * the same device (e.g. the native bochs-drm) is refused cleanly.  The legacy
 * VGA ranges (0x3b0-0x3df, 0xa0000-0xbffff) are shared by every VGA device
 * through the VGA arbiter and are never claimed exclusively.
 *
 * Mappings: GetDeviceBase and MapMemory return an ioremap() (write-combining
 * for VIDEO_MEMORY_SPACE_P6CACHE) for memory ranges, and the port number as
 * a pointer for I/O ranges, as Windows does.  Each mapping is recorded so
 * that Free/UnmapMemory can check the pointer and so that everything is
 * unmapped when the adapter goes away.
 */
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "videoport/thunk.h"
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/int10.h"

struct vp_claim {
	struct list_head node;
	struct resource *res;
	bool io;
};

static bool vp_is_vga_legacy(u64 start, u64 len, bool io)
{
	if (io)
		return start >= 0x3b0 && start + len <= 0x3e0;
	return start >= 0xa0000 && start + len <= 0xc0000;
}

static void vp_claims_release(struct vp_adapter *a)
{
	struct vp_claim *c, *tmp;

	a->nio = 0;
	list_for_each_entry_safe(c, tmp, &a->claims, node) {
		if (c->io)
			release_region(c->res->start, resource_size(c->res));
		else
			release_mem_region(c->res->start, resource_size(c->res));
		list_del(&c->node);
		kfree(c);
	}
}

/* Called at PASSIVE_LEVEL from HwFindAdapter. */
static u32 vp_verify_ranges(struct vp_adapter *a, u32 n, const struct win_access_range *r)
{
	struct vp_claim *c;
	struct resource *res;
	u32 i;

	vp_claims_release(a);
	for (i = 0; i < n; i++) {
		bool io = r[i].in_io_space & 1;
		u64 start = r[i].start, len = r[i].length;

		if (start + len < start || (io && start + len > 0x10000)) {
			vp_err(a->drv, "VerifyAccessRanges: range %u (%s 0x%llx+0x%llx) is invalid\n",
			       i, io ? "io" : "mem", start, len);
			goto fail;
		}
		if (len && io && a->nio < ARRAY_SIZE(a->io_ranges)) {
			a->io_ranges[a->nio].start = start;
			a->io_ranges[a->nio].len = len;
			a->nio++;
		}
		if (!len || vp_is_vga_legacy(start, len, io))
			continue;
		res = io ? request_region(start, len, a->drv->name) :
			   request_mem_region(start, len, a->drv->name);
		if (!res) {
			if (r[i].shareable)
				continue;
			vp_err(a->drv, "VerifyAccessRanges: %s 0x%llx+0x%llx is in use by another driver\n",
			       io ? "io" : "mem", start, len);
			goto fail;
		}
		c = kzalloc(sizeof(*c), GFP_KERNEL);
		if (!c) {
			if (io)
				release_region(start, len);
			else
				release_mem_region(start, len);
			goto fail;
		}
		c->res = res;
		c->io = io;
		list_add(&c->node, &a->claims);
	}
	return NO_ERROR;
fail:
	vp_claims_release(a);
	return ERROR_INVALID_PARAMETER;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortVerifyAccessRanges, void *ext, u32 n,
	  const struct win_access_range *ranges)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_sleep s;
	u32 st;

	if (!a || (n && !ranges) || n > 256)
		return ERROR_INVALID_PARAMETER;
	if (!vp_sleep_begin(&s)) {
		vp_warn_once(a->drv, VP_ONCE_SLEEP_ATOMIC,
			     "VideoPortVerifyAccessRanges called above PASSIVE_LEVEL\n");
		return ERROR_INVALID_PARAMETER;
	}
	st = vp_verify_ranges(a, n, ranges);
	vp_sleep_end(&s);
	return st;
}

/* VIDEO_PORT_CONFIG_INFO.VideoPortGetProcAddress */
static void *WINAPI vp_get_proc_address(void *ext, const char *name)
{
	char buf[64];

	if (!name || strscpy(buf, name, sizeof(buf)) < 0)
		return NULL;
	return vp_export_lookup(VP_DLL_VIDEOPRT, buf);
}

int vp_config_fill(struct vp_adapter *a)
{
	struct win_config_info *c = &a->cfg;
	struct pci_dev *pdev = a->pdev;
	int i;

	memset(c, 0, sizeof(*c));
	c->length = sizeof(*c);
	c->system_io_bus_number = pdev->bus->number;
	c->adapter_interface_type = WIN_BUS_PCI;
	c->bus_interrupt_level = pdev->irq;
	c->bus_interrupt_vector = pdev->irq;
	c->interrupt_mode = WIN_LEVEL_SENSITIVE;
	c->vdm_physical_video_memory_address = 0xa0000;
	c->vdm_physical_video_memory_length = 0x20000;
	c->interrupt_shareable = 1;
	c->get_proc_address = vp_export_thunk(vp_get_proc_address);
	c->driver_registry_path = a->drv->regpath_buf;
	c->system_memory_size = (u64)totalram_pages() << PAGE_SHIFT;
	/* until MAP_VIDEO_MEMORY tells: the largest memory BAR */
	for (i = 0; i < PCI_STD_NUM_BARS; i++)
		if (pci_resource_flags(pdev, i) & IORESOURCE_MEM)
			a->vram_size = max_t(u64, a->vram_size, pci_resource_len(pdev, i));
	return 0;
}

/* PCI_SLOT_NUMBER: device in bits 0-4, function in bits 5-7. */
static u32 vp_slot_number(struct pci_dev *pdev)
{
	return PCI_SLOT(pdev->devfn) | (PCI_FUNC(pdev->devfn) << 5);
}

VP_EXPORT(VIDEOPRT, u32, VideoPortGetAccessRanges, void *ext, u32 nreq,
	  const struct win_io_resource_descriptor *req, u32 nranges,
	  struct win_access_range *ranges, const u16 *vendor, const u16 *device,
	  u32 *slot)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct win_access_range r[PCI_STD_NUM_BARS + 16];
	struct pci_dev *pdev;
	u32 n = 0, i;

	if (!a || (nranges && !ranges) || (nreq && !req))
		return ERROR_INVALID_PARAMETER;
	pdev = a->pdev;
	if ((vendor && *vendor != pdev->vendor) || (device && *device != pdev->device))
		return ERROR_DEV_NOT_EXIST;
	memset(r, 0, sizeof(r));
	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		unsigned long flags = pci_resource_flags(pdev, i);
		u64 len = pci_resource_len(pdev, i);

		if (!len || !(flags & (IORESOURCE_IO | IORESOURCE_MEM)))
			continue;	/* unused, or the upper half of a 64-bit BAR */
		r[n].start = pci_resource_start(pdev, i);
		r[n].length = min_t(u64, len, U32_MAX);
		r[n].in_io_space = !!(flags & IORESOURCE_IO);
		r[n].visible = 0;
		r[n].shareable = 0;
		n++;
	}
	/* What the miniport asks for beyond its BARs (legacy VGA ports, etc.). */
	for (i = 0; i < nreq && n < ARRAY_SIZE(r); i++) {
		if (req[i].type != WIN_RES_PORT && req[i].type != WIN_RES_MEMORY)
			continue;
		r[n].start = req[i].minimum_address;
		r[n].length = req[i].length;
		r[n].in_io_space = req[i].type == WIN_RES_PORT;
		r[n].shareable = req[i].share_disposition == 3;	/* CmResourceShareShared */
		n++;
	}
	if (slot)
		*slot = vp_slot_number(pdev);
	if (n > nranges)
		return ERROR_MORE_DATA;
	memcpy(ranges, r, n * sizeof(r[0]));
	return NO_ERROR;
}

/* Lists @m as the adapter's, freed at the latest when the adapter goes. */
static void vp_mapping_keep(struct vp_adapter *a, struct vp_mapping *m)
{
	unsigned long flags;

	/* irqsave everywhere: the list is reached from any IRQL */
	raw_spin_lock_irqsave(&a->map_lock, flags);
	list_add(&m->node, &a->maps);
	raw_spin_unlock_irqrestore(&a->map_lock, flags);
}

/* Maps @len bytes at @phys; for I/O space the cookie is the port number. */
static void *vp_map(struct vp_adapter *a, u64 phys, u32 len, u32 space)
{
	struct vp_mapping *m;

	if (!len || phys + len < phys)
		return NULL;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return NULL;
	m->phys = phys;
	m->len = len;
	m->io = space & VIDEO_MEMORY_SPACE_IO;
	if (m->io) {
		if (phys + len > 0x10000) {
			kfree(m);
			return NULL;
		}
		m->cookie = (void *)(uintptr_t)phys;
	} else {
		m->vaddr = (space & VIDEO_MEMORY_SPACE_P6CACHE) ?
			   ioremap_wc(phys, len) : ioremap(phys, len);
		if (!m->vaddr) {
			kfree(m);
			return NULL;
		}
		m->cookie = (void __force *)m->vaddr;
	}
	vp_mapping_keep(a, m);
	atomic_inc(&a->drv->mappings);
	return m->cookie;
}

static struct vp_mapping *vp_mapping_take(struct vp_adapter *a, const void *cookie)
{
	struct vp_mapping *m, *found = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&a->map_lock, flags);
	list_for_each_entry(m, &a->maps, node) {
		if (m->cookie == cookie) {
			list_del(&m->node);
			found = m;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&a->map_lock, flags);
	return found;
}

static void vp_mapping_free(struct vp_adapter *a, struct vp_mapping *m)
{
	atomic_dec(&a->drv->mappings);
	if (m->vaddr)
		iounmap(m->vaddr);
	kfree(m);
}

/* For drm-glue: the physical address behind a pointer the miniport returned. */
bool vp_mapping_lookup(struct vp_adapter *a, const void *p, phys_addr_t *phys,
		       size_t *len)
{
	struct vp_mapping *m;
	unsigned long flags;
	bool ok = false;

	raw_spin_lock_irqsave(&a->map_lock, flags);
	list_for_each_entry(m, &a->maps, node) {
		if (!m->io && p >= m->cookie && p < m->cookie + m->len) {
			*phys = m->phys + (p - m->cookie);
			*len = m->len - (p - m->cookie);
			ok = true;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&a->map_lock, flags);
	return ok;
}

VP_EXPORT(VIDEOPRT, void *, VideoPortGetDeviceBase, void *ext, u64 phys, u32 len,
	  u8 space)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_sleep s;
	void *p;

	VP_VERIFY_IRQL(VP_V_IRQL_DEVBASE, "VideoPortGetDeviceBase", PASSIVE_LEVEL, PASSIVE_LEVEL);
	if (!a)
		return NULL;
	if (!vp_sleep_begin(&s)) {
		vp_warn_once(a->drv, VP_ONCE_SLEEP_ATOMIC,
			     "VideoPortGetDeviceBase called above PASSIVE_LEVEL\n");
		return NULL;
	}
	p = vp_map(a, phys, len, space);
	vp_sleep_end(&s);
	return p;
}

VP_EXPORT(VIDEOPRT, void, VideoPortFreeDeviceBase, void *ext, void *base)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_mapping *m;
	struct vp_sleep s;

	if (!a)
		return;
	m = vp_mapping_take(a, base);
	if (!m) {
		vp_warn_once(a->drv, VP_ONCE_BAD_MAP,
			     "VideoPortFreeDeviceBase: %p is not a mapping of this adapter\n", base);
		return;
	}
	if (vp_sleep_begin(&s)) {
		vp_mapping_free(a, m);
		vp_sleep_end(&s);
	} else {
		/* iounmap may sleep: keep it until the adapter goes away */
		vp_mapping_keep(a, m);
	}
}

/*
 * VideoPortMapMemory.  *virt on input is a process handle for user-mode
 * mappings; there is no Windows process here, so every mapping is a kernel
 * mapping (the only caller that maps frame buffers is drm-glue, in the
 * kernel).  *len may be rounded up by the miniport's caller; we map it as
 * asked.
 */
VP_EXPORT(VIDEOPRT, u32, VideoPortMapMemory, void *ext, u64 phys, u32 *len,
	  u32 *in_io_space, void **virt)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_sleep s;
	u32 space;
	void *p;

	VP_VERIFY_IRQL(VP_V_IRQL_MAP, "VideoPortMapMemory", PASSIVE_LEVEL, PASSIVE_LEVEL);
	if (!a || !len || !in_io_space || !virt || !*len)
		return ERROR_INVALID_PARAMETER;
	space = *in_io_space;
	if (space & VIDEO_MEMORY_SPACE_USER_MODE)
		vp_warn_once(a->drv, VP_ONCE_USER_MAP,
			     "VideoPortMapMemory: user-mode mapping requested, mapping into the kernel\n");
	if (!vp_sleep_begin(&s))
		return ERROR_INVALID_PARAMETER;
	p = vp_map(a, phys, *len, space);
	vp_sleep_end(&s);
	if (!p)
		return ERROR_NOT_ENOUGH_MEMORY;
	*virt = p;
	return NO_ERROR;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortUnmapMemory, void *ext, void *virt, void *process)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vp_mapping *m;
	struct vp_sleep s;

	if (!a)
		return ERROR_INVALID_PARAMETER;
	m = vp_mapping_take(a, virt);
	if (!m)
		return ERROR_INVALID_PARAMETER;
	if (!vp_sleep_begin(&s)) {
		vp_mapping_keep(a, m);
		return ERROR_INVALID_PARAMETER;
	}
	vp_mapping_free(a, m);
	vp_sleep_end(&s);
	return NO_ERROR;
}

/*
 * PCI configuration space of @slot on the adapter's bus.  Config cycles go
 * through the bus and the kernel's raw pci_lock only, with no pci_dev
 * lookup (which takes a sleeping lock): miniports read config space from
 * HwFindAdapter inside the FPU bracket and at raised IRQL.
 */
static u32 vp_bus_data(struct vp_adapter *a, u32 type, u32 slot, u8 *buf, u32 off,
		       u32 len, bool write)
{
	struct pci_bus *bus = a->pdev->bus;
	unsigned int devfn = PCI_DEVFN(slot & 0x1f, (slot >> 5) & 7);
	u32 i, size = PCI_CFG_SPACE_SIZE;
	u16 vendor;

	if (type != WIN_PCI_CONFIGURATION || !buf)
		return 0;
	if (pci_bus_read_config_word(bus, devfn, PCI_VENDOR_ID, &vendor) ||
	    vendor == 0xffff) {
		/* Empty slot: Windows returns 2 and an invalid vendor ID. */
		if (!write && off == 0 && len >= 2) {
			buf[0] = 0xff;
			buf[1] = 0xff;
			return 2;
		}
		return 0;
	}
	if (devfn == a->pdev->devfn)
		size = a->pdev->cfg_size;
	if (off >= size)
		return 0;
	len = min(len, size - off);
	for (i = 0; i < len; i++) {
		if (write)
			pci_bus_write_config_byte(bus, devfn, off + i, buf[i]);
		else
			pci_bus_read_config_byte(bus, devfn, off + i, &buf[i]);
	}
	return len;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortGetBusData, void *ext, u32 type, u32 slot,
	  void *buf, u32 off, u32 len)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);

	return a ? vp_bus_data(a, type, slot, buf, off, len, false) : 0;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortSetBusData, void *ext, u32 type, u32 slot,
	  void *buf, u32 off, u32 len)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);

	return a ? vp_bus_data(a, type, slot, buf, off, len, true) : 0;
}

/* Is [port, port + size) inside an I/O range the miniport claimed? */
bool vp_port_claimed(struct vp_adapter *a, u32 port, u32 size)
{
	unsigned int i;

	for (i = 0; i < a->nio; i++)
		if (port >= a->io_ranges[i].start &&
		    port + size <= a->io_ranges[i].start + a->io_ranges[i].len)
			return true;
	return false;
}

/*
 * Up to @max bytes of the option ROM into @buf (the legacy shadow at
 * 0xc0000 for the boot VGA device, as pci_map_rom chooses); the number
 * of bytes copied, 0 if there is no ROM.  May sleep.
 */
size_t vp_rom_read(struct vp_adapter *a, void *buf, size_t max)
{
	void __iomem *rom;
	size_t size;

	rom = pci_map_rom(a->pdev, &size);
	if (!rom)
		return 0;
	size = min(size, max);
	memcpy_fromio(buf, rom, size);
	pci_unmap_rom(a->pdev, rom);
	return size;
}

/*
 * VideoPortGetRomImage: a copy of the first @len bytes of the option ROM,
 * valid until the next call; @len 0 frees it.  NULL if there is no ROM.
 */
VP_EXPORT(VIDEOPRT, void *, VideoPortGetRomImage, void *ext, void *unused1,
	  u32 unused2, u32 len)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	void __iomem *rom;
	struct vp_sleep s;
	size_t size;
	void *copy = NULL;

	if (!a || !vp_sleep_begin(&s))
		return NULL;
	kfree(a->rom);
	a->rom = NULL;
	if (!len)
		goto out;
	rom = pci_map_rom(a->pdev, &size);
	if (!rom)
		goto out;
	if (len <= size) {
		copy = kmalloc(len, GFP_KERNEL);
		if (copy)
			memcpy_fromio(copy, rom, len);
	}
	pci_unmap_rom(a->pdev, rom);
	a->rom = copy;
out:
	vp_sleep_end(&s);
	return copy;
}

void vp_resources_release(struct vp_adapter *a)
{
	struct vp_mapping *m, *tmp;
	unsigned int n = 0;
	size_t bytes = 0;

	vp_int10_release(a);
	list_for_each_entry_safe(m, tmp, &a->maps, node) {
		list_del(&m->node);
		bytes += m->len;
		vp_mapping_free(a, m);
		n++;
	}
	if (n)
		vp_info(a->drv, "%s: released %u mappings the driver left\n", a->name, n);
	if (n && vp_verifying())
		vp_verify_report(a->drv, VP_V_MAP_LEAK, "VideoPortMapMemory", NULL,
				 "%s: mappings leaked at unload: %u (%zu bytes)", a->name, n,
				 bytes);
	vp_claims_release(a);
	kfree(a->rom);
	a->rom = NULL;
}
