#!/bin/bash
# Unbind while in use: 20 unbind/bind cycles of the std VGA through
# vpwrap's PCI driver in sysfs while a client draws; the client gets errors,
# never hangs, and the device works again after the last bind.
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/vm/reliability/suite-lib.sh"
rel_prepare || exit 0
echo "${UNBIND_CYCLES:-20}" >"$OUT/cycles"
vmrun --out "$OUT/vm" --name unbind --profile std --timeout 600 \
	--add "$REL_OUT/reltest" --add "$OUT/cycles" --add "$REL_MP/vpbochs.sys" \
	"$ROOT/tests/vm/reliability/guest/unbind.sh"
rel_pixel "unbind: picture after the last bind" "$OUT/vm/unbind-final.ppm" 0xc04080
exit 0
