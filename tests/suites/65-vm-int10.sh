#!/bin/bash
# Int10: vpvbe.sys drives the adapter only through its video BIOS, run by the
# vpwrap-int10 helper in libx86emu with the module mediating every port and
# device memory access.  Std VGA: VBE mode list, 0x4f02 to 1024x768x32 linear,
# the pattern drawn through the LFB checked pixel by pixel in QEMU's screen
# dump, INT 10h mode 3 (also on teardown), the helper's privileges, the
# hostile calls, and vpvbe.sys as a DRM device whose modes come from the VBE
# list (kmstest patterns), and VGA's 16-colour planar mode 12h as C8 and
# as XRGB8888 in 16 colours (patterns, frame CRCs over the planes).
# Cirrus: the same BIOS sequence and pixel check at 1024x768x16 (Cirrus'
# SeaVGABIOS lists no 32 bpp mode).
. "$ROOT/tests/lib.sh"

if ! make -s -C "$ROOT/tests/vm/miniports" >"$OUT/miniports.log" 2>&1; then
	fail "vpvbe.sys build" "$(grep -m1 -i error "$OUT/miniports.log")"
	exit 0
fi
if ! make -s -C "$ROOT/tests/vm" >"$OUT/guest-build.log" 2>&1 ||
	! gcc -O2 -Wall -static -o "$OUT/xmm_ioctl" "$ROOT/tests/vm/guest/xmm_ioctl.c" \
		2>>"$OUT/guest-build.log"; then
	fail "guest programs build" "$(tail -n 1 "$OUT/guest-build.log")"
	exit 0
fi
if ! make -s -C "$ROOT/tools" >"$OUT/tools.log" 2>&1; then
	fail "vpwrap tool and vpwrap-int10 build" "$(grep -m1 -i error "$OUT/tools.log")"
	exit 0
fi

echo "1024x768,800x600,640x480" >"$OUT/modes"
touch "$OUT/drm" "$OUT/hostile"
echo 16 >"$OUT/vbe_bpp"
common=(--add "$ROOT/tests/vm/miniports/out/vpvbe.sys" --add "$OUT/xmm_ioctl"
	--add "$ROOT/tools/out/vpwrap"
	--bin "$ROOT/tools/out/vpwrap-int10:/sbin/vpwrap-int10")

vmrun --out "$OUT/std" --name "int10 std" --profile std --timeout 1500 "${common[@]}" \
	--add "$ROOT/tests/vm/out/kmstest" --add "$ROOT/tests/vm/out/kmscrc" \
	--add "$OUT/modes" --add "$OUT/drm" \
	--add "$OUT/hostile" "$ROOT/tests/vm/guest/int10.sh"
vmrun --out "$OUT/cirrus" --name "int10 cirrus" --profile cirrus --timeout 1200 \
	"${common[@]}" --add "$OUT/vbe_bpp" "$ROOT/tests/vm/guest/int10.sh"

python3 "$ROOT/tests/vm/guest/kmscheck.py" pattern "$OUT/std"
python3 "$ROOT/tests/vm/guest/int10check.py" std "$OUT/std" 32
python3 "$ROOT/tests/vm/guest/int10check.py" cirrus "$OUT/cirrus" 16
exit 0
