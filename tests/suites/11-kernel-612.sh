#!/bin/bash
# The module, conformance, misbehaving-miniport, verifier, Int10 (planar VGA),
# fault containment, DRM pixel (std VGA and Cirrus), X.Org and lifecycle
# suites again on Debian 12's package of the 6.12 LTS kernel (when the main
# run is on 6.12, `make check KVER=6.12`, they run again on the default 6.1
# instead).
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/other-kernel.sh"
other_kernel 6.12 10 60 63 64 65 66 70 71 72 81
exit 0
