/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the INF parser tests. */
#ifndef VPWRAP_TEST_INF_UTIL_H
#define VPWRAP_TEST_INF_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "inf/inf.h"
#include "inf/inf_driver.h"

/* Parse a C string as "test.inf". */
struct inf *parse_str(const char *text);
/* Load tests/fixtures/inf/@name. */
struct inf *load_fixture(const char *name);
/* The bytes of a fixture (malloc'ed); *len set. */
char *read_fixture(const char *name, size_t *len);
/* ASCII -> UTF-16LE, with a BOM if @bom; *len set. */
char *to_utf16le(const char *s, size_t n, int bom, size_t *len);
/* The entry @i of section @sec, asserting both exist. */
const struct inf_entry *entry_of(const struct inf *inf, const char *sec,
				 unsigned int i);
/* Assert that parsing/resolving @text fails with @msg at line @line. */
void assert_error(struct inf *inf, unsigned int line, const char *msg);
/* Resolve @text for @arch; asserts success and returns the drivers. */
void resolve_ok(struct inf *inf, enum inf_arch arch, struct inf_drivers *ds);
/* Find the device-key value @name in @d, asserting it exists. */
const struct inf_reg *devreg(const struct inf_driver *d, const char *name);
/* Does any warning contain @needle? */
int has_warning(const struct inf *inf, const char *needle);

int run_syntax_tests(void);
int run_values_tests(void);
int run_resolve_tests(void);
int run_settings_tests(void);
int run_disk_tests(void);
int run_bundled_tests(const char *path, const char *ids, const char *image);

#endif
