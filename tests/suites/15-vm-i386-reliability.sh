#!/bin/bash
# Reliability on Debian 12's 32-bit 686-pae kernel with the bundled
# miniports' PE32 builds and the guest client built with -m32: suites 82
# (20 unbind/bind cycles while a client draws), 83 (modesets, flips, dumb
# buffers, cursor moves and fbcon from several processes on two CPUs) and
# 85 (who may load a miniport, what uid 1000 can reach).  One boot each.
. "$ROOT/tests/lib.sh"
use_kernel 686-pae "i386: fetch the 686-pae kernel" || exit 0
# (suite 12 builds it at W=1 and judges the warnings; here it is only needed)
if ! make -s -C "$ROOT" module KDIR="$KDIR" >"$OUT/build.log" 2>&1; then
	fail "i386: vpwrap.ko builds for $KREL" "$(grep -m1 error "$OUT/build.log")"
	exit 0
fi
export REL_SUITE_ARCH=i686
for s in 82-vm-unbind 83-vm-concurrency 85-permissions; do
	mkdir -p "$OUT/$s"
	OUT=$OUT/$s bash "$ROOT/tests/suites/$s.sh"
done
exit 0
