#!/bin/bash
# Real userspace, unchanged: Debian's X.Org server with its built-in
# modesetting driver (no glamor) on vpwrap's card0 (std VGA, vpbochs.sys),
# a solid root window (xsetroot) and an xterm; xrandr lists the modes and
# switches 1024x768 -> 800x600 -> 1024x768, each step's screen dump checked
# (tests/vm/xorg/xcheck.py).  The same on the stock bochs driver, one boot
# each: vpwrap's dumps must equal bochs' pixel for pixel.
. "$ROOT/tests/lib.sh"
X=$ROOT/tests/vm/xorg
if [ ! -x /usr/lib/xorg/Xorg ] || ! command -v xterm >/dev/null; then
	fail "X.Org installed" "no /usr/lib/xorg/Xorg or xterm (scripts/deps.sh)"
	exit 0
fi
mp=$ROOT/miniports/out/x86_64/vpbochs.sys
if [ ! -f "$mp" ]; then
	fail "vpbochs.sys built" "no $mp"
	exit 0
fi
# the X tree, cached beside the kernels
if ! xroot=$("$X/mkroot.sh" "$(dirname "$(dirname "$KCACHE")")" 2>"$OUT/mkroot.log"); then
	fail "X tree for the guest" "$(tail -n 1 "$OUT/mkroot.log")"
	exit 0
fi
for drv in vpwrap bochs; do
	echo $drv >"$OUT/driver-$drv"
	extra=()
	[ $drv = bochs ] && extra=(--modules bochs)
	vmrun --out "$OUT/$drv" --name "xorg $drv" --profile std --timeout 900 --mem 768 \
		--add "$xroot:/" --add "$X/xterm.txt" --add "$OUT/driver-$drv:/driver" \
		--add "$mp:/miniport.sys" "${extra[@]}" "$ROOT/tests/vm/guest/xorg.sh"
done
python3 "$X/xcheck.py" "$OUT/vpwrap" vpwrap "$OUT/bochs" bochs
python3 "$X/xcheck.py" "$OUT/bochs" bochs
exit 0
