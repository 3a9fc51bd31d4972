// SPDX-License-Identifier: GPL-2.0
/*
 * VideoPortInt10 and the Int10 interface of VideoPortQueryServices: the
 * adapter's own video BIOS, run by the vpwrap-int10 helper
 * (int10_chan.c) in the address space of int10_mem.c.
 *
 * The session starts on an adapter's first BIOS use and lives until the
 * adapter goes away.  Where Int10 cannot run (no helper installed, not
 * the boot VGA device, the helper keeps failing) every function still
 * exists and fails with its documented code; the first failure says why.
 */
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/vmalloc.h>
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/int10.h"
#include "videoport/adapter.h"
#include "videoport/thunk.h"

/* the scratch page of the VBE probe: the last page of the buffer area */
#define VP_INT10_PROBE		(VP_INT10_BUF_END - 0x1000u)

static int vp_int10_create(struct vp_adapter *a)
{
	struct vp_int10 *s;
	int ret;

	if (vp_int10_disabled())
		return -EPERM;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	kref_init(&s->ref);
	mutex_init(&s->lock);
	mutex_init(&s->access_lock);
	init_waitqueue_head(&s->wq);
	s->a = a;
	s->mem = vmalloc_user(VPINT10_MEM_SIZE);
	s->snap = vmalloc(VPINT10_MEM_SIZE);
	ret = -ENOMEM;
	if (!s->mem || !s->snap)
		goto err;
	ret = vp_int10_mem_build(s);
	if (ret)
		goto err;
	/* the probe page is ours, never handed out */
	set_bit((VP_INT10_PROBE - VP_INT10_BUF_START) >> 12, s->buf_used);
	ret = vp_int10_chan_get();
	if (ret)
		goto err;
	vp_int10_list_add(s);
	a->int10 = s;
	return 0;
err:
	vp_int10_mem_unmap(s);
	vp_int10_put(s);
	return ret;
}

/* A string at real-mode far pointer @fp in low memory, printable ASCII. */
static void vp_int10_far_string(struct vp_int10 *s, u32 fp, char *out, size_t len)
{
	u32 lin = ((fp >> 16) << 4) + (fp & 0xffff);
	size_t i;

	for (i = 0; i + 1 < len && lin + i < VPINT10_MEM_SIZE; i++) {
		u8 c = s->mem[lin + i];

		if (!c)
			break;
		out[i] = c >= 0x20 && c < 0x7f ? c : '?';
	}
	out[i] = '\0';
}

/* Under s->lock: VBE 0x4f00 once, for video_bios in sysfs. */
static void vp_int10_probe(struct vp_int10 *s)
{
	struct vpint10_regs r = {
		.eax = 0x4f00, .edi = VP_INT10_PROBE & 0xf, .es = VP_INT10_PROBE >> 4,
	};
	u8 *info = s->mem + VP_INT10_PROBE;

	s->probed = true;
	memset(info, 0, 512);
	memcpy(info, "VBE2", 4);
	if (vp_int10_call(s, 0x10, &r) || (r.eax & 0xffff) != 0x004f ||
	    memcmp(info, "VESA", 4)) {
		vp_info(s->a->drv, "%s: Int10: the video BIOS offers no VBE\n", s->a->name);
		smp_store_release(&s->described, true);
		return;
	}
	s->vbe_version = info[4] | info[5] << 8;
	vp_int10_far_string(s, info[6] | info[7] << 8 | info[8] << 16 | (u32)info[9] << 24,
			   s->oem, sizeof(s->oem));
	vp_info(s->a->drv, "%s: Int10: video BIOS \"%s\", VBE %u.%u\n", s->a->name, s->oem,
		s->vbe_version >> 8, s->vbe_version & 0xff);
	smp_store_release(&s->described, true);
}

/*
 * The adapter's session with s->lock held, or NULL if Int10 cannot run
 * (then the reason was logged once).
 */
struct vp_int10 *vp_int10_get(struct vp_adapter *a)
{
	struct vp_int10 *s;

	if (!a->int10 && !a->int10_err) {
		a->int10_err = vp_int10_create(a);
		if (a->int10_err)
			vp_err(a->drv, "%s: Int10: video BIOS calls are not available (%s)\n",
			       a->name, vp_int10_disabled() ? "int10_helper= is empty" :
			       "see above");
	}
	s = a->int10;
	if (!s)
		return NULL;
	mutex_lock(&s->lock);
	if (!s->probed)
		vp_int10_probe(s);
	if (s->dead) {		/* the helper cannot run: every function fails */
		mutex_unlock(&s->lock);
		return NULL;
	}
	return s;
}

