#!/bin/bash
# The DRM suites on Debian 12's 32-bit 686-pae kernel: suites 70 (std VGA,
# vpbochs.sys) and 71 (Cirrus, vpcirrus.sys) with the miniports' PE32
# builds and the guest programs built with -m32: modes, every pattern dump
# checked pixel by pixel, fbcon, vblank and flips, CRCs, a forced EDID,
# unbind in flight, the Cirrus hardware cursor.
. "$ROOT/tests/lib.sh"
use_kernel 686-pae "i386: fetch the 686-pae kernel" || exit 0
# (suite 12 builds it at W=1 and judges the warnings; here it is only needed)
if ! make -s -C "$ROOT" module KDIR="$KDIR" >"$OUT/build.log" 2>&1; then
	fail "i386: vpwrap.ko builds for $KREL" "$(grep -m1 error "$OUT/build.log")"
	exit 0
fi
if ! make -s -C "$ROOT/miniports" >"$OUT/miniports.log" 2>&1; then
	fail "i386: build the bundled miniports" "$(tail -n1 "$OUT/miniports.log")"
	exit 0
fi
mkdir -p "$OUT/std" "$OUT/cirrus"
export DRM_SUITE_ARCH=i686
OUT=$OUT/std bash "$ROOT/tests/suites/70-vm-drm-std.sh"
OUT=$OUT/cirrus bash "$ROOT/tests/suites/71-vm-drm-cirrus.sh"
exit 0
