/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What `vpwrap install` read from the INF, for people: the package
 * ([Version]: provider, DriverVer, CatalogFile), the models sections it
 * chose, and for each miniport where its file comes from, where Windows
 * would have put it ([DestinationDirs]) and one line for every other file
 * the INF copies, saying what it is and why vpwrap does not need it.
 */
#ifndef VPWRAP_TOOLS_INSTALL_REPORT_H
#define VPWRAP_TOOLS_INSTALL_REPORT_H

#include <stdio.h>
#include "inf/inf_driver.h"

void vp_report_package(FILE *f, const char *inf_name,
		       const struct inf_drivers *ds, enum inf_arch arch);
/* @source: the path of the image found on the disk (relative to the INF). */
void vp_report_driver(FILE *f, const struct inf_drivers *ds,
		      const struct inf_driver *d, const char *source);

#endif
