// SPDX-License-Identifier: GPL-2.0
/*
 * Framebuffers: GEM framebuffers of linear buffers only, mapped into the
 * kernel for as long as they exist.
 *
 * Every commit that shows a framebuffer copies from it, and the
 * shadow-plane helpers map it for that copy (drm_gem_fb_vmap() in
 * prepare_fb) and unmap it again afterwards.  For a GEM-shmem buffer that
 * nobody else keeps mapped, that is a vmap() and a vunmap() of every page of
 * the buffer per commit: for a 64x64 update of a 1024x768 buffer far more
 * work than the copy itself.  Holding one mapping from ADDFB until the
 * framebuffer goes away turns the helpers' map into a use count, as it is
 * already for the buffer of the fbdev emulation (mapped for its lifetime).
 * The buffer's pages stay resident meanwhile, as scanout memory would.
 */
#include <linux/iosys-map.h>
#include <linux/slab.h>
#include <drm/drm_damage_helper.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem_framebuffer_helper.h>

#include "drm-glue/vpdrm.h"

struct vpdrm_fb {
	struct drm_framebuffer base;	/* first: drm_gem_fb_destroy() frees it */
	struct iosys_map map[DRM_FORMAT_MAX_PLANES];
	struct iosys_map data[DRM_FORMAT_MAX_PLANES];
	bool mapped;
};

static void vpdrm_fb_destroy(struct drm_framebuffer *fb)
{
	struct vpdrm_fb *vfb = container_of(fb, struct vpdrm_fb, base);

	if (vfb->mapped)
		drm_gem_fb_vunmap(fb, vfb->map);
	drm_gem_fb_destroy(fb);
}

static const struct drm_framebuffer_funcs vpdrm_fb_funcs = {
	.destroy = vpdrm_fb_destroy,
	.create_handle = drm_gem_fb_create_handle,
	.dirty = drm_atomic_helper_dirtyfb,
};

/*
 * Scanout copies with the CPU, so only linear buffers make sense.  The core
 * would refuse a tiled framebuffer only at commit time; refuse it at ADDFB2.
 */
struct drm_framebuffer *vpdrm_fb_create(struct drm_device *dev,
					struct drm_file *file,
					const struct drm_mode_fb_cmd2 *cmd)
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
	ret = drm_gem_fb_init_with_funcs(dev, &vfb->base, file, cmd,
					 &vpdrm_fb_funcs);
	if (ret) {
		kfree(vfb);
		return ERR_PTR(ret);
	}
	/*
	 * A buffer that cannot be mapped now (an imported one without a
	 * kernel mapping, say) is still a framebuffer: the helpers then try
	 * at each commit, and fail that commit as they always did.
	 */
	vfb->mapped = !drm_gem_fb_vmap(&vfb->base, vfb->map, vfb->data);
	return &vfb->base;
}
