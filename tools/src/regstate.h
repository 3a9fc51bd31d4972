/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The registry values an INF leaves behind: AddReg lines applied in order
 * with their flags (DELVAL, NOCLOBBER, OVERWRITEONLY, APPEND), as SetupAPI
 * would on a fresh key.  The settings file stores this end state.
 */
#ifndef VPWRAP_TOOLS_REGSTATE_H
#define VPWRAP_TOOLS_REGSTATE_H

#include "inf/inf_driver.h"

/* @out receives copies; returns 0 or -1 (out of memory). */
int vp_regs_final(const struct inf_regs *in, struct inf_regs *out);

#endif
