// SPDX-License-Identifier: GPL-2.0
/* First object of videoport in link order: opens the export rows (export.h). */
#include "videoport/export.h"

const struct vp_export vp_exports_begin[0] __section("vp_exports") __aligned(8);
