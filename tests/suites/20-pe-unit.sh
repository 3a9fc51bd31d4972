#!/bin/bash
# PE loader unit tests: fixture images built by mingw-w64, cmocka tests run
# with gcc and again with clang ASan+UBSan; one PASS/FAIL line per test case
# and build, plus the 1 MiB load-time measurement (logged, not a check).
. "$ROOT/tests/lib.sh"
OUT=${OUT:-$ROOT/out/20-pe-unit}
mkdir -p "$OUT"
export PE_FIXTURES=$ROOT/tests/fixtures/pe/out

if ! make -C "$ROOT/tests/fixtures/pe" >"$OUT/fixtures.log" 2>&1; then
	fail "pe-unit: fixtures build" "$(grep -m1 -iE 'error' "$OUT/fixtures.log")"
	exit 0
fi
pass "pe-unit: fixtures build"
if ! make -C "$ROOT/tests/unit/pe" >"$OUT/build.log" 2>&1; then
	fail "pe-unit: tests build" "$(grep -m1 -iE 'error' "$OUT/build.log")"
	exit 0
fi
pass "pe-unit: tests build"

# run_tap LABEL BINARY: cmocka's TAP output as PASS/FAIL lines.
run_tap() {
	local label=$1 bin=$2 log=$OUT/$(basename "$2").log rc
	(cd "$ROOT" && CMOCKA_MESSAGE_OUTPUT=TAP ASAN_OPTIONS=detect_leaks=1 \
		UBSAN_OPTIONS=print_stacktrace=1 "$bin") >"$log" 2>&1
	rc=$?
	awk -v l="$label" '
		/^ok [0-9]+ - / { sub(/^ok [0-9]+ - /, ""); print "PASS: " l ": " $0; next }
		/^not ok [0-9]+ - / { sub(/^not ok [0-9]+ - /, ""); n = $0; getline why;
			print "FAIL: " l ": " n ": " why }' "$log"
	# Sanitizer reports (leaks show at exit) and crashes fail the binary.
	if [ $rc -ne 0 ] || grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$log"; then
		fail "$label: exits clean" "rc=$rc, $(grep -m1 -E 'ERROR:|runtime error:|FAILED' "$log")"
	else
		pass "$label: exits clean"
	fi
}

for t in test_pe_load test_pe_malformed; do
	run_tap "pe-unit: $t" "$ROOT/tests/unit/pe/out/$t"
	run_tap "pe-unit-asan: $t" "$ROOT/tests/unit/pe/out/$t-asan"
done

"$ROOT/tests/unit/pe/out/bench_pe_load" "$PE_FIXTURES/x86_64/big.sys" | tee "$OUT/bench.txt"
exit 0