/* The adapter is going away (after its miniport stopped using it). */
void vp_int10_release(struct vp_adapter *a)
{
	struct vp_int10 *s = a->int10;

	if (!s)
		return;
	mutex_lock(&s->lock);
	vp_int10_helper_stop(s);
	mutex_lock(&s->access_lock);
	s->a = NULL;
	vp_int10_mem_unmap(s);
	mutex_unlock(&s->access_lock);
	if (s->iface_refs)
		vp_warn(a->drv, "%s: Int10 interface still referenced %d times at removal\n",
			a->name, s->iface_refs);
	mutex_unlock(&s->lock);
	vp_int10_list_del(s);
	vp_int10_put(s);
	vp_int10_chan_put();
	a->int10 = NULL;
	a->int10_err = 0;
}

/*
 * sysfs <device>/vpwrap/video_bios.  Never waits for a BIOS call: what the
 * probe found is published once (s->described) and not changed after.
 */
ssize_t vp_adapter_video_bios(struct vp_adapter *a, char *buf)
{
	struct vp_int10 *s = a->int10;

	if (!s)
		return sysfs_emit(buf, a->int10_err ? "not available (%d)\n" : "not used\n",
				  a->int10_err);
	if (!smp_load_acquire(&s->described))
		return sysfs_emit(buf, "not probed yet\n");
	if (!s->vbe_version)
		return sysfs_emit(buf, "no VBE\n");
	return sysfs_emit(buf, "%s, VBE %u.%u\n", s->oem, s->vbe_version >> 8,
			  s->vbe_version & 0xff);
}

/*
 * One BIOS call for a miniport: @vector's handler with @r, at
 * PASSIVE_LEVEL.  NO_ERROR, or ERROR_INVALID_PARAMETER (the failure
 * VideoPortInt10 and Int10CallBios document) after the log said why.
 */
static u32 vp_int10_run(struct vp_adapter *a, struct vpint10_regs *r)
{
	struct vp_int10 *s;
	struct vp_sleep sl;
	int ret = -EPERM;

	if (!vp_sleep_begin(&sl)) {
		vp_warn_once(a->drv, VP_ONCE_SLEEP_ATOMIC,
			     "Int10: BIOS call above PASSIVE_LEVEL refused\n");
		return ERROR_INVALID_PARAMETER;
	}
	s = vp_int10_get(a);
	if (s) {
		ret = vp_int10_call(s, 0x10, r);
		mutex_unlock(&s->lock);
	}
	vp_sleep_end(&sl);
	return ret ? ERROR_INVALID_PARAMETER : NO_ERROR;
}

/* VIDEO_X86_BIOS_ARGUMENTS */
struct win_x86_bios_args {
	u32 eax, ebx, ecx, edx, esi, edi, ebp;
};

/*
 * Runs INT 10h with the general registers @gp (both Windows argument
 * blocks start with eax..ebp) and, where the caller has them, DS and ES;
 * copies them back only when the call succeeded.
 */
static u32 vp_int10_run_args(void *ext, struct win_x86_bios_args *gp,
			     u16 *ds, u16 *es)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct vpint10_regs r = { };
	u32 st;

	if (!a || !gp)
		return ERROR_INVALID_PARAMETER;
	r.eax = gp->eax;
	r.ebx = gp->ebx;
	r.ecx = gp->ecx;
	r.edx = gp->edx;
	r.esi = gp->esi;
	r.edi = gp->edi;
	r.ebp = gp->ebp;
	if (ds)
		r.ds = *ds;
	if (es)
		r.es = *es;
	st = vp_int10_run(a, &r);
	if (st == NO_ERROR) {
		gp->eax = r.eax;
		gp->ebx = r.ebx;
		gp->ecx = r.ecx;
		gp->edx = r.edx;
		gp->esi = r.esi;
		gp->edi = r.edi;
		gp->ebp = r.ebp;
		if (ds)
			*ds = r.ds;
		if (es)
			*es = r.es;
	}
	return st;
}

VP_EXPORT(VIDEOPRT, u32, VideoPortInt10, void *ext, struct win_x86_bios_args *args)
{
	return vp_int10_run_args(ext, args, NULL, NULL);
}

