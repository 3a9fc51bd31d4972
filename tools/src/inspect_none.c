// SPDX-License-Identifier: GPL-2.0
/* Built when the tree has no pe-loader yet: say so instead of guessing. */
#include "src/image_check.h"
#include "src/vpwrap.h"

int vp_image_check(const char *path, enum inf_arch arch)
{
	(void)path;
	(void)arch;
	return 0;
}

int cmd_inspect(const struct vp_opts *o)
{
	vp_err("%s: this vpwrap was built without pe-loader; cannot inspect",
	       o->argv[0]);
	return EXIT_USAGE;
}
