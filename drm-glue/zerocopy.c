// SPDX-License-Identifier: GPL-2.0
/*
 * Zero-copy scanout.  The miniport scans out of one fixed place, the frame
 * buffer MAP_VIDEO_MEMORY returned, and video port offers no way to move the
 * display start.  So instead of the screen following the buffer, the buffer
 * follows the screen: a dumb buffer that userspace maps and that matches the
 * current mode's layout byte for byte moves into the visible frame buffer
 * while it is the one shown.  Its user mappings then fault in video memory
 * (write-combined), so drawing is the update and a commit has nothing to
 * copy; when another buffer takes the screen, the mode changes, or the
 * software cursor needs to draw into the picture, it moves back into its
 * shmem pages (its content copied out first).  Every other buffer keeps the
 * shadow copy.
 *
 * A buffer moves in on its second commit in a row as the primary plane's
 * framebuffer (DIRTYFB or an atomic update with damage): a client that
 * flips between buffers would pay a copy in and a copy out per flip, more
 * than the one copy of the shadow path, so flipping stays on that path.
 * A commit that sets the mode never moves a buffer in: it is the buffer's
 * first showing in that layout, and a client that switches modes back and
 * forth would pay a copy out at every other switch on top of the copy the
 * new layout needs anyway.
 *
 * Kernel mappings (vmap) always see the shmem pages: the shadow-plane
 * helpers' mapping of a resident buffer is stale and is not read (the
 * primary plane copies nothing then; the software cursor evicts first), and
 * buffers that kernel clients draw into through a vmap are never mapped by
 * userspace through GEM, so they never move in.  The fbdev emulation's
 * console has its own way into the frame buffer (fbdev.c), with the same
 * rules for when it is shown in place and the same eviction points.
 *
 * @zc.lock orders residency against page faults: a mapping is zapped before
 * the content moves, and a fault maps whichever place the buffer is in while
 * holding the lock.
 */
#include <linux/io.h>
#include <linux/iosys-map.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/slab.h>
#include <drm/drm_atomic.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem.h>
#include <drm/drm_gem_framebuffer_helper.h>
#include <drm/drm_gem_shmem_helper.h>
#include <drm/drm_prime.h>
#include <drm/drm_vma_manager.h>

#include "drm-glue/vpdrm.h"

/* A GEM-shmem object that remembers whether userspace mapped it. */
struct vpdrm_bo {
	struct drm_gem_shmem_object shmem;	/* first: shmem frees it */
	bool user_mapped;
};

static struct vpdrm_bo *to_vpdrm_bo(struct drm_gem_object *obj)
{
	return container_of(to_drm_gem_shmem_obj(obj), struct vpdrm_bo, shmem);
}

static const struct drm_gem_object_funcs vpdrm_gem_funcs;

/* Map the whole resident object into @vma: video memory, write-combined. */
static vm_fault_t vpdrm_zc_fault_vram(struct vpdrm_device *vdev,
				      struct vm_area_struct *vma,
				      size_t size)
{
	unsigned long pfn = PHYS_PFN(vdev->fb.phys + vdev->fb.offset);
	pgprot_t prot = pgprot_writecombine(vma->vm_page_prot);
	unsigned long addr, end = min(vma->vm_end, vma->vm_start + size);
	vm_fault_t ret = VM_FAULT_NOPAGE;

	for (addr = vma->vm_start; addr < end; addr += PAGE_SIZE, pfn++) {
		ret = vmf_insert_pfn_prot(vma, addr, pfn, prot);
		if (ret & VM_FAULT_ERROR)
			break;
	}
	return ret;
}

static vm_fault_t vpdrm_gem_fault(struct vm_fault *vmf)
{
	struct drm_gem_object *obj = vmf->vma->vm_private_data;
	struct vpdrm_device *vdev = to_vpdrm(obj->dev);
	vm_fault_t ret;

	mutex_lock(&vdev->zc.lock);
	if (vdev->zc.fb && vdev->zc.fb->obj[0] == obj)
		ret = vpdrm_zc_fault_vram(vdev, vmf->vma, obj->size);
	else
		ret = drm_gem_shmem_vm_ops.fault(vmf);
	mutex_unlock(&vdev->zc.lock);
	return ret;
}

static void vpdrm_gem_vm_open(struct vm_area_struct *vma)
{
	drm_gem_shmem_vm_ops.open(vma);
}

static void vpdrm_gem_vm_close(struct vm_area_struct *vma)
{
	drm_gem_shmem_vm_ops.close(vma);
}

static const struct vm_operations_struct vpdrm_gem_vm_ops = {
	.fault = vpdrm_gem_fault,
	.open = vpdrm_gem_vm_open,
	.close = vpdrm_gem_vm_close,
};

static int vpdrm_gem_mmap(struct drm_gem_object *obj,
			  struct vm_area_struct *vma)
{
	int ret = drm_gem_shmem_object_mmap(obj, vma);