/*
 * The Int10 interface (VideoPortQueryServices(VideoPortServicesInt10)).
 * Context is the HwDeviceExtension.  Buffers are whole 4 KiB pages in the
 * emulated low memory, handed out as segment:0000, at most one segment
 * (64 KiB) each.
 */
struct win_int10_bios_args {
	struct win_x86_bios_args gp;	/* eax..ebp, as VideoPortInt10's */
	u16 ds, es;
};

struct win_int10_interface {
	u16 size;
	u16 version;
	void *context;
	void *reference;
	void *dereference;
	void *allocate_buffer;
	void *free_buffer;
	void *read_memory;
	void *write_memory;
	void *call_bios;
};

/* The adapter's session for an interface call, locked; NULL logs why. */
static struct vp_int10 *vp_int10_iface_session(void *ctx, const char *fn, struct vp_sleep *sl)
{
	struct vp_adapter *a = vp_adapter_from_ext(ctx);
	struct vp_int10 *s;

	if (!a)
		return NULL;
	if (!vp_sleep_begin(sl)) {
		vp_warn_once(a->drv, VP_ONCE_SLEEP_ATOMIC,
			     "Int10: %s above PASSIVE_LEVEL refused\n", fn);
		return NULL;
	}
	s = vp_int10_get(a);
	if (!s)
		vp_sleep_end(sl);
	return s;
}

static void vp_int10_iface_done(struct vp_int10 *s, struct vp_sleep *sl)
{
	mutex_unlock(&s->lock);
	vp_sleep_end(sl);
}

/*
 * InterfaceReference/InterfaceDereference are plain function pointers in
 * miniport.h (no NTAPI): miniport code calls them __cdecl.
 */
static void WINAPI_CDECL vp_int10_ref(void *ctx)
{
	struct vp_adapter *a = vp_adapter_from_ext(ctx);

	if (a && a->int10)
		a->int10->iface_refs++;
}

static void WINAPI_CDECL vp_int10_deref(void *ctx)
{
	struct vp_adapter *a = vp_adapter_from_ext(ctx);

	if (a && a->int10 && a->int10->iface_refs > 0)
		a->int10->iface_refs--;
}

static u32 WINAPI vp_int10_alloc(void *ctx, u16 *seg, u16 *off, u32 *len)
{
	struct vp_int10 *s;
	struct vp_sleep sl;
	unsigned int pages, first;
	u32 st = ERROR_NOT_ENOUGH_MEMORY;

	if (!seg || !off || !len)
		return ERROR_INVALID_PARAMETER;
	s = vp_int10_iface_session(ctx, "Int10AllocateBuffer", &sl);
	if (!s)
		return ERROR_NOT_ENOUGH_MEMORY;
	if (!*len || *len > VP_INT10_BUF_MAX) {
		vp_warn(s->a->drv, "%s: Int10AllocateBuffer: %u bytes asked, 1 to %u possible\n",
			s->a->name, *len, VP_INT10_BUF_MAX);
		*len = VP_INT10_BUF_MAX;
		goto out;
	}
	pages = DIV_ROUND_UP(*len, VP_INT10_PAGE);
	first = bitmap_find_next_zero_area(s->buf_used, VP_INT10_BUF_PAGES, 0, pages, 0);
	if (first >= VP_INT10_BUF_PAGES) {
		vp_warn(s->a->drv, "%s: Int10AllocateBuffer: no room for %u bytes in low memory\n",
			s->a->name, *len);
		goto out;
	}
	bitmap_set(s->buf_used, first, pages);
	s->buf_pages[first] = pages;
	memset(s->mem + VP_INT10_BUF_START + first * VP_INT10_PAGE, 0, pages * VP_INT10_PAGE);
	*seg = (VP_INT10_BUF_START + first * VP_INT10_PAGE) >> 4;
	*off = 0;
	*len = pages * VP_INT10_PAGE;
	st = NO_ERROR;
out:
	vp_int10_iface_done(s, &sl);
	return st;
}

static u32 WINAPI vp_int10_free_buf(void *ctx, u16 seg, u16 off)
{
	u32 lin = ((u32)seg << 4) + off, first;
	struct vp_int10 *s;
	struct vp_sleep sl;
	u32 st = ERROR_INVALID_PARAMETER;

	s = vp_int10_iface_session(ctx, "Int10FreeBuffer", &sl);
	if (!s)
		return ERROR_INVALID_PARAMETER;
	first = (lin - VP_INT10_BUF_START) / VP_INT10_PAGE;
	if (lin < VP_INT10_BUF_START || lin >= VP_INT10_BUF_END || lin % VP_INT10_PAGE ||
	    !s->buf_pages[first]) {
		vp_warn(s->a->drv, "%s: Int10FreeBuffer: %04x:%04x is not a buffer of ours\n",
			s->a->name, seg, off);
		goto out;
	}
	bitmap_clear(s->buf_used, first, s->buf_pages[first]);
	s->buf_pages[first] = 0;
	st = NO_ERROR;
out:
	vp_int10_iface_done(s, &sl);
	return st;
}

