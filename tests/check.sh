#!/bin/bash
# Run every test suite (tests/suites/NN-name.sh) and count their PASS/FAIL
# lines.  Ends with "N passed, N failed"; exits non-zero if anything failed.
#
# Environment: KVER selects the kernel (see scripts/kernel.sh), SUITES a glob
# to run only some suites (e.g. SUITES='2*', several: SUITES='60* 62*'),
# SUITE_TIMEOUT seconds per suite.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

KVER=${KVER:-}
SUITES=${SUITES:-*}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-1500}
passed=0
failed=0

count() {	# add one log's PASS/FAIL lines to the totals; sets p and f
	p=$(grep -c '^PASS: ' "$1")
	f=$(grep -c '^FAIL: ' "$1")
	passed=$((passed + p))
	failed=$((failed + f))
}

KCACHE=$(scripts/kernel.sh fetch "$KVER") || { echo "FAIL: kernel fetch"; echo "0 passed, 1 failed"; exit 1; }
KREL=$(basename "$KCACHE")
KDIR=/lib/modules/$KREL/build
VPWRAP_KO=$ROOT/.build/$KREL/vpwrap.ko
export ROOT KVER KREL KCACHE KDIR VPWRAP_KO
echo "== kernel $KREL"

mkdir -p out
if make -s module KVER="$KREL" >out/build-module.log 2>&1; then
	echo "PASS: build: vpwrap.ko for $KREL" | tee out/build.result
else
	tail -n 20 out/build-module.log
	echo "FAIL: build: vpwrap.ko for $KREL: see out/build-module.log" | tee out/build.result
	# the suites must not go on with the module of an earlier build
	rm -f "$VPWRAP_KO"
fi
count out/build.result

# SUITES may hold several globs ('60* 62*'); read splits them unexpanded.
read -ra globs <<<"$SUITES"
suites=$(for g in "${globs[@]}"; do ls tests/suites/$g.sh 2>/dev/null; done | sort -u)
for suite in $suites; do
	[ -x "$suite" ] || continue
	name=$(basename "$suite" .sh)
	OUT=$ROOT/out/$name
	rm -rf "$OUT"
	mkdir -p "$OUT"
	export OUT
	echo "== $name"
	start=$(date +%s)
	timeout --kill-after=10 "$SUITE_TIMEOUT" bash "$suite" >"$OUT/suite.log" 2>&1
	rc=$?
	grep -E '^(PASS|FAIL): ' "$OUT/suite.log"
	if [ $rc -ne 0 ]; then
		echo "FAIL: $name: suite exited with $rc (log: out/$name/suite.log)" | tee -a "$OUT/suite.log"
		tail -n 15 "$OUT/suite.log" | grep -vE '^(PASS|FAIL): ' | sed 's/^/    /'
	elif ! grep -qE '^(PASS|FAIL): ' "$OUT/suite.log"; then
		echo "FAIL: $name: suite ran no check" | tee -a "$OUT/suite.log"
	fi
	count "$OUT/suite.log"
	echo "   ($p passed, $f failed, $(($(date +%s) - start)) s)"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
