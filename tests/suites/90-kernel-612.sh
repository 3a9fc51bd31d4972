#!/bin/bash
# The module, conformance, misbehaving-miniport, verifier, DRM pixel and
# lifecycle suites again on the 6.12 LTS kernel as Debian 12 packages it.
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/other-kernel.sh"
other_kernel 6.12 10 60 63 64 70 71 81
exit 0
