# Shared by suites 81-85 (sourced after tests/lib.sh).
# REL_SUITE_ARCH=i686: an i386 kernel (suite 15 sets it up), the bundled
# miniports' PE32 builds and the guest programs built with -m32.
REL=$ROOT/tests/vm/reliability
REL_ARCH=${REL_SUITE_ARCH:-x86_64}
REL_OUT=$REL/out
REL_MAKE=()
if [ "$REL_ARCH" = i686 ]; then
	REL_OUT=$REL/out/i686
	REL_MAKE=(OUT=out/i686 CFLAGS="-O2 -m32 -Wall -Wextra -Wno-missing-field-initializers")
fi
REL_MP=$ROOT/miniports/out/$REL_ARCH

# rel_prepare: build the guest programs and the miniports.  Prints a FAIL
# and returns 1 if that fails.
rel_prepare() {
	if ! make -s -C "$REL" "${REL_MAKE[@]}" >"$OUT/rel-build.log" 2>&1; then
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
