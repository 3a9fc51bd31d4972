// SPDX-License-Identifier: GPL-2.0
/*
 * The console in video memory.  The kernel's fbdev emulation draws the
 * console into a buffer in RAM, and a damage worker copies what changed to
 * the screen with a commit per flush.  While the emulation's framebuffer is
 * the one shown and its layout is the current mode's byte for byte, the
 * console draws straight into the frame buffer the miniport mapped
 * (write-combined) instead: drawing is the update, no damage is recorded,
 * no worker runs, nothing is committed.  When another framebuffer takes the
 * screen, the mode changes, the software cursor shows or the device goes
 * (zerocopy.c's eviction points), the console moves back into RAM with
 * what the screen shows, and the damage path takes over again.
 *
 * The emulation itself (its buffer, deferred I/O for /dev/fb0 mappings,
 * hotplug, restore and teardown) stays the kernel's on every kernel; this
 * file wraps the drawing operations of its fb_info once it exists:
 * fillrect/copyarea/imageblit go to the cfb (I/O memory) helpers while the
 * console is resident, to the emulation's own (RAM + damage) otherwise.
 *
 * fbcon draws under console_lock, possibly in atomic context, and the
 * commit path must not take console_lock (fbcon commits through set_par
 * while holding it).  So a spinlock of our own orders drawing against
 * moving: every draw runs under it, and moving in or out copies the screen
 * and switches screen_base under it.  The copy is the whole critical
 * section, with interrupts off because printk may draw from an interrupt:
 * one screen copy, about what one full-screen damage flush costs anyway,
 * and only when the screen's owner, mode or layout changes.
 *
 * /dev/fb0 is read, written and mapped through the emulation's RAM buffer:
 * read and write move the console out for their duration; a mapping keeps
 * it out for good (deferred I/O tracks the RAM buffer's pages, and the
 * mapping may live as long as the fb_info).
 */
#include <linux/debugfs.h>
#include <linux/fb.h>
#include <linux/io.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <drm/drm_fb_helper.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem_framebuffer_helper.h>
#include <drm/drm_print.h>

#include "vpwrap/compat_drm.h"
#include "drm-glue/vpdrm.h"

static struct vpdrm_device *vpdrm_con_dev(struct fb_info *info)
{
	struct drm_fb_helper *helper = info->par;

	return to_vpdrm(helper->dev);
}

static void __iomem *vpdrm_con_screen(struct vpdrm_device *vdev)
{
	return vdev->fb.vaddr + vdev->fb.offset;
}

/*
 * Back into RAM with what the screen shows: the emulation's buffer, and the
 * framebuffer's pages where that buffer is a shadow of them, so that the
 * next commit showing the framebuffer shows the console as it was.
 */
static void vpdrm_con_evict_locked(struct vpdrm_device *vdev)
{
	struct vpdrm_console *con = &vdev->con;

	if (!con->resident)
		return;
	memcpy_fromio(con->ram, vpdrm_con_screen(vdev), con->size);
	if (con->bo != con->ram)
		memcpy(con->bo, con->ram, con->size);
	con->info->screen_buffer = con->ram;
	con->info->flags |= con->virtfb;
	con->resident = false;
	con->evictions++;
}

void vpdrm_con_evict(struct vpdrm_device *vdev)
{
	unsigned long flags;

	/* Only the commit tail moves it in, and our callers exclude that. */
	if (!READ_ONCE(vdev->con.resident))
		return;
	spin_lock_irqsave(&vdev->con.lock, flags);
	vpdrm_con_evict_locked(vdev);
	spin_unlock_irqrestore(&vdev->con.lock, flags);
}

/*
 * Damage recorded before the move is obsolete (the whole buffer was just
 * copied): a damage worker that runs later finds nothing to flush rather
 * than reading the buffer from its new place.
 */
static void vpdrm_con_drop_damage(struct drm_fb_helper *helper)
{
	struct drm_clip_rect *clip = &helper->damage_clip;
	unsigned long flags;

	spin_lock_irqsave(&helper->damage_lock, flags);
	clip->x1 = ~0;
	clip->y1 = ~0;
	clip->x2 = 0;
	clip->y2 = 0;
	spin_unlock_irqrestore(&helper->damage_lock, flags);
}

/*
 * The primary plane shows the console's framebuffer (the commit tail, the
 * new state current): is the console in video memory?  Shown a second time
 * in a row in the mode's layout, it moves in now, as a user buffer does
 * (zerocopy.c).
 */
