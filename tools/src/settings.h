/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-driver settings file the module reads (tools/settings-format.md),
 * and the modprobe aliases for the same PCI IDs.
 */
#ifndef VPWRAP_TOOLS_SETTINGS_H
#define VPWRAP_TOOLS_SETTINGS_H

#include <stdio.h>
#include "inf/inf_driver.h"

/* "1234:1111 subsys 1af4:1100 rev 02 class 0300", for people */
void vp_write_pci_match(FILE *f, const struct inf_pci_id *id);
/* "pci:v00001234d00001111sv*sd*bc03sc00i*" */
void vp_write_modalias(FILE *f, const struct inf_pci_id *id);

/* The whole settings file for @d, installed as @name.sys; 0 or -1 (OOM). */
int vp_write_settings(FILE *f, const struct inf_driver *d, const char *name,
		      const char *inf_name, enum inf_arch arch);

/* What `list` needs back from an installed settings file. */
struct vp_settings_summary {
	char *image;
	unsigned int npci;
	char **pci;		/* the match tails, as written */
};

int vp_read_settings(const char *path, struct vp_settings_summary *s);
void vp_settings_summary_free(struct vp_settings_summary *s);

#endif
