# other_kernel KVER SUITE...: run chosen suites again on another supported
# kernel (sourced by the 9x-kernel-* suites).  Fetches the kernel, builds
# vpwrap.ko for it with W=1 C=2 (static.sh: the same checks as 00-static),
# then runs each suite (tests/suites/NN-*.sh, by number) with KREL, KCACHE,
# KDIR and VPWRAP_KO pointing at that kernel and its OUT under ours.  Their
# PASS/FAIL lines are tagged "[release]".  When the main run is on that very
# kernel already (make check KVER=...), Debian 12's default kernel takes its
# place, so the suite never repeats the main run.
. "$ROOT/tests/static.sh"

other_kernel() {
	local kver=$1 suite name start rc
	shift
	if [ "$("$ROOT/scripts/kernel.sh" resolve "$kver" 2>/dev/null)" = "$KREL" ]; then
		kver=
	fi
	use_kernel "$kver" "kernel ${kver:-default}: fetch" || return 0
	echo "== kernel $KREL: build and suites $*"
	static_build "$KREL" "$KDIR" "$ROOT/.build/$KREL" "$OUT/build.log" ||
		[ -e "$VPWRAP_KO" ] || return 0
	# the DRM suites take the bundled miniports that suite 30 builds
	if ! make -s -C "$ROOT/miniports" >"$OUT/miniports.log" 2>&1; then
		fail "[$KREL] bundled miniports build" "$(grep -m1 -i error "$OUT/miniports.log")"
	fi
	local top=$OUT
	for n in "$@"; do
		for suite in "$ROOT"/tests/suites/"$n"-*.sh; do
			[ -x "$suite" ] || continue
			name=$(basename "$suite" .sh)
			OUT=$top/$name
			rm -rf "$OUT"
			mkdir -p "$OUT"
			export OUT
			start=$(date +%s)
			bash "$suite" >"$OUT/suite.log" 2>&1
			rc=$?
			sed -n -E "s/^(PASS|FAIL): /\1: [$KREL] /p" "$OUT/suite.log"
			[ $rc -eq 0 ] || fail "[$KREL] $name" "suite exited with $rc (log: $OUT/suite.log)"
			grep -qE '^(PASS|FAIL): ' "$OUT/suite.log" ||
				fail "[$KREL] $name" "suite ran no check"
			echo "   [$KREL] $name: $(($(date +%s) - start)) s"
		done
	done
	OUT=$top
}
