# Shared by suites 81-85 (sourced after tests/lib.sh).
REL=$ROOT/tests/vm/reliability
REL_OUT=$REL/out
REL_MP=$ROOT/miniports/out/x86_64

# rel_prepare: build the guest programs and the miniports.  Prints a FAIL
# and returns 1 if that fails.
rel_prepare() {
	if ! make -s -C "$REL" >"$OUT/rel-build.log" 2>&1; then
		fail "reliability: guest programs build" "$(grep -m1 -iE 'error' "$OUT/rel-build.log")"
		return 1
	fi
	if ! make -s -C "$ROOT/miniports" >>"$OUT/rel-build.log" 2>&1; then
		fail "reliability: miniports build" "$(tail -n1 "$OUT/rel-build.log")"
		return 1
	fi
}

# rel_pixel NAME PPM 0xRRGGBB [TOL]: the screen dump's centre pixel has that
# colour (each component within TOL, default 0: exact).
rel_pixel() {
	local got tol=${4:-0}
	if [ ! -f "$2" ]; then
		fail "$1" "no screen dump $2"
		return
	fi
	got=$(python3 -c "
import sys; sys.path.insert(0, '$ROOT/tests/vm')
import ppm
im = ppm.load('$2')
p = im.pixel(im.width // 2, im.height // 2)
w = int('$3', 16)
ok = all(abs(p[i] - ((w >> (16 - 8 * i)) & 255)) <= $tol for i in range(3))
print('ok' if ok else '0x%02x%02x%02x' % p)" 2>&1)
	if [ "$got" = ok ]; then pass "$1"; else fail "$1" "centre pixel $got, want $3"; fi
}
