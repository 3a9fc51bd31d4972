// SPDX-License-Identifier: GPL-2.0
/*
 * INF files that come with Windows (in %windir%\inf) and that driver disks
 * name in Include= or LayoutFile= instead of carrying them.  vpwrap has
 * none of them; knowing what they are lets it say why it can do without.
 */
#include <stddef.h>
#include <strings.h>
#include "inf_ctx.h"

static const struct {
	const char *name;
	const char *what;
} system_infs[] = {
	{ "layout.inf", "the file list of Windows' own installation CD" },
	{ "display.inf", "the INF of Windows' own display drivers (VGA, framebuffer)" },
	{ "machine.inf", "the INF of Windows' system devices (buses, bridges, timers)" },
	{ "ks.inf", "the INF of Windows' kernel streaming" },
	{ "kscaptur.inf", "the INF of Windows' kernel streaming capture" },
	{ "ksfilter.inf", "the INF of Windows' kernel streaming filters" },
	{ "wdmaudio.inf", "the INF of Windows' WDM audio" },
	{ "msdv.inf", "the INF of Windows' DV camera support" },
	{ "mf.inf", "the INF of Windows' multifunction devices" },
	{ "usb.inf", "the INF of Windows' USB support" },
	{ "monitor.inf", "the INF of Windows' monitors" },
};

const char *inf_system_inf(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(system_infs) / sizeof(system_infs[0]); i++)
		if (!strcasecmp(system_infs[i].name, name))
			return system_infs[i].what;
	return NULL;
}
