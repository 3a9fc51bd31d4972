#!/bin/bash
# Misbehaving miniport at runtime: vpmisbehave.sys (vpbochs with a
# wrapped HwStartIO, tests/vm/reliability/miniport/) fails mode sets, lies
# about returned lengths and floods VideoPortDebugPrint; errors must reach
# userspace, the log stays rate-limited, nothing crashes.
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/vm/reliability/suite-lib.sh"
rel_prepare || exit 0
if ! make -s -C "$REL/miniport" ARCH="$REL_ARCH" >"$OUT/miniport.log" 2>&1; then
	fail "misbehave: vpmisbehave.sys builds" "$(grep -m1 -i error "$OUT/miniport.log")"
	exit 0
fi
vmrun --out "$OUT/vm" --name misbehave --profile std --timeout 600 \
	--add "$REL_OUT/reltest" --add "$REL_OUT/miniport/vpmisbehave.sys" \
	"$ROOT/tests/vm/reliability/guest/misbehave.sh"
rel_pixel "misbehave: picture after recovery" "$OUT/vm/misbehave-final.ppm" 0x00ffff
exit 0
