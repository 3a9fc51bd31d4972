/* SPDX-License-Identifier: GPL-2.0 */
/* Checks on a miniport file shared by install and inspect. */
#ifndef VPWRAP_TOOLS_IMAGE_CHECK_H
#define VPWRAP_TOOLS_IMAGE_CHECK_H

#include "inf/inf_driver.h"

/*
 * 0 if @path is a well-formed PE image for @arch (through pe-loader's
 * parser when the tool has it); -1 with a message otherwise.
 */
int vp_image_check(const char *path, enum inf_arch arch);

#endif
