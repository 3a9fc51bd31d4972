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
# the suite's kernel (or the suite runs on i386: REL_SUITE_ARCH).
if [ "$REL_ARCH" = x86_64 ] && switch_kernel 6.12 "permissions 6.12"; then
	run_kernel "permissions 6.12" "$KREL" "$KCACHE" "$VPWRAP_KO"
fi
# The trust model is written down, with the HwStartIO finding.
doc=$ROOT/docs/trust-model.md
if [ -f "$doc" ] && grep -q 'videoport/startio.c:' "$doc"; then
	pass "permissions: docs/trust-model.md states the HwStartIO buffer finding"
else
	fail "permissions: docs/trust-model.md states the HwStartIO buffer finding" "missing"
fi
exit 0
