#!/bin/bash
# Static checks: our module code builds with W=1 without warnings and sparse
# (C=2) reports nothing for our files.  The other supported kernels get the
# same checks in their own suites (9x-kernel-*).
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/static.sh"

static_build "$KREL" "$KDIR" "$ROOT/.build/$KREL-static" "$OUT/build.log"
exit 0
