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
switch_kernel 6.12 "6.12" || exit 0
run_kernel "$KREL" "$KCACHE" "$VPWRAP_KO"
