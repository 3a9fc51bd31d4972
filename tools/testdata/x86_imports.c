// SPDX-License-Identifier: GPL-2.0
/*
 * A miniport-shaped PE32 driver for `vpwrap inspect` tests: it imports
 * exports only the i386 module has (hal.dll's __fastcall KfAcquireSpinLock,
 * the MSVC helper ntoskrnl.exe!_allmul) next to a videoprt.sys one, so its
 * verdict shows which module's export list judged it.  Built by mingw-w64
 * (i686) at test time (tests/suites/12-vm-i386.sh) against x86_hal.def and
 * x86_ntoskrnl.def; the tool only reads its import table, nothing calls
 * these with the conventions declared here.
 */
typedef unsigned long ULONG;

__declspec(dllimport) ULONG VideoPortInitialize(void *a, void *b, void *c,
						void *d);
__declspec(dllimport) unsigned char KfAcquireSpinLock(void *lock);
__declspec(dllimport) long long _allmul(long long a, long long b);

ULONG DriverEntry(void *driver, void *path)
{
	if (_allmul((long)driver, 3) == 0)
		return KfAcquireSpinLock(path);
	return VideoPortInitialize(driver, path, 0, 0);
}
