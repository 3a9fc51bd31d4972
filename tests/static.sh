# static_build KREL KDIR BUILD LOG: build vpwrap.ko for KREL into BUILD
# with W=1 and sparse (C=2) and check that neither says anything about our
# files (sourced; prints PASS/FAIL lines tagged with the release).  Kernels
# built in a build root (scripts/kernel.sh) are built there, with its
# compiler and its sparse.
static_build() {
	local krel=$1 kdir=$2 build=$3 log=$4 dir n objs checked o
	dir=$(dirname "$log")
	rm -rf "$build"
	make -s -C "$ROOT" module-tree BUILD="$build" KREL="$krel" >/dev/null
	if ! "$ROOT/scripts/kernel.sh" run "$krel" \
		make -C "$kdir" M="$build" W=1 C=2 modules >"$log" 2>&1; then
		fail "static $krel: W=1 C=2 build" "$(grep -m1 -E 'error' "$log")"
		return 1
	fi
	pass "static $krel: W=1 C=2 build"

	# Diagnostics that name one of our source files (gcc and sparse both
	# print "path:line:col: warning: ...").
	grep -E "^$build/[^:]+:[0-9]+:([0-9]+:)? (warning|error|note)" "$log" \
		| grep -v '\.mod\.c:' >"$dir/diagnostics.txt"
	n=$(wc -l <"$dir/diagnostics.txt")
	if [ "$n" -eq 0 ]; then
		pass "static $krel: no W=1 or sparse diagnostics in our files"
	else
		fail "static $krel: no W=1 or sparse diagnostics in our files" \
			"$n, first: $(head -n1 "$dir/diagnostics.txt" | sed "s|$build/||")"
		sed "s|$build/||" "$dir/diagnostics.txt" | head -n 30
	fi
	# Kbuild itself skips a sparse that cannot parse the kernel's headers
	# (7.3's use __typeof_unqual__, which Debian's sparse 0.6.4 predates; its
	# headers package also lacks the checker test, with the same result).
	if grep -q 'specified, but .* is not available or not up to date' "$log"; then
		echo "static $krel: W=1 only: this kernel's Kbuild finds no usable sparse"
		[ "$n" -eq 0 ]
		return
	fi
	# Sparse checks C; objects assembled from .S files have nothing for it.
	objs=0
	for o in $(find "$build" -name '*.o' ! -name '*.mod.o' ! -name '.*' ! -name vpwrap.o ! -path '*/out/*'); do
		[ -e "${o%.o}.S" ] || objs=$((objs + 1))
	done
	checked=$(grep -c '^  CHECK ' "$log")
	if [ "$objs" -gt 0 ] && [ "$checked" -ge "$objs" ]; then
		pass "static $krel: sparse checked all $objs object files"
	else
		fail "static $krel: sparse checked all object files" "$checked of $objs"
	fi
	[ "$n" -eq 0 ]
}
