/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the PE loader's unit tests: fixture files, the export tables
 * the fixtures link against, and page protection lookup.
 */
#ifndef PE_TEST_UTIL_H
#define PE_TEST_UTIL_H

#include <stddef.h>
#include "pe-loader/pe_loader.h"

/* Values the fixtures' DriverEntry adds up (see tests/fixtures/pe/basic.c). */
#define T_VPINIT_RET	1000
#define T_DATA_VALUE	200
#define T_HAL17_BASE	30
#define T_KEREAL_BASE	4
#define T_BASIC_RESULT	(T_VPINIT_RET + T_DATA_VALUE + T_HAL17_BASE + 1 + T_KEREAL_BASE + 2 + 5)

/* T_FAKE_*: the fake addresses i386 images link against */
#include "pe_fake_dlls.h"

/* Whole file, malloc()ed; fails the test if missing. */
void *t_read_file(const char *path, size_t *len);
/* $PE_FIXTURES/<rel> (default tests/fixtures/pe/out) */
const char *t_fixture(const char *rel);

/* Real functions (x86_64 images call them) and fake addresses (i386). */
extern const struct pe_export_dll t_dlls_real[3];
extern const struct pe_export_dll *const t_dlls_fake;	/* pe_fake_dlls.h */
extern void *t_seen_table;	/* third argument of the last VideoPortInitialize */

/* "r-x"-style protection of the page holding @addr, from /proc/self/maps. */
const char *t_prot_at(const void *addr, char buf[4]);

#endif