bool vpdrm_con_primary(struct vpdrm_device *vdev,
		       const struct drm_plane_state *old,
		       const struct drm_plane_state *new, bool modeset)
{
	struct vpdrm_console *con = &vdev->con;
	const struct vpdrm_mode *vm = vdev->hw_mode;
	struct drm_framebuffer *fb = new->fb;
	unsigned long flags;
	bool resident;

	if (READ_ONCE(con->resident))
		return true;
	if (modeset || !old || old->fb != fb ||
	    !vpdrm_zc_layout_fits(vdev, new) ||
	    fb->width != vm->vp.width || fb->height != vm->vp.height)
		return false;

	spin_lock_irqsave(&con->lock, flags);
	if (con->fb == fb && !con->user_mapped && !con->users &&
	    con->size <= vdev->fb.size - vdev->fb.offset) {
		memcpy_toio(vpdrm_con_screen(vdev), con->ram, con->size);
		vpdrm_con_drop_damage(con->helper);
		con->info->flags &= ~FBINFO_VIRTFB;
		con->info->screen_base = vpdrm_con_screen(vdev);
		con->resident = true;
		con->moves_in++;
	}
	resident = con->resident;
	spin_unlock_irqrestore(&con->lock, flags);
	return resident;
}

/* A DIRTYFB of @fb: counted when it is the console's (the damage path ran). */
void vpdrm_con_flushed(struct vpdrm_device *vdev, struct drm_framebuffer *fb)
{
	if (fb == READ_ONCE(vdev->con.fb))
		atomic_long_inc(&vdev->con.flushes);
}

/* Is @fb the console's framebuffer, in video memory? */
bool vpdrm_con_shown(struct vpdrm_device *vdev, struct drm_framebuffer *fb)
{
	return fb == READ_ONCE(vdev->con.fb) && READ_ONCE(vdev->con.resident);
}

/* Drawing: into video memory while resident, else the emulation's way. */

static void vpdrm_con_fillrect(struct fb_info *info,
			       const struct fb_fillrect *rect)
{
	struct vpdrm_console *con = &vpdrm_con_dev(info)->con;
	unsigned long flags;

	spin_lock_irqsave(&con->lock, flags);
	if (con->resident)
		cfb_fillrect(info, rect);
	else
		con->helper_ops->fb_fillrect(info, rect);
	spin_unlock_irqrestore(&con->lock, flags);
}

static void vpdrm_con_copyarea(struct fb_info *info,
			       const struct fb_copyarea *area)
{
	struct vpdrm_console *con = &vpdrm_con_dev(info)->con;
	unsigned long flags;

	spin_lock_irqsave(&con->lock, flags);
	if (con->resident)
		cfb_copyarea(info, area);
	else
		con->helper_ops->fb_copyarea(info, area);
	spin_unlock_irqrestore(&con->lock, flags);
}

static void vpdrm_con_imageblit(struct fb_info *info,
				const struct fb_image *image)
{
	struct vpdrm_console *con = &vpdrm_con_dev(info)->con;
	unsigned long flags;

	spin_lock_irqsave(&con->lock, flags);
	if (con->resident)
		cfb_imageblit(info, image);
	else
		con->helper_ops->fb_imageblit(info, image);
	spin_unlock_irqrestore(&con->lock, flags);
}

/* /dev/fb0 access through the RAM buffer: out of video memory meanwhile. */
static void vpdrm_con_user_begin(struct vpdrm_device *vdev, bool mapping)
{
	unsigned long flags;

	spin_lock_irqsave(&vdev->con.lock, flags);
	vpdrm_con_evict_locked(vdev);
	if (mapping)
		vdev->con.user_mapped = true;
	else
		vdev->con.users++;
	spin_unlock_irqrestore(&vdev->con.lock, flags);
}

static void vpdrm_con_user_end(struct vpdrm_device *vdev)
{
	unsigned long flags;

	spin_lock_irqsave(&vdev->con.lock, flags);
	vdev->con.users--;
	spin_unlock_irqrestore(&vdev->con.lock, flags);
}

static ssize_t vpdrm_con_read(struct fb_info *info, char __user *buf,
			      size_t count, loff_t *ppos)
{
	struct vpdrm_device *vdev = vpdrm_con_dev(info);
	ssize_t ret;

	vpdrm_con_user_begin(vdev, false);
	ret = vdev->con.helper_ops->fb_read(info, buf, count, ppos);
	vpdrm_con_user_end(vdev);
	return ret;
}

static ssize_t vpdrm_con_write(struct fb_info *info, const char __user *buf,
			       size_t count, loff_t *ppos)
{
	struct vpdrm_device *vdev = vpdrm_con_dev(info);
	ssize_t ret;

	vpdrm_con_user_begin(vdev, false);
	ret = vdev->con.helper_ops->fb_write(info, buf, count, ppos);
	vpdrm_con_user_end(vdev);
	return ret;
}

