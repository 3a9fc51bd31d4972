#!/bin/bash
# The module, conformance, misbehaving-miniport, verifier, DRM pixel (std
# VGA and Cirrus) and lifecycle suites again on the newest Debian kernel,
# 7.3 from trixie-backports, built in a trixie build root.
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/other-kernel.sh"
other_kernel 7.3 10 60 63 64 70 71 81
exit 0
