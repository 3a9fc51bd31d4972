/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module-signature differences between the kernels vpwrap supports.  The
 * code uses the newest kernel's names; this file provides them on the older
 * kernels.
 */
#ifndef VPWRAP_COMPAT_MODULE_H
#define VPWRAP_COMPAT_MODULE_H

#include <linux/module_signature.h>

/*
 * 7.x moved the appended-signature format to the UAPI header and renamed
 * its marker and its PKCS#7 type (6.12 has the old names, 7.3 the new ones).
 */
#ifndef MODULE_SIGNATURE_MARKER
#define MODULE_SIGNATURE_MARKER		MODULE_SIG_STRING
#define MODULE_SIGNATURE_TYPE_PKCS7	PKEY_ID_PKCS7
#endif

#endif /* VPWRAP_COMPAT_MODULE_H */
