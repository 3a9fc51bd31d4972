/* SPDX-License-Identifier: GPL-2.0 */
/* The module's version, shared by every part of the module. */
#ifndef VPWRAP_VERSION_H
#define VPWRAP_VERSION_H

#define VPWRAP_VERSION "0.1"

#endif /* VPWRAP_VERSION_H */
