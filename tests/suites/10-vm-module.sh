#!/bin/bash
# vpwrap.ko inserts and removes cleanly on the stock Debian kernel.
. "$ROOT/tests/lib.sh"
vmrun --out "$OUT/vm" --name "module $KREL" --profile std --timeout 300 \
	"$ROOT/tests/vm/scenarios/module-load.sh"
exit 0
