/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drm-glue: the DRM/KMS device on top of the videoport adapter interface.
 *
 * The wrapper calls vpdrm_init() first: it fails (-ENODEV) with "nomodeset"
 * on the kernel command line, and vpwrap then does not come up.  The
 * wrapper's PCI probe calls vpdrm_remove_conflicting() before videoport
 * starts the miniport (firmware framebuffers and vgacon let go of the
 * device first), and vpdrm_attach() once videoport has started the
 * adapter (HwFindAdapter + HwInitialize), and its remove calls
 * vpdrm_detach() before videoport tears the adapter down (unbind, rmmod,
 * KeBugCheckEx).  vpdrm_attach() returns 0 or a negative errno; after a
 * failure the adapter stays bound without a display, and vpdrm_detach() is
 * a no-op for it.  Detaching unplugs the DRM device: open files keep it
 * alive, but none of them reaches the adapter again.
 */
#ifndef VPWRAP_DRM_GLUE_H
#define VPWRAP_DRM_GLUE_H

struct pci_dev;
struct vp_adapter;
struct vp_mode;

int vpdrm_init(void);
int vpdrm_remove_conflicting(struct pci_dev *pdev);
int vpdrm_attach(struct vp_adapter *a);
void vpdrm_detach(struct vp_adapter *a);

/*
 * The mode drm-glue last set on the adapter's hardware, from its own state
 * (never a call into the miniport): 0 and *mode, or -ENODATA when no mode
 * is set (no DRM device, or the CRTC is off).
 */
int vpdrm_current_mode(struct vp_adapter *a, struct vp_mode *mode);

/*
 * System sleep: vpdrm_suspend() saves the display state and turns it off
 * before the adapter leaves D0; vpdrm_resume() commits it again once the
 * adapter is back in D0.  Both are no-ops for an adapter without a DRM
 * device.
 */
int vpdrm_suspend(struct vp_adapter *a);
int vpdrm_resume(struct vp_adapter *a);

#endif /* VPWRAP_DRM_GLUE_H */
