#!/bin/bash
# Hostile images: 1,000 malformed images made from the bundled miniport go through
# insmod in one boot; each is refused with a reason, the kernel stays clean,
# and the good miniport still works afterwards.
# REL_SUITE_ARCH=i686 (suite 15): the i386 kernel and the PE32 vpbochs.sys,
# a lean set (HOSTILE_COUNT, default 150: every structural mutation, the
# code- images among them, and the first random ones).
. "$ROOT/tests/lib.sh"
ARCH=${REL_SUITE_ARCH:-x86_64}
name=hostile
count=${HOSTILE_COUNT:-1000}
if [ "$ARCH" = i686 ]; then
	name="hostile i386"
	count=${HOSTILE_COUNT:-150}
fi
make -s -C "$ROOT/miniports" >"$OUT/build.log" 2>&1 || { fail "hostile: build miniports" "see build.log"; exit 0; }
good=$ROOT/miniports/out/$ARCH/vpbochs.sys
python3 "$ROOT/tests/vm/hostile/mkhostile.py" "$good" "$OUT/hostile" "$count"
find "$OUT/hostile" -name '*.sys' | wc -l >"$OUT/count"
vmrun --out "$OUT/vm" --name "$name" --profile std --mem 1024 --timeout 1200 \
	--add "$OUT/hostile:/hostile" --add "$OUT/count:/hostile_count" --add "$good:/vpbochs.sys" \
	"$ROOT/tests/vm/hostile/guest.sh"
exit 0
