#!/bin/bash
# The videoport suites on Debian 12's 32-bit 686-pae kernel with PE32 builds
# of their miniports: 60 (conformance: the seed's spin lock contract, IRQL,
# events, DPCs and timers, interrupts on QEMU's edu device, the SMP counter,
# the Windows format specifiers, the export table), 62 (every export beyond
# the core set, through vpcover.sys) and 63 (misbehaving miniports: failing
# entry points, leaks, a missing import, KeBugCheckEx from every context).
# One boot each; every export is reached through an FS stub and every
# callback through the __stdcall bridge (videoport/call32.S).
. "$ROOT/tests/lib.sh"
use_kernel 686-pae "i386: fetch the 686-pae kernel" || exit 0
# (suite 12 builds it at W=1 and judges the warnings; here it is only needed)
if ! make -s -C "$ROOT" module KDIR="$KDIR" >"$OUT/build.log" 2>&1; then
	fail "i386: vpwrap.ko builds for $KREL" "$(grep -m1 error "$OUT/build.log")"
	exit 0
fi
export VIDEOPORT_SUITE_ARCH=i686
for s in 60-vm-videoport 62-vm-exports 63-vm-misbehave; do
	mkdir -p "$OUT/$s"
	OUT=$OUT/$s bash "$ROOT/tests/suites/$s.sh"
done
exit 0
