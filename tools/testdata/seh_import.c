// SPDX-License-Identifier: GPL-2.0
/*
 * A miniport-shaped x64 driver for `vpwrap inspect` tests: it imports one
 * export vpwrap implements and ntoskrnl.exe!__C_specific_handler
 * (structured exception handling), which it implements on x64 too.  Built by
 * mingw-w64 at test time (tests/suites/42-tools-inspect.sh) against
 * seh_import.def and missing_imports.def.
 */
typedef unsigned long ULONG;

__declspec(dllimport) ULONG VideoPortInitialize(void *a, void *b, void *c,
						void *d);
__declspec(dllimport) int __C_specific_handler(void *rec, void *frame,
					       void *ctx, void *dc);

void *SehRef;

ULONG DriverEntry(void *driver, void *path)
{
	SehRef = (void *)__C_specific_handler;
	return VideoPortInitialize(driver, path, 0, 0);
}
