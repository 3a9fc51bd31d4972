#!/bin/bash
# wrapper: loading miniports in the VM, on both kernels.
# One boot per kernel runs tests/vm/fixtures/vm-load.sh: idle load with the
# executable-memory self-test, DriverEntry status, missing imports,
# malformed images, settings/registry/sysfs, firmware lookup, autoselect.
. "$ROOT/tests/lib.sh"

if ! make -s -C "$ROOT/tests/vm/fixtures" >"$OUT/fixtures.log" 2>&1; then
	fail "fixtures build" "$(tail -n 1 "$OUT/fixtures.log")"
	exit 0
fi

run_kernel() {
	local krel=$1 kcache=$2 ko=$3
	# The good-load fixture needs videoport's exports once they are built in.
	local fx=$ROOT/tests/vm/fixtures/out
	rm -f "$fx/vpbochs.sys"
	if grep -aq VideoPortInitialize "$ko"; then
		echo vp_min >"$fx/good"
		# and a real miniport for the per-device checks, if built
		if [ -f "$ROOT/miniports/out/x86_64/vpbochs.sys" ]; then
			cp "$ROOT/miniports/out/x86_64/vpbochs.sys" "$fx/"
		fi
	else
		echo entry_ok >"$fx/good"
	fi
	local deps
	deps=$(modinfo -F depends "$ko")
	echo "$deps" | tr ',' ' ' >"$fx/deps"
	KREL=$krel KCACHE=$kcache VPWRAP_KO=$ko \
		vmrun --out "$OUT/vm-$krel" --name "load $krel" --profile std \
		${deps:+--modules "$deps"} \
		--timeout 300 --add "$ROOT/tests/vm/fixtures/out:/fx" \
		"$ROOT/tests/vm/fixtures/vm-load.sh"
}

run_kernel "$KREL" "$KCACHE" "$VPWRAP_KO"

# The 6.12 LTS kernel, unless it is already the suite's kernel.
case "$KREL" in
6.12.*) exit 0 ;;
esac
if ! kcache=$("$ROOT/scripts/kernel.sh" fetch 6.12 2>"$OUT/kernel-6.12.log"); then
	fail "6.12 kernel fetch" "$(tail -n 1 "$OUT/kernel-6.12.log")"
	exit 0
fi
krel=$(basename "$kcache")
# KDIR from the environment is the suite's (6.1) kernel: name 6.12's, or
# the build is 6.1's and the 6.12 guest runs whatever .build/ held before.
if ! make -s -C "$ROOT" module KDIR="/lib/modules/$krel/build" >"$OUT/build-6.12.log" 2>&1; then
	fail "6.12 module build" "$(grep -m1 -i error "$OUT/build-6.12.log")"
	exit 0
fi
run_kernel "$krel" "$kcache" "$ROOT/.build/$krel/vpwrap.ko"
