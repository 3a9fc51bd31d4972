#!/bin/bash
# The same module also builds and loads on the Debian 12 package of the 6.12
# LTS kernel (when the suite itself runs against 6.1; `make check KVER=6.12`
# runs everything on 6.12).
. "$ROOT/tests/lib.sh"
case "$KREL" in
6.12.*) other= ;;	# Debian 12's default kernel (6.1)
*) other=6.12 ;;
esac
use_kernel "$other" "other kernel: fetch ${other:-default}" || exit 0
rm -f "$VPWRAP_KO"
if make -s -C "$ROOT" module KDIR="$KDIR" >"$OUT/build.log" 2>&1; then
	pass "other kernel: vpwrap.ko builds for $KREL"
else
	fail "other kernel: vpwrap.ko builds for $KREL" "$(grep -m1 error "$OUT/build.log")"
	exit 0
fi
vmrun --out "$OUT/vm" --name "module $KREL" --profile std --timeout 120 \
	"$ROOT/tests/vm/scenarios/module-load.sh"
exit 0
