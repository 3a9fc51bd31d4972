#!/bin/bash
# Hostile images: 1,000 malformed images made from the bundled miniport go through
# insmod in one boot; each is refused with a reason, the kernel stays clean,
# and the good miniport still works afterwards.
. "$ROOT/tests/lib.sh"
make -s -C "$ROOT/miniports" >"$OUT/build.log" 2>&1 || { fail "hostile: build miniports" "see build.log"; exit 0; }
good=$ROOT/miniports/out/x86_64/vpbochs.sys
python3 "$ROOT/tests/vm/hostile/mkhostile.py" "$good" "$OUT/hostile" 1000
vmrun --out "$OUT/vm" --name hostile --profile std --mem 1024 --timeout 1200 \
	--add "$OUT/hostile:/hostile" --add "$good:/vpbochs.sys" \
	"$ROOT/tests/vm/hostile/guest.sh"
exit 0
