#!/bin/bash
# The videoport suites on Debian 12's 32-bit 686-pae kernel with PE32 builds
# of their miniports: 60 (conformance: the seed's spin lock contract, IRQL,
# events, DPCs and timers, interrupts on QEMU's edu device, the SMP counter,
# the Windows format specifiers, the export table), 62 (every export beyond
# the core set, through vpcover.sys), 63 (misbehaving miniports: failing
# entry points, leaks, a missing import, KeBugCheckEx from every context)
# and 65 (Int10: vpvbe.sys through the video BIOS, run by the i386
# vpwrap-int10 helper, on std VGA and Cirrus, planar 16-colour included).
# One boot each (65: two); every export is reached through an FS stub and
# every callback through the __stdcall bridge (videoport/call32.S).
. "$ROOT/tests/lib.sh"
i386_suites VIDEOPORT_SUITE_ARCH 60-vm-videoport 62-vm-exports 63-vm-misbehave 65-vm-int10
exit 0
