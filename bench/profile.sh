#!/bin/bash
# bench/profile.sh DEVICE DRIVER TEST: where the time goes, for the issue note.
# One boot of DEVICE (std|cirrus) with DRIVER (native|vpwrap) running one
# drmbench TEST (full|small|modeset, or load: the modprobe itself) under perf
# in the guest; prints the profile.  Needs the module and miniports built as `make bench` builds them
# (run it after make bench: it reuses out/bench/).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. bench/lib.sh
dev=${1:?device}; drv=${2:?driver}; test=${3:?test}
after_bench_setup
dir=$OUT/profile-$dev-$drv-$test
mkdir -p "$dir"
ARGS=(--add "$OUT/guest/drmbench:/drmbench" --add "$dir.conf:/bench.conf"
	--bin "$(command -v perf)")
driver_setup "$dev" "$drv"
printf 'LOAD="%s"\nPRELOAD="%s"\nSECONDS_EACH=2\nTEST=%s\n' "$LOAD" "$PRELOAD" "$test" >"$dir.conf"
python3 tests/vm/vmrun.py --out "$dir" --profile "$dev" --timeout 300 --mem 1024 \
	--modules "$MODS" "${ARGS[@]}" bench/guest/profile-guest.sh >"$dir/vmrun.log" 2>&1 || true
sed -n 's/^PROFILE //p' "$dir/guest.log"
