#!/bin/bash
# Permissions: only root can load a miniport; the files exposing a
# miniport's registry or its HwStartIO are closed to other users.  (The
# kernel-copy check of HwStartIO's buffers is in suite 84; the trust model is
# docs/trust-model.md.)
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/vm/reliability/suite-lib.sh"
rel_prepare || exit 0
vmrun --out "$OUT/vm" --name permissions --profile std --timeout 400 \
	--add "$REL_OUT/reltest" --add "$REL_OUT/dropuid" --add "$REL_MP/vpbochs.sys" \
	"$ROOT/tests/vm/reliability/guest/permissions.sh"
# The trust model is written down, with the HwStartIO finding.
doc=$ROOT/docs/trust-model.md
if [ -f "$doc" ] && grep -q 'videoport/startio.c:' "$doc"; then
	pass "permissions: docs/trust-model.md states the HwStartIO buffer finding"
else
	fail "permissions: docs/trust-model.md states the HwStartIO buffer finding" "missing"
fi
exit 0
