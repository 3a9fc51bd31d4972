#!/bin/bash
# Fuzz the PE loader (parse + map + relocate + link) with libFuzzer for a
# bounded time, starting from the corpus kept in tests/fuzz/pe/corpus.
# PASS when no input crashed, leaked, hit undefined behaviour or took over
# 10 s; a failing input is saved in $OUT for reproduction.
. "$ROOT/tests/lib.sh"
OUT=${OUT:-$ROOT/out/21-pe-fuzz}
SECS=${PE_FUZZ_SECONDS:-60}
mkdir -p "$OUT/work"

if ! make -C "$ROOT/tests/fuzz/pe" >"$OUT/build.log" 2>&1; then
	fail "pe-fuzz: build" "$(grep -m1 -iE 'error' "$OUT/build.log")"
	exit 0
fi
pass "pe-fuzz: build"

# New inputs go to $OUT/work; the tree's corpus is only read.
"$ROOT/tests/fuzz/pe/out/fuzz_pe" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$OUT/" \
	"$OUT/work" "$ROOT/tests/fuzz/pe/corpus" >"$OUT/fuzz.log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/fuzz.log")
echo "pe-fuzz: ${runs:-0} inputs in ${SECS} s, exit $rc"
if [ $rc -eq 0 ] && [ "${runs:-0}" -gt 1000 ]; then
	pass "pe-fuzz: ${SECS} s without a crash (${runs} inputs)"
else
	fail "pe-fuzz: ${SECS} s without a crash" \
		"exit $rc after ${runs:-0} inputs: $(grep -m1 -E 'ERROR:|runtime error:|Test unit written' "$OUT/fuzz.log")"
	grep -A20 -m1 -E 'ERROR:|runtime error:' "$OUT/fuzz.log" | head -30
fi
exit 0
