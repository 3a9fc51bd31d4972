// SPDX-License-Identifier: GPL-2.0
/* Last object of videoport in link order: closes the export rows (export.h). */
#include "videoport/export.h"

const struct vp_export vp_exports_end[0] __section("vp_exports") __aligned(8);
