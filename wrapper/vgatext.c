// SPDX-License-Identifier: GPL-2.0
/*
 * The VGA text console that the firmware left on the boot display device:
 * saved (registers, the font in plane 2, the text in planes 0/1, the DAC)
 * before the miniport first touches the adapter, and put back once vpwrap
 * lets go of it -- at unbind, and at system shutdown, so that a reboot's
 * BIOS or a kexec'd kernel's vgacon finds the text mode it expects.  The
 * miniport's own reset (RESET_DEVICE, the adapter's "shutdown" power state)
 * only leaves its extended modes; the text mode registers, and the font and
 * text that its linear modes wrote over, are what this restores, with the
 * kernel's VGA state helpers as the fbdev drivers use them.
 */
#define pr_fmt(fmt) "vpwrap: " fmt

#include <linux/mutex.h>
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vgaarb.h>
#include <video/vga.h>

#include "wrapper/wrapper.h"

/* The VGA window the helpers map for the font, at its smallest (32 KiB). */
#define VPW_VGA_WINDOW_BYTES	(4 * 8192)
/* Characters and attributes, 80x50 cells and more. */
#define VPW_VGA_TEXT_BYTES	0x4000

static DEFINE_MUTEX(vpw_vga_lock);
static struct vgastate vpw_vga;
static struct pci_dev *vpw_vga_owner;	/* whose text console is saved */
static u8 *vpw_vga_text;		/* the screen's text, if in text mode */
static phys_addr_t vpw_vga_text_base;

/*
 * The text itself is copied through the text mode's own window (B8000 in
 * colour, B0000 in mono), where characters and attributes interleave: the
 * helpers' own text save reads plane 1 from another offset than it restores
 * it to, which loses the attributes.
 */
static void vpw_vga_text_copy(bool save)
{
	void __iomem *win;

	win = ioremap(vpw_vga_text_base, VPW_VGA_TEXT_BYTES);
	if (!win)
		return;
	if (save)
		memcpy_fromio(vpw_vga_text, win, VPW_VGA_TEXT_BYTES);
	else
		memcpy_toio(win, vpw_vga_text, VPW_VGA_TEXT_BYTES);
	iounmap(win);
}

static void vpw_vga_text_save_screen(void)
{
	u8 misc = vga_rgfx(NULL, VGA_GFX_MISC);

	/* graphics mode, or text not in a text window: nothing to keep */
	if (misc & VGA_GR06_GRAPHICS_MODE)
		return;
	switch (misc & 0x0c) {
	case 0x08:
		vpw_vga_text_base = 0xb0000;
		break;
	case 0x0c:
		vpw_vga_text_base = 0xb8000;
		break;
	default:
		return;
	}
	vpw_vga_text = kmalloc(VPW_VGA_TEXT_BYTES, GFP_KERNEL);
	if (vpw_vga_text)
		vpw_vga_text_copy(true);
}

void vpw_vga_text_save(struct pci_dev *pdev)
{
	/* Only the boot display device decodes the legacy VGA ranges. */
	if (pdev != vga_default_device())
		return;
	mutex_lock(&vpw_vga_lock);
	if (!vpw_vga_owner) {
		memset(&vpw_vga, 0, sizeof(vpw_vga));
		vpw_vga.memsize = VPW_VGA_WINDOW_BYTES;
		vpw_vga.flags = VGA_SAVE_MODE | VGA_SAVE_FONT0 | VGA_SAVE_CMAP;
		vpw_vga_text_save_screen();
		if (save_vga(&vpw_vga)) {
			pci_warn(pdev, "VGA text console not saved: it will not come back after vpwrap\n");
			kfree(vpw_vga_text);
			vpw_vga_text = NULL;
		} else {
			vpw_vga_owner = pdev;
		}
	}
	mutex_unlock(&vpw_vga_lock);
}

void vpw_vga_text_restore(struct pci_dev *pdev)
{
	mutex_lock(&vpw_vga_lock);
	if (vpw_vga_owner == pdev) {
		restore_vga(&vpw_vga);	/* and frees what save_vga() kept */
		if (vpw_vga_text)
			vpw_vga_text_copy(false);
		kfree(vpw_vga_text);
		vpw_vga_text = NULL;
		vpw_vga_owner = NULL;
	}
	mutex_unlock(&vpw_vga_lock);
}
