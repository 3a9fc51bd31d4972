#!/bin/bash
# The harness's own checks must be able to fail: a kernel log with an oops
# fails its scenario, and a wrong pixel fails a screen dump comparison.
. "$ROOT/tests/lib.sh"

printf '[    1.0] BUG: kernel NULL pointer dereference, address: 0\n[    1.1] Oops: 0000 [#1] SMP\n' >"$OUT/oops.log"
printf '[    1.0] vpwrap 0.1 loaded\n' >"$OUT/clean.log"
if ! vmrun --check-log "$OUT/oops.log" >/dev/null && vmrun --check-log "$OUT/clean.log" >/dev/null; then
	pass "harness: log checker tells an oops log from a clean one"
else
	fail "harness: log checker tells an oops log from a clean one" "wrong verdict"
fi

# A page fault vpwrap contained (its line ends the report) is accepted; the
# same report without that line, or with an oops after it, is not.
{
	printf '[    1.0] BUG: kernel NULL pointer dereference, address: 0000000000000010\n'
	printf '[    1.0] Oops: 0000 [#1] SMP\n[    1.0] Call Trace:\n'
	printf "[    1.0] vpwrap: mf.sys: the oops above is the driver's and is contained: no process is killed\n"
	printf '[    1.0] CR2: 0000000000000010\n[    1.0] ---[ end trace 0000000000000000 ]---\n'
} >"$OUT/contained.log"
sed '/is contained/d' "$OUT/contained.log" >"$OUT/uncontained.log"
{ cat "$OUT/contained.log"; printf '[    2.0] general protection fault: 0000 [#2] SMP\n'; } >"$OUT/contained-then-oops.log"
if vmrun --check-log "$OUT/contained.log" >/dev/null &&
	! vmrun --check-log "$OUT/uncontained.log" >/dev/null &&
	! vmrun --check-log "$OUT/contained-then-oops.log" >/dev/null; then
	pass "harness: log checker accepts a contained miniport page fault and nothing more"
else
	fail "harness: log checker accepts a contained miniport page fault and nothing more" "wrong verdict"
fi

vmrun --out "$OUT/vm" --name selftest --timeout 60 \
	"$ROOT/tests/vm/scenarios/harness-selftest.sh" >"$OUT/vm.txt" 2>&1
if grep -q '^FAIL: selftest: kernel log clean' "$OUT/vm.txt"; then
	pass "harness: a guest that crashes fails its scenario"
else
	fail "harness: a guest that crashes fails its scenario" "$(tr '\n' ' ' <"$OUT/vm.txt")"
fi
if grep -q '^FAIL: selftest: guest finished' "$OUT/vm.txt"; then
	pass "harness: a guest that never finishes is reported"
else
	fail "harness: a guest that never finishes is reported" "no such line"
fi

python3 - "$OUT/vm/before-crash.ppm" <<'PY'
import sys
sys.path.insert(0, sys.argv[0] and __import__("os").environ["ROOT"] + "/tests/vm")
import ppm
try:
    img = ppm.load(sys.argv[1])
except Exception as e:
    print(f"FAIL: harness: screen dump readable: {e}")
    sys.exit(0)
print(f"PASS: harness: screen dump readable ({img.width}x{img.height})")
x, y = img.width // 2, img.height // 2
r, g, b = img.pixel(x, y)
wrong = img.with_pixel(x, y, ((r + 128) % 256, g, b))
n, first = ppm.mismatches(wrong, lambda px, py: img.pixel(px, py))
if n == 1 and first[0][:2] == (x, y) and ppm.diff(img, img) == 0:
    print("PASS: harness: one wrong pixel fails the comparison")
else:
    print(f"FAIL: harness: one wrong pixel fails the comparison: {n} mismatches")
PY
