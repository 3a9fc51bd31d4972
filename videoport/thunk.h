/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The address miniport code gets for one of our functions (an export, an
 * interface callback): a stub that puts Linux's CPU state back around it
 * where miniport code runs with another (x86_64 CPUs that enforce kernel
 * IBT: ibt.h; i386, whose FS miniport code has for itself: kpcr.h), else
 * the function itself.  NULL if the stubs ran out (logged).
 */
#ifndef VPWRAP_VIDEOPORT_THUNK_H
#define VPWRAP_VIDEOPORT_THUNK_H

#include "videoport/ibt.h"
#include "videoport/kpcr.h"

static inline void *vp_export_thunk(void *fn)
{
	if (IS_ENABLED(CONFIG_X86_64))
		return vp_ibt_thunk(fn);
	return vp_fs_thunk(fn);
}

/* Set up what the stubs need, once, before the first miniport is linked. */
static inline int vp_thunk_init(void)
{
	if (IS_ENABLED(CONFIG_X86_64))
		return vp_ibt_init();
	return vp_kpcr_init();
}

#endif /* VPWRAP_VIDEOPORT_THUNK_H */
