// SPDX-License-Identifier: GPL-2.0
/*
 * A miniport-shaped x64 driver for `vpwrap inspect` tests: it imports one
 * export vpwrap implements, one it has as a documented failure stub and
 * one videoprt.sys export that does not exist.  Built by mingw-w64 at test
 * time (tests/suites/42-tools-inspect.sh) against missing_imports.def.
 */
typedef unsigned long ULONG;

__declspec(dllimport) ULONG VideoPortInitialize(void *a, void *b, void *c,
						void *d);
__declspec(dllimport) ULONG VideoPortDisableInterrupt(void *ext);
__declspec(dllimport) ULONG VideoPortDoesNotExist(void);

ULONG DriverEntry(void *driver, void *path)
{
	if (VideoPortDoesNotExist())
		return VideoPortDisableInterrupt(driver);
	return VideoPortInitialize(driver, path, 0, 0);
}
