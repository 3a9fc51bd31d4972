#!/bin/bash
# INF parser and settings writer unit tests (cmocka, tests/unit/inf), built
# with gcc and with clang + ASan/UBSan; one PASS/FAIL line per test case
# and build.  The bundled miniports' INFs are checked once they exist.
. "$ROOT/tests/lib.sh"

T=$ROOT/tests/unit/inf

# tap NAME_PREFIX CMD...: cmocka TAP lines -> PASS/FAIL lines.
tap() {
	local prefix=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	echo "$out" >>"$OUT/tap.log"
	echo "$out" | awk -v p="$prefix" '
		/^ok [0-9]+ - / { sub(/^ok [0-9]+ - /, ""); print "PASS: " p $0; n++ }
		/^not ok [0-9]+ - / { sub(/^not ok [0-9]+ - /, ""); print "FAIL: " p $0 ": see tap.log"; n++ }
		/^# (ERROR|error)/ { print "FAIL: " p "runner: " $0; n++ }
		END { if (!n) print "FAIL: " p "no test ran" }'
	[ $rc -eq 0 ] || echo "$out" | grep -E -A3 '^not ok|ERROR|Sanitizer|leak' | head -n 20
}

for variant in test_inf:gcc test_inf_asan:asan; do
	bin=${variant%%:*}
	tag=${variant##*:}
	if ! make -s -C "$T" "out/$bin" >"$OUT/build-$tag.log" 2>&1; then
		fail "inf unit: build ($tag)" "$(grep -m1 -E 'error' "$OUT/build-$tag.log")"
		continue
	fi
	pass "inf unit: build ($tag)"
	tap "inf unit ($tag): " "$T/out/$bin"
	for b in "miniports/bochs/vpbochs.inf:1234:1111:vpbochs.sys" \
		 "miniports/cirrus/vpcirrus.inf:1013:00b8:vpcirrus.sys"; do
		IFS=: read -r inf ven dev img <<<"$b"
		[ -f "$ROOT/$inf" ] || continue
		tap "inf unit ($tag): $(basename "$inf") " \
			"$T/out/$bin" --bundled "$ROOT/$inf" "$ven:$dev" "$img"
	done
done
exit 0