static int vpdrm_con_mmap(struct fb_info *info, struct vm_area_struct *vma)
{
	struct vpdrm_device *vdev = vpdrm_con_dev(info);

	vpdrm_con_user_begin(vdev, true);
	return vdev->con.helper_ops->fb_mmap(info, vma);
}

/*
 * After the emulation's setup: take over the drawing of its fb_info if it
 * draws into a RAM buffer the size of its framebuffer.  The operations are
 * the emulation's with the drawing and /dev/fb0 access wrapped (its owner
 * kept, so the module references fbcon and /dev/fb0 took stay balanced).
 */
void vpdrm_fbdev_init(struct vpdrm_device *vdev)
{
	struct vpdrm_console *con = &vdev->con;
	struct drm_fb_helper *helper = vdev->drm.fb_helper;
	struct fb_info *info = helper ? vpdrm_fb_helper_info(helper) : NULL;
	const struct fb_ops *ops = info ? info->fbops : NULL;
	struct drm_framebuffer *fb = helper ? helper->fb : NULL;
	unsigned long flags;

	if (!info || !fb || !info->screen_buffer || !ops->fb_fillrect ||
	    !ops->fb_copyarea || !ops->fb_imageblit || !ops->fb_read ||
	    !ops->fb_write || !ops->fb_mmap ||
	    fb->format->num_planes != 1 ||
	    info->fix.line_length != fb->pitches[0] ||
	    info->screen_size < (size_t)fb->pitches[0] * fb->height) {
		drm_dbg_kms(&vdev->drm, "console: stays in RAM\n");
		return;
	}
	if (drm_gem_fb_vmap(fb, con->map, con->data))
		return;
	if (con->data[0].is_iomem) {
		drm_gem_fb_vunmap(fb, con->map);
		return;
	}
	con->ops = *ops;
	con->ops.fb_fillrect = vpdrm_con_fillrect;
	con->ops.fb_copyarea = vpdrm_con_copyarea;
	con->ops.fb_imageblit = vpdrm_con_imageblit;
	con->ops.fb_read = vpdrm_con_read;
	con->ops.fb_write = vpdrm_con_write;
	con->ops.fb_mmap = vpdrm_con_mmap;

	spin_lock_irqsave(&con->lock, flags);
	con->helper = helper;
	con->helper_ops = ops;
	con->info = info;
	con->ram = info->screen_buffer;
	con->bo = con->data[0].vaddr;
	con->size = (size_t)fb->pitches[0] * fb->height;
	con->virtfb = info->flags & FBINFO_VIRTFB;
	WRITE_ONCE(con->fb, fb);
	WRITE_ONCE(info->fbops, &con->ops);
	spin_unlock_irqrestore(&con->lock, flags);
}

/*
 * Before the device goes: the console back in RAM and the emulation's own
 * operations back (the fb_info may outlive us while /dev/fb0 is open).
 */
void vpdrm_fbdev_fini(struct vpdrm_device *vdev)
{
	struct vpdrm_console *con = &vdev->con;
	struct drm_framebuffer *fb = con->fb;
	unsigned long flags;

	if (!fb)
		return;
	spin_lock_irqsave(&con->lock, flags);
	vpdrm_con_evict_locked(vdev);
	WRITE_ONCE(con->info->fbops, con->helper_ops);
	WRITE_ONCE(con->fb, NULL);
	con->info = NULL;
	spin_unlock_irqrestore(&con->lock, flags);
	drm_gem_fb_vunmap(fb, con->map);
}

static int vpdrm_con_state_show(struct seq_file *m, void *data)
{
	struct vpdrm_device *vdev = m->private;
	struct vpdrm_console *con = &vdev->con;
	unsigned long flags;

	spin_lock_irqsave(&con->lock, flags);
	seq_printf(m, "wrapped %d\nresident %d\nmapped %d\nmoves_in %lu\nevictions %lu\n",
		   !!con->fb, con->resident, con->user_mapped, con->moves_in,
		   con->evictions);
	spin_unlock_irqrestore(&con->lock, flags);
	seq_printf(m, "flushes %ld\n", atomic_long_read(&con->flushes));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vpdrm_con_state);

/* <debugfs>/dri/N/crtc-0/console: where the console draws, and its flushes. */
void vpdrm_fbdev_debugfs(struct vpdrm_device *vdev, struct dentry *dir)
{
	debugfs_create_file("console", 0444, dir, vdev, &vpdrm_con_state_fops);
}

void vpdrm_fbdev_early_init(struct vpdrm_device *vdev)
{
	spin_lock_init(&vdev->con.lock);
}
