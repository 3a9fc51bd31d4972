#!/bin/bash
# Concurrency: with -smp 2, modesets, page flips with vblank waits,
# dumb buffer create/map/destroy and cursor moves from several processes plus
# fbcon output for 60 s on vpcirrus.sys (it has a hardware cursor): no WARN,
# no lost flip events, a consistent final state.
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/vm/reliability/suite-lib.sh"
rel_prepare || exit 0
echo "${STRESS_SECONDS:-60}" >"$OUT/seconds"
vmrun --out "$OUT/vm" --name concurrency --profile cirrus --smp 2 \
	--timeout 600 --add "$REL_OUT/reltest" --add "$OUT/seconds" \
	--add "$REL_MP/vpcirrus.sys" "$ROOT/tests/vm/reliability/guest/concurrency.sh"
rel_pixel "concurrency: final picture" "$OUT/vm/stress-final.ppm" 0xc08040 8
exit 0
