/* SPDX-License-Identifier: GPL-2.0 */
/* Miniport signatures, checked as module signatures are (signature.c). */
#ifndef VPWRAP_WRAPPER_SIGNATURE_H
#define VPWRAP_WRAPPER_SIGNATURE_H

#include <linux/types.h>

int vpw_sig_init(void);
void vpw_sig_exit(void);

/*
 * Check the image @data of *@len bytes before anything of it is used.
 * 0: it may be loaded, and *@len no longer covers the signature.  Otherwise
 * a negative errno, and the log says why (naming @name).
 */
int vpw_sig_check(const char *name, const void *data, size_t *len);

#endif /* VPWRAP_WRAPPER_SIGNATURE_H */