/* Int10Read/WriteMemory: anywhere in the emulated 1 MiB but the VGA window. */
static u32 vp_int10_copy(void *ctx, u16 seg, u16 off, void *buf, u32 len, bool write)
{
	const char *fn = write ? "Int10WriteMemory" : "Int10ReadMemory";
	u32 lin = ((u32)seg << 4) + off;
	struct vp_int10 *s;
	struct vp_sleep sl;
	u32 st = ERROR_INVALID_PARAMETER;

	s = vp_int10_iface_session(ctx, fn, &sl);
	if (!s)
		return ERROR_INVALID_PARAMETER;
	if (!buf || !len || len > VPINT10_MEM_SIZE || lin + len > VPINT10_MEM_SIZE ||
	    (lin < VPINT10_VGA_END && lin + len > VPINT10_VGA_START)) {
		vp_warn(s->a->drv, "%s: %s: %04x:%04x + %u bytes%s is outside the BIOS's low memory\n",
			s->a->name, fn, seg, off, len, buf ? "" : " (NULL buffer)");
		goto out;
	}
	if (write)
		memcpy(s->mem + lin, buf, len);
	else
		memcpy(buf, s->mem + lin, len);
	st = NO_ERROR;
out:
	vp_int10_iface_done(s, &sl);
	return st;
}

static u32 WINAPI vp_int10_read(void *ctx, u16 seg, u16 off, void *buf, u32 len)
{
	return vp_int10_copy(ctx, seg, off, buf, len, false);
}

static u32 WINAPI vp_int10_write(void *ctx, u16 seg, u16 off, void *buf, u32 len)
{
	return vp_int10_copy(ctx, seg, off, buf, len, true);
}

static u32 WINAPI vp_int10_call_bios(void *ctx, struct win_int10_bios_args *args)
{
	if (!args)
		return ERROR_INVALID_PARAMETER;
	return vp_int10_run_args(ctx, &args->gp, &args->ds, &args->es);
}

/*
 * Fills the interface whenever the request is well formed, so a miniport
 * that ignores the status still calls functions that fail cleanly; the
 * status says whether the BIOS can actually run (ERROR_INVALID_FUNCTION:
 * the service is not available here).  The interface comes referenced
 * once, as Windows hands out interfaces.
 */
u32 vp_int10_interface(void *ext, void *p)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	struct win_int10_interface *itf = p;
	struct vp_int10 *s;
	struct vp_sleep sl;
	bool ok = false;

	if (itf->size < sizeof(*itf) || itf->version != 1)
		return ERROR_INVALID_PARAMETER;
	itf->context = ext;
	/* Miniport code calls these: through their IBT stubs (ibt.h). */
	itf->reference = vp_export_thunk(vp_int10_ref);
	itf->dereference = vp_export_thunk(vp_int10_deref);
	itf->allocate_buffer = vp_export_thunk(vp_int10_alloc);
	itf->free_buffer = vp_export_thunk(vp_int10_free_buf);
	itf->read_memory = vp_export_thunk(vp_int10_read);
	itf->write_memory = vp_export_thunk(vp_int10_write);
	itf->call_bios = vp_export_thunk(vp_int10_call_bios);
	if (!itf->reference || !itf->dereference || !itf->allocate_buffer ||
	    !itf->free_buffer || !itf->read_memory || !itf->write_memory ||
	    !itf->call_bios)
		return ERROR_NOT_ENOUGH_MEMORY;
	s = vp_int10_iface_session(ext, "VideoPortQueryServices(Int10)", &sl);
	if (s) {
		ok = vp_int10_alive(s);
		s->iface_refs++;
		vp_int10_iface_done(s, &sl);
	}
	if (!ok && a)
		vp_warn(a->drv, "%s: Int10 interface handed out, but the video BIOS cannot run here\n",
			a->name);
	return ok ? NO_ERROR : ERROR_INVALID_FUNCTION;
}
