#!/bin/bash
# Static checks: includes point down the layers only, our module code builds
# with W=1 without warnings and sparse (C=2) reports nothing for our files.
. "$ROOT/tests/lib.sh"

# wrapper -> drm-glue -> videoport -> pe-loader -> include/: a file may
# include its own layer or one below it (scripts/layers.sh).
if "$ROOT/scripts/layers.sh" --check >"$OUT/layers.txt"; then
	pass "static: includes point down the layers only"
else
	fail "static: includes point down the layers only" \
		"$(grep -c '^upward' "$OUT/layers.txt"), first: $(grep -m1 '^upward' "$OUT/layers.txt")"
fi

build=$ROOT/.build/$KREL-static
rm -rf "$build"
make -s -C "$ROOT" module-tree BUILD="$build" KREL="$KREL" >/dev/null
if ! make -C "$KDIR" M="$build" W=1 C=2 modules >"$OUT/build.log" 2>&1; then
	fail "static: W=1 C=2 build" "$(grep -m1 -E 'error' "$OUT/build.log")"
	exit 0
fi
pass "static: W=1 C=2 build"

# Diagnostics that name one of our source files (gcc and sparse both print
# "path:line:col: warning: ...").
grep -E "^$build/[^:]+:[0-9]+:([0-9]+:)? (warning|error|note)" "$OUT/build.log" \
	| grep -v '\.mod\.c:' >"$OUT/diagnostics.txt"
grep -E "^$build/[^:]+:[0-9]+:([0-9]+:)? (warning|error)" "$OUT/build.log" | grep -vi sparse \
	| grep -v '\.mod\.c:' >"$OUT/gcc.txt"
n=$(wc -l <"$OUT/diagnostics.txt")
if [ "$n" -eq 0 ]; then
	pass "static: no W=1 or sparse diagnostics in our files"
else
	fail "static: no W=1 or sparse diagnostics in our files" \
		"$n, first: $(head -n1 "$OUT/diagnostics.txt" | sed "s|$build/||")"
	sed "s|$build/||" "$OUT/diagnostics.txt" | head -n 30
fi
# Sparse checks C; objects assembled from .S files have nothing for it.
objs=0
for o in $(find "$build" -name '*.o' ! -name '*.mod.o' ! -name '.*' ! -name vpwrap.o ! -path '*/out/*'); do
	[ -e "${o%.o}.S" ] || objs=$((objs + 1))
done
checked=$(grep -c '^  CHECK ' "$OUT/build.log")
if [ "$objs" -gt 0 ] && [ "$checked" -ge "$objs" ]; then
	pass "static: sparse checked all $objs object files"
else
	fail "static: sparse checked all object files" "$checked of $objs"
fi
