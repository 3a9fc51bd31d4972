#!/bin/bash
# libFuzzer over the INF parser, resolver and settings writer (ASan, UBSan,
# LeakSanitizer), time-bounded.  Inputs that once failed (regress/) are run
# first; the fuzzer works on a copy of corpus/ so the tree stays clean.
. "$ROOT/tests/lib.sh"

F=$ROOT/tests/fuzz/inf
SECONDS_TO_FUZZ=${INF_FUZZ_SECONDS:-45}

if ! make -s -C "$F" >"$OUT/build.log" 2>&1; then
	fail "inf fuzz: build" "$(grep -m1 error "$OUT/build.log")"
	exit 0
fi
pass "inf fuzz: build"

if "$F/out/fuzz_inf" "$F"/regress/* >"$OUT/regress.log" 2>&1; then
	pass "inf fuzz: $(ls "$F/regress" | wc -l) regression input(s)"
else
	fail "inf fuzz: regression inputs" "$(grep -m1 -E 'ERROR|SUMMARY' "$OUT/regress.log")"
fi

mkdir -p "$OUT/corpus" "$OUT/artifacts"
cp "$F"/corpus/* "$OUT/corpus/"
(cd "$OUT" && "$F/out/fuzz_inf" -max_total_time="$SECONDS_TO_FUZZ" -seed=1 -runs=20000 \
	-dict="$F/inf.dict" -artifact_prefix="$OUT/artifacts/" -print_final_stats=1 \
	"$OUT/corpus" >"$OUT/fuzz.log" 2>&1)
rc=$?
runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$OUT/fuzz.log")
if [ $rc -eq 0 ] && [ "${runs:-0}" -gt 1000 ]; then
	pass "inf fuzz: ${SECONDS_TO_FUZZ}s, $runs runs, no crash or leak"
else
	fail "inf fuzz: ${SECONDS_TO_FUZZ}s" \
		"exit $rc, ${runs:-0} runs, $(grep -m1 -E 'ERROR:|SUMMARY' "$OUT/fuzz.log"); artifacts in $OUT/artifacts"
	grep -A15 -m1 'ERROR:' "$OUT/fuzz.log" | head -n 20
fi
exit 0
