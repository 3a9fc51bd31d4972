// SPDX-License-Identifier: GPL-2.0
/*
 * The export tables the PE loader links miniports against, built once from
 * the rows every VP_EXPORT leaves in the "vp_exports" section (export.h).
 */
#include <linux/mutex.h>
#include <linux/string.h>
#include "videoport/export.h"
#include "videoport/driver.h"
#include "videoport/lockfast.h"
#include "videoport/nt_time.h"
#include "videoport/thunk.h"

/* Room for every videoprt.sys export plus the ntoskrnl/hal subset. */
#define VP_TABLE_MAX 512

static struct pe_export vp_table[VP_TABLE_MAX];
static struct pe_export_dll vp_dlls[VP_DLL_COUNT] = {
	[VP_DLL_VIDEOPRT] = { .name = "videoprt.sys" },
	[VP_DLL_NTOSKRNL] = { .name = "ntoskrnl.exe" },
	[VP_DLL_HAL] = { .name = "hal.dll" },
};
static DEFINE_MUTEX(vp_table_lock);
static bool vp_table_built;

/* The function an export's row links: its fast form where that applies. */
static void *vp_export_addr(const struct vp_export *e)
{
	void *fn = e->fast && vp_lock_fast_ok() ? e->fast : e->addr;

	/* the stub where miniport code runs with other CPU state (thunk.h) */
	return e->direct ? fn : vp_export_thunk(fn);
}

static bool vp_table_build(void)
{
	const struct vp_export *e;
	unsigned int dll, n = 0;

	for (e = vp_exports_begin; e < vp_exports_end; e++) {
		if (!e->name || !e->addr || e->dll >= VP_DLL_COUNT) {
			pr_err("vpwrap: videoport export table corrupt at row %td\n",
			       e - vp_exports_begin);
			return false;
		}
	}
	if (vp_exports_end - vp_exports_begin > VP_TABLE_MAX) {
		pr_err("vpwrap: videoport export table has more than %d rows\n",
		       VP_TABLE_MAX);
		return false;
	}
	if (vp_thunk_init())
		return false;
	vp_tick_start();
	for (dll = 0; dll < VP_DLL_COUNT; dll++) {
		vp_dlls[dll].exports = &vp_table[n];
		for (e = vp_exports_begin; e < vp_exports_end; e++) {
			if (e->dll != dll)
				continue;
			vp_table[n].name = e->name;
			vp_table[n].addr = vp_export_addr(e);
			if (!vp_table[n].addr)
				return false;
			n++;
		}
		vp_dlls[dll].count = &vp_table[n] - vp_dlls[dll].exports;
	}
	return true;
}

const struct pe_export_dll *vp_export_dlls(unsigned int *count)
{
	const struct pe_export_dll *ret = NULL;

	mutex_lock(&vp_table_lock);
	if (!vp_table_built)
		vp_table_built = vp_table_build();
	if (vp_table_built)
		ret = vp_dlls;
	mutex_unlock(&vp_table_lock);
	*count = ret ? VP_DLL_COUNT : 0;
	return ret;
}

void vp_export_dlls_exit(void)
{
	mutex_lock(&vp_table_lock);
	vp_tick_stop();
	vp_kpcr_exit();
	mutex_unlock(&vp_table_lock);
}

void *vp_export_lookup(enum vp_dll dll, const char *name)
{
	const struct vp_export *e;

	for (e = vp_exports_begin; e < vp_exports_end; e++)
		if (e->dll == dll && !strcmp(e->name, name))
			return vp_export_addr(e);
	return NULL;
}
