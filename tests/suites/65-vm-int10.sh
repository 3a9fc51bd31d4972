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
# VIDEOPORT_SUITE_ARCH=i686 runs the same on an i386 kernel (suite 14 sets it
# up): vpvbe.sys's PE32 build, the guest programs, the tool and the helper
# built with -m32 (the helper with Debian's i386 libx86emu).
. "$ROOT/tests/lib.sh"

ARCH=${VIDEOPORT_SUITE_ARCH:-x86_64}
VBE=$ROOT/tests/vm/miniports/out/vpvbe.sys
target=all
GUEST_OUT=out
GUEST_CFLAGS=()
TOOLS_ARGS=()
TOOLS_OUT=$ROOT/tools/out
m32=
name=int10
label=
if [ "$ARCH" = i686 ]; then
	VBE=$ROOT/tests/vm/miniports/out/i686/vpvbe.sys
	target=i686
	GUEST_OUT=out-i386
	GUEST_CFLAGS=(CFLAGS="-O2 -m32 -Wall -Wextra -Wno-missing-field-initializers")
	TOOLS_ARGS=(M32=1)
	TOOLS_OUT=$ROOT/tools/out-i386
	m32=-m32
	name="int10 i386"
	label="i386 "
fi
GUEST=$ROOT/tests/vm/$GUEST_OUT

if ! make -s -C "$ROOT/tests/vm/miniports" $target >"$OUT/miniports.log" 2>&1; then
	fail "vpvbe.sys build" "$(grep -m1 -i error "$OUT/miniports.log")"
	exit 0
fi
if ! make -s -C "$ROOT/tests/vm" OUT="$GUEST_OUT" "${GUEST_CFLAGS[@]}" >"$OUT/guest-build.log" 2>&1 ||
	! gcc $m32 -O2 -Wall -static -o "$OUT/xmm_ioctl" "$ROOT/tests/vm/guest/xmm_ioctl.c" \
		2>>"$OUT/guest-build.log"; then
	fail "guest programs build" "$(tail -n 1 "$OUT/guest-build.log")"
	exit 0
fi
if ! make -s -C "$ROOT/tools" "${TOOLS_ARGS[@]}" >"$OUT/tools.log" 2>&1; then
	fail "vpwrap tool and vpwrap-int10 build" "$(grep -m1 -i error "$OUT/tools.log")"
	exit 0
fi

echo "1024x768,800x600,640x480" >"$OUT/modes"
touch "$OUT/drm" "$OUT/hostile"
echo 16 >"$OUT/vbe_bpp"
common=(--add "$VBE" --add "$OUT/xmm_ioctl"
	--add "$TOOLS_OUT/vpwrap"
	--bin "$TOOLS_OUT/vpwrap-int10:/sbin/vpwrap-int10")

vmrun --out "$OUT/std" --name "$name std" --profile std --timeout 1500 "${common[@]}" \
	--add "$GUEST/kmstest" --add "$GUEST/kmscrc" \
	--add "$OUT/modes" --add "$OUT/drm" \
	--add "$OUT/hostile" "$ROOT/tests/vm/guest/int10.sh"
vmrun --out "$OUT/cirrus" --name "$name cirrus" --profile cirrus --timeout 1200 \
	"${common[@]}" --add "$OUT/vbe_bpp" "$ROOT/tests/vm/guest/int10.sh"

python3 "$ROOT/tests/vm/guest/kmscheck.py" pattern "$OUT/std"
python3 "$ROOT/tests/vm/guest/int10check.py" "${label}std" "$OUT/std" 32
python3 "$ROOT/tests/vm/guest/int10check.py" "${label}cirrus" "$OUT/cirrus" 16
exit 0