	if (ret || obj->import_attach)
		return ret;
	if (vma->vm_ops == &drm_gem_shmem_vm_ops)
		vma->vm_ops = &vpdrm_gem_vm_ops;
	to_vpdrm_bo(obj)->user_mapped = true;
	return 0;
}

/* An exported buffer is read through its pages: bring it home first. */
static struct dma_buf *vpdrm_gem_export(struct drm_gem_object *obj, int flags)
{
	struct vpdrm_device *vdev = to_vpdrm(obj->dev);

	mutex_lock(&vdev->zc.lock);
	if (vdev->zc.fb && vdev->zc.fb->obj[0] == obj)
		vpdrm_zc_evict_locked(vdev);
	mutex_unlock(&vdev->zc.lock);
	return drm_gem_prime_export(obj, flags);
}

/*
 * Give the object's pages back to its shmem file before it is freed.  The
 * fbdev emulation's deferred I/O of the kernels that take page->mapping
 * (compat_drm.h) leaves the pages of a buffer /dev/fb0 mapped pointing at
 * the fb file or at nothing; shmem would then spin truncating the file once
 * the object lets it go.  The page offsets deferred I/O stored meanwhile are
 * the object's own (the emulation maps the buffer from its first page).
 */
static void vpdrm_gem_own_pages(struct drm_gem_object *obj)
{
	struct address_space *mapping;
	pgoff_t index;

	if (!VPDRM_FBDEFIO_TAKES_PAGE_MAPPING || !obj->filp)
		return;
	mapping = obj->filp->f_mapping;
	for (index = 0; index < obj->size >> PAGE_SHIFT; index++) {
		/* not filemap_lock_folio(): it waits for the mapping to match */
		struct folio *folio = filemap_get_folio(mapping, index);

		if (IS_ERR_OR_NULL(folio))	/* NULL before 6.3 */
			continue;
		folio_lock(folio);
		if (folio->mapping != mapping)
			folio->mapping = mapping;
		folio_unlock(folio);
		folio_put(folio);
	}
}

static void vpdrm_gem_free(struct drm_gem_object *obj)
{
	vpdrm_gem_own_pages(obj);
	drm_gem_shmem_object_free(obj);
}

/* The GEM-shmem helpers' object functions, with our mmap and faults. */
static const struct drm_gem_object_funcs vpdrm_gem_funcs = {
	.free = vpdrm_gem_free,
	.print_info = drm_gem_shmem_object_print_info,
	.pin = drm_gem_shmem_object_pin,
	.unpin = drm_gem_shmem_object_unpin,
	.get_sg_table = drm_gem_shmem_object_get_sg_table,
	.vmap = drm_gem_shmem_object_vmap,
	.vunmap = drm_gem_shmem_object_vunmap,
	.mmap = vpdrm_gem_mmap,
	.export = vpdrm_gem_export,
	.vm_ops = &vpdrm_gem_vm_ops,
};

struct drm_gem_object *vpdrm_gem_create_object(struct drm_device *dev,
					       size_t size)
{
	struct vpdrm_bo *bo = kzalloc(sizeof(*bo), GFP_KERNEL);

	if (!bo)
		return ERR_PTR(-ENOMEM);
	bo->shmem.base.funcs = &vpdrm_gem_funcs;
	return &bo->shmem.base;
}

/*
 * Is @ps's framebuffer laid out as the current mode's visible frame buffer?
 * Same bytes per pixel and pitch, shown from its first byte, and no
 * software cursor drawn over the picture.  The console (fbdev.c) asks too.
 */
bool vpdrm_zc_layout_fits(struct vpdrm_device *vdev,
			  const struct drm_plane_state *ps)
{
	const struct vpdrm_mode *vm = vdev->hw_mode;
	const struct drm_plane_state *cursor = vdev->cursor.state;
	struct drm_framebuffer *fb = ps ? ps->fb : NULL;
	u32 format;

	if (!fb || !ps->visible || !vm || !vdev->fb_mapped || !vdev->fb.phys)
		return false;
	if (vdev->sw_cursor && cursor && cursor->visible)
		return false;
	format = fb->format->format;
	if (format == DRM_FORMAT_ARGB8888)
		format = DRM_FORMAT_XRGB8888;	/* the same bytes */
	if (format != vm->format || fb->format->num_planes != 1 ||
	    fb->offsets[0] || fb->pitches[0] != vm->vp.stride)
		return false;
	return !(ps->src.x1 || ps->src.y1 || ps->dst.x1 || ps->dst.y1);
}

/*
 * Can @ps's framebuffer live in the visible frame buffer of the current
 * mode?  Laid out as it, and one of our own objects that userspace draws
 * into through a mapping.
 */
static bool vpdrm_zc_fits(struct vpdrm_device *vdev,
			  const struct drm_plane_state *ps)
{
	const struct vpdrm_mode *vm = vdev->hw_mode;
	struct drm_gem_object *obj;

	if (!vpdrm_zc_layout_fits(vdev, ps))
		return false;
	obj = ps->fb->obj[0];
	if (obj->funcs != &vpdrm_gem_funcs || obj->import_attach ||
	    obj->dma_buf || !to_vpdrm_bo(obj)->user_mapped)
		return false;
	/* Its pages may cover the screen and the rest of the last page only. */
	if (obj->size > PAGE_ALIGN((size_t)vm->vp.stride * vm->vp.height) ||
	    obj->size > vdev->fb.size - vdev->fb.offset ||
	    !PAGE_ALIGNED(vdev->fb.phys + vdev->fb.offset))
		return false;
	return true;
}

