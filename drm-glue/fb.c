// SPDX-License-Identifier: GPL-2.0
/*
 * Framebuffers: GEM framebuffers (linear only) whose DIRTYFB is an atomic
 * commit with the damage, and which keep one kernel mapping of their
 * buffers for as long as they exist.
 *
 * The shadow-plane helpers map a framebuffer's buffers for every commit that
 * shows it and drop that mapping when a later commit has replaced it, so a
 * client flipping between framebuffers would map and unmap every page of
 * each buffer on every flip.  A framebuffer keeps a mapping of its own from
 * the first time a plane shows it until it is destroyed: the helpers' then
 * only count references.  Kernel mappings of our shmem objects always see
 * their pages (zerocopy.c), so the kept one stays right whatever zero-copy
 * and dma-buf export do with the buffer.  Imported buffers are not kept
 * mapped: that mapping belongs to their exporter, which may want to move
 * them while they are not shown.
 */
#include <linux/mutex.h>
#include <linux/slab.h>
#include <drm/drm_damage_helper.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem.h>
#include <drm/drm_gem_framebuffer_helper.h>

#include "vpwrap/compat_drm.h"
#include "drm-glue/vpdrm.h"

struct vpdrm_fb {
	struct drm_framebuffer base;	/* first: drm_gem_fb_destroy() frees it */
	struct mutex lock;		/* orders taking @map */
	bool mapped;			/* @map holds the kept mapping */
	struct iosys_map map[DRM_FORMAT_MAX_PLANES];
};

static struct vpdrm_fb *to_vpdrm_fb(struct drm_framebuffer *fb)
{
	return container_of(fb, struct vpdrm_fb, base);
}

/*
 * DIRTYFB: a commit with the damage, unless the buffer is the one in video
 * memory (zerocopy.c), where what userspace drew is on screen already.
 */
static int vpdrm_fb_dirty(struct drm_framebuffer *fb, struct drm_file *file,
			  unsigned int flags, unsigned int color,
			  struct drm_clip_rect *clips, unsigned int num_clips)
{
	struct vpdrm_device *vdev = to_vpdrm(fb->dev);

	vpdrm_con_flushed(vdev, fb);
	if (vpdrm_zc_shown(vdev, fb))
		return 0;
	return drm_atomic_helper_dirtyfb(fb, file, flags, color, clips,
					 num_clips);
}

/* The last reference is gone, so no plane shows it: drop the mapping. */
static void vpdrm_fb_destroy(struct drm_framebuffer *fb)
{
	struct vpdrm_fb *vfb = to_vpdrm_fb(fb);

	if (vfb->mapped)
		drm_gem_fb_vunmap(fb, vfb->map);
	mutex_destroy(&vfb->lock);
	drm_gem_fb_destroy(fb);
}

static const struct drm_framebuffer_funcs vpdrm_fb_funcs = {
	.destroy = vpdrm_fb_destroy,
	.create_handle = drm_gem_fb_create_handle,
	.dirty = vpdrm_fb_dirty,
};

/*
 * A plane is about to show @fb: map its buffers once for its lifetime, if
 * they are ours.  Failing is harmless: the shadow-plane helpers map it per
 * commit then, and report their own failure.
 */
void vpdrm_fb_keep_mapped(struct drm_framebuffer *fb)
{
	struct vpdrm_fb *vfb;
	unsigned int i;

	if (fb->funcs != &vpdrm_fb_funcs)
		return;
	vfb = to_vpdrm_fb(fb);
	if (READ_ONCE(vfb->mapped))
		return;
	for (i = 0; i < fb->format->num_planes; i++)
		if (fb->obj[i]->import_attach)
			return;
	mutex_lock(&vfb->lock);
	if (!vfb->mapped && !drm_gem_fb_vmap(fb, vfb->map, NULL))
		WRITE_ONCE(vfb->mapped, true);
	mutex_unlock(&vfb->lock);
}

/*
 * Scanout copies with the CPU, so only linear buffers make sense.  The core
 * would refuse a tiled framebuffer only at commit time; refuse it at ADDFB2.
 */
struct drm_framebuffer *
vpdrm_fb_create(VPDRM_FB_CREATE_ARGS(dev, file, info, cmd))
{
	struct vpdrm_fb *vfb;
	unsigned int i;
	int ret;

	if (cmd->flags & DRM_MODE_FB_MODIFIERS)
		for (i = 0; i < DRM_FORMAT_MAX_PLANES; i++)
			if (cmd->handles[i] &&
			    cmd->modifier[i] != DRM_FORMAT_MOD_LINEAR)
				return ERR_PTR(-EINVAL);
	vfb = kzalloc(sizeof(*vfb), GFP_KERNEL);
	if (!vfb)
		return ERR_PTR(-ENOMEM);
	ret = vpdrm_gem_fb_init_with_funcs(dev, &vfb->base, file, info, cmd,
					   &vpdrm_fb_funcs);
	if (ret) {
		kfree(vfb);
		return ERR_PTR(ret);
	}
	mutex_init(&vfb->lock);
	return &vfb->base;
}
