// SPDX-License-Identifier: GPL-2.0
/*
 * A PE32 driver for `vpwrap inspect` tests that imports
 * ntoskrnl.exe!_except_handler4, the exception handler of MSVC's
 * /GS-era runtime, which vpwrap refuses by design
 * (videoport/refused.c).  Built by mingw-w64 (i686) at test time
 * (tests/suites/12-vm-i386.sh) against x86_videoprt.def and x86_eh4.def;
 * the tool only reads its import table.
 */
typedef unsigned long ULONG;

__declspec(dllimport) ULONG VideoPortInitialize(void *a, void *b, void *c,
						void *d);
__declspec(dllimport) int _except_handler4(void *rec, void *reg, void *ctx,
					   void *dispatcher);

ULONG DriverEntry(void *driver, void *path)
{
	if (!driver)
		return (ULONG)&_except_handler4;
	return VideoPortInitialize(driver, path, 0, 0);
}
