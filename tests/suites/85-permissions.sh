#!/bin/bash
# Permissions: only root can load a miniport; the files exposing a
# miniport's registry or its HwStartIO are closed to other users.  (The
# kernel-copy check of HwStartIO's buffers is in suite 84; the trust model is
# docs/trust-model.md.)
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/vm/reliability/suite-lib.sh"
rel_prepare || exit 0
# run_kernel NAME KREL KCACHE KO: one boot of the guest on that kernel
run_kernel() {
	KREL=$2 KCACHE=$3 VPWRAP_KO=$4 \
		vmrun --out "$OUT/vm-$2" --name "$1" --profile std --timeout 400 \
		--add "$REL_OUT/reltest" --add "$REL_OUT/dropuid" --add "$REL_MP/vpbochs.sys" \
		"$ROOT/tests/vm/reliability/guest/permissions.sh"
}
run_kernel permissions "$KREL" "$KCACHE" "$VPWRAP_KO"
# The 6.12 LTS kernel too (taint, sysfs as uid 1000), unless it is already
# the suite's kernel; KDIR from the environment is the suite's: name 6.12's.
case "$KREL" in
6.12.*) ;;
*)
	if ! kcache=$("$ROOT/scripts/kernel.sh" fetch 6.12 2>"$OUT/kernel-6.12.log"); then
		fail "permissions 6.12: kernel fetch" "$(tail -n 1 "$OUT/kernel-6.12.log")"
	else
		krel=$(basename "$kcache")
		if make -s -C "$ROOT" module KDIR="/lib/modules/$krel/build" >"$OUT/build-6.12.log" 2>&1; then
			run_kernel "permissions 6.12" "$krel" "$kcache" "$ROOT/.build/$krel/vpwrap.ko"
		else
			fail "permissions 6.12: module build" "$(grep -m1 -i error "$OUT/build-6.12.log")"
		fi
	fi
	;;
esac
# The trust model is written down, with the HwStartIO finding.
doc=$ROOT/docs/trust-model.md
if [ -f "$doc" ] && grep -q 'videoport/startio.c:' "$doc"; then
	pass "permissions: docs/trust-model.md states the HwStartIO buffer finding"
else
	fail "permissions: docs/trust-model.md states the HwStartIO buffer finding" "missing"
fi
exit 0