/* Zap every user mapping of @obj: the next access faults in its new home. */
static void vpdrm_zc_zap(struct drm_gem_object *obj)
{
	drm_vma_node_unmap(&obj->vma_node, obj->dev->anon_inode->i_mapping);
}

/* The resident buffer goes back to its pages, with what the screen shows. */
void vpdrm_zc_evict_locked(struct vpdrm_device *vdev)
{
	struct drm_framebuffer *fb = vdev->zc.fb;

	if (!fb)
		return;
	vpdrm_zc_zap(fb->obj[0]);
	if (vdev->fb_mapped)
		memcpy_fromio(vdev->zc.data[0].vaddr,
			      vdev->fb.vaddr + vdev->fb.offset,
			      fb->obj[0]->size);
	vdev->zc.fb = NULL;
	drm_gem_fb_vunmap(fb, vdev->zc.map);
	drm_framebuffer_put(fb);
}

/* Whatever lives in the frame buffer, the console too, moves out. */
void vpdrm_zc_evict(struct vpdrm_device *vdev)
{
	mutex_lock(&vdev->zc.lock);
	vpdrm_zc_evict_locked(vdev);
	mutex_unlock(&vdev->zc.lock);
	vpdrm_con_evict(vdev);
}

/*
 * Start of a commit tail (the new states are current): the resident buffer
 * stays only if it is still shown the same way in the same mode.
 */
void vpdrm_zc_commit_begin(struct vpdrm_device *vdev)
{
	const struct drm_crtc_state *cs = vdev->crtc.state;
	const struct drm_plane_state *ps = vdev->primary.state;
	bool same_mode = cs->active &&
		to_vpdrm_crtc_state(vdev->crtc.state)->vmode == vdev->hw_mode;

	if (READ_ONCE(vdev->con.resident) &&
	    (!same_mode || ps->fb != vdev->con.fb ||
	     !vpdrm_zc_layout_fits(vdev, ps)))
		vpdrm_con_evict(vdev);
	if (!READ_ONCE(vdev->zc.fb))
		return;
	mutex_lock(&vdev->zc.lock);
	if (vdev->zc.fb && (!same_mode || ps->fb != vdev->zc.fb ||
			    !vpdrm_zc_fits(vdev, ps)))
		vpdrm_zc_evict_locked(vdev);
	mutex_unlock(&vdev->zc.lock);
}

/*
 * The primary plane's update, with the screen in the new state's mode: is
 * the framebuffer resident (nothing to copy)?  A buffer shown a second time
 * in a row in the same mode (@modeset: this commit set it) that fits moves
 * in now: its content is copied into the frame buffer once, and its user
 * mappings fault in there from then on.
 */
bool vpdrm_zc_primary(struct vpdrm_device *vdev,
		      const struct drm_plane_state *old,
		      const struct drm_plane_state *new, bool modeset)
{
	struct drm_framebuffer *fb = new->fb;
	bool resident;

	if (READ_ONCE(vdev->zc.fb) == fb)
		return true;
	if (fb == READ_ONCE(vdev->con.fb))
		return vpdrm_con_primary(vdev, old, new, modeset);
	if (modeset || !old || old->fb != fb || !vpdrm_zc_fits(vdev, new))
		return false;

	mutex_lock(&vdev->zc.lock);
	resident = vdev->zc.fb == fb;
	if (!resident && !vdev->zc.fb &&
	    !drm_gem_fb_vmap(fb, vdev->zc.map, vdev->zc.data)) {
		if (vdev->zc.data[0].is_iomem) {
			drm_gem_fb_vunmap(fb, vdev->zc.map);
		} else {
			vpdrm_zc_zap(fb->obj[0]);
			memcpy_toio(vdev->fb.vaddr + vdev->fb.offset,
				    vdev->zc.data[0].vaddr, fb->obj[0]->size);
			drm_framebuffer_get(fb);
			vdev->zc.fb = fb;
			resident = true;
		}
	}
	mutex_unlock(&vdev->zc.lock);
	return resident;
}

/*
 * DIRTYFB on the resident buffer (or the console in video memory): what it
 * flushes is on screen already.
 */
bool vpdrm_zc_shown(struct vpdrm_device *vdev, struct drm_framebuffer *fb)
{
	return (READ_ONCE(vdev->zc.fb) == fb || vpdrm_con_shown(vdev, fb)) &&
	       !READ_ONCE(vdev->crc.enabled);
}

void vpdrm_zc_init(struct vpdrm_device *vdev)
{
	mutex_init(&vdev->zc.lock);
	vpdrm_fbdev_early_init(vdev);
}
