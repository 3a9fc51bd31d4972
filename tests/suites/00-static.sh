#!/bin/bash
# Static checks: includes point down the layers only, our module code builds
# with W=1 without warnings and sparse (C=2) reports nothing for our files.
# The other supported kernels get the build checks in their own suites
# (9x-kernel-*).
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/static.sh"

# wrapper -> drm-glue -> videoport -> pe-loader -> include/: a file may
# include its own layer or one below it (scripts/layers.sh).
if "$ROOT/scripts/layers.sh" --check >"$OUT/layers.txt"; then
	pass "static: includes point down the layers only"
else
	fail "static: includes point down the layers only" \
		"$(grep -c '^upward' "$OUT/layers.txt"), first: $(grep -m1 '^upward' "$OUT/layers.txt")"
fi

static_build "$KREL" "$KDIR" "$ROOT/.build/$KREL-static" "$OUT/build.log"
exit 0
