#!/bin/bash
# The module, conformance, misbehaving-miniport, verifier, DRM pixel and
# lifecycle suites again on Debian 12's PREEMPT_RT kernel (6.1).
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/other-kernel.sh"
other_kernel rt 10 60 63 64 70 71 81
exit 0
