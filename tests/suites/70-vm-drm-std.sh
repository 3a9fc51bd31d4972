#!/bin/bash
# drm-glue on QEMU's std VGA with the bundled vpbochs.sys: modetest, the
# kmstest pattern dumps checked pixel by pixel (every format, 32/24/16 bpp,
# odd-x damage clips, DPMS off/on), zero-copy scanout (drawing in place,
# flips out and back, DIRTYFB and damage), fbcon text (drawn in video
# memory, out and back around a KMS client, /dev/fb0 mmap), vblank and page-flip rates,
# the legacy cursor ioctls moving a cursor (std: drawn in software),
# frame CRCs through the debugfs CRC interface, a forced EDID, vblank
# counters across a modeset, a flip's event when unbound in flight, a DRM
# lease and its LEASE uevent,
# suspend to RAM and resume (picture and palette back, the client draws on),
# the VGA text screen back after rmmod and after shutdown (halt),
# "nomodeset" honoured, unbind and rmmod while a client holds the device.
# DRM_SUITE_ARCH=i686 runs the same on an i386 kernel (suite 13 sets it up):
# the miniport's PE32 build and guest programs built with -m32.
. "$ROOT/tests/lib.sh"
DEV=${DRM_SUITE_DEV:-std}
MINIPORT=${DRM_SUITE_MINIPORT:-vpbochs.sys}
MODES=${DRM_SUITE_MODES:-640x480,800x600,1024x768,1280x1024}
ARCH=${DRM_SUITE_ARCH:-x86_64}
NAME="drm $DEV"
GUEST_OUT=out
GUEST_CFLAGS=()
if [ "$ARCH" = i686 ]; then
	NAME="drm i386 $DEV"
	GUEST_OUT=out-i386
	GUEST_CFLAGS=(CFLAGS="-O2 -m32 -Wall -Wextra -Wno-missing-field-initializers")
fi
GUEST=$ROOT/tests/vm/$GUEST_OUT

if ! make -s -C "$ROOT/tests/vm" OUT="$GUEST_OUT" "${GUEST_CFLAGS[@]}" >"$OUT/guest-build.log" 2>&1; then
	fail "guest programs build" "$(tail -n 1 "$OUT/guest-build.log")"
	exit 0
fi
mp="$ROOT/miniports/out/$ARCH/$MINIPORT"
if [ ! -f "$mp" ]; then
	fail "$MINIPORT built" "no $mp"
	exit 0
fi

ko=$VPWRAP_KO

echo "$MODES" >"$OUT/modes"
python3 "$ROOT/tests/vm/guest/edid1080.py" "$OUT/edid1080.bin"
echo "${DRM_SUITE_EDID_1080:-offered}" >"$OUT/edid_expect"
extra=()
if [ -n "$DRM_SUITE_CURSOR" ]; then
	echo "$DRM_SUITE_CURSOR" >"$OUT/cursor"
	extra+=(--add "$OUT/cursor")
fi
# the legacy cursor ioctls move a cursor: overlapping its old place, partly
# off the top-left and the bottom-right edges
MOVES=${DRM_SUITE_MOVES:-301,203 317,211 -5,-7 1011,751}
echo "$MOVES" >"$OUT/moves"
# suspend to RAM and back (S3 enabled in QEMU's PIIX4 power management)
if [ "${DRM_SUITE_S3:-1}" = 1 ]; then
	: >"$OUT/s3"
	extra+=(--add "$OUT/s3" --qemu-arg=-global --qemu-arg=PIIX4_PM.disable_s3=0)
fi
# formats a 1024x768 buffer of which is scanned out in place (zero-copy)
echo "${DRM_SUITE_ZEROCOPY-XR24,RG16}" >"$OUT/zerocopy"
# modetest is a host (x86_64) program: it runs in x86_64 guests only
[ "$ARCH" = x86_64 ] && modetest=$(command -v modetest) && extra+=(--bin "$modetest")

VPWRAP_KO=$ko vmrun --out "$OUT/vm" --name "$NAME" --profile "$DEV" \
	--timeout 1500 --add "$GUEST/kmstest" --add "$GUEST/fbmmap" \
	--add "$GUEST/kmscrc" --add "$GUEST/kmsvblank" --add "$GUEST/kmslease" \
	--add "$OUT/modes" --add "$OUT/moves" --add "$OUT/zerocopy" \
	--add "$OUT/edid1080.bin" --add "$OUT/edid_expect" \
	--add "$mp:/miniport.sys" "${extra[@]}" \
	"$ROOT/tests/vm/guest/drm-vpwrap.sh"

# "nomodeset" on the command line: vpwrap stays away (one short boot)
if [ "$DEV" = std ]; then
	VPWRAP_KO=$ko vmrun --out "$OUT/vm-nomodeset" --name "$NAME nomodeset" \
		--profile std --timeout 600 --append nomodeset \
		--add "$mp:/miniport.sys" "$ROOT/tests/vm/guest/drm-nomodeset.sh"
fi

chk="$ROOT/tests/vm/guest/kmscheck.py"
python3 "$chk" pattern "$OUT/vm"
if [ -f "$OUT/vm/fbcon.ppm" ]; then
	python3 "$chk" fbcon "$OUT/vm/fbcon.ppm"
else
	fail "fbcon" "no screen dump"
fi
# the console in video memory: its new text on screen; a KMS client's
# picture untouched by console text; the console back with all its text;
# /dev/fb0 mmap writes on screen
d=$OUT/vm
if [ -f "$d/fbcon.ppm" ] && [ -f "$d/con-resident.ppm" ] && [ -f "$d/con-back.ppm" ]; then
	python3 "$chk" conmore "$d/fbcon.ppm" "$d/con-resident.ppm" \
		"console in video memory: the new text on screen"
	python3 "$chk" conmore "$d/con-resident.ppm" "$d/con-back.ppm" \
		"console back after a KMS client: its text as before, and what was written meanwhile"
else
	fail "console in video memory: text on screen" "no screen dump"
fi
if [ -f "$d/with-1024x768-XR24-con.ppm" ]; then
	python3 "$chk" nocursor "$d/with-1024x768-XR24-con.ppm" \
		"console text written under a KMS client: the client's picture exact"
else
	fail "console text written under a KMS client" "no screen dump"
fi
if [ -f "$d/fbmmap.ppm" ]; then
	python3 "$chk" rect "$d/fbmmap.ppm" 200 400 160 96 255,0,0 \
		"/dev/fb0 mmap writes on screen"
else
	fail "/dev/fb0 mmap writes on screen" "no screen dump"
fi
for xy in $DRM_SUITE_CURSOR; do
	x=${xy%,*} y=${xy#*,}
	if [ -f "$OUT/vm/cursor_${x}_${y}.ppm" ]; then
		python3 "$chk" cursor "$OUT/vm/cursor_${x}_${y}.ppm" "$x" "$y"
	else
		fail "cursor at $x,$y" "no screen dump"
	fi
done
# each dump shows the cursor at its place and the picture everywhere else
# (so its old places were repaired); hidden at the end, no trace is left
for xy in $MOVES; do
	x=${xy%,*} y=${xy#*,}
	what="legacy cursor moved to $x,$y: shown there, the picture elsewhere"
	if [ -f "$OUT/vm/move_${x}_${y}.ppm" ]; then
		python3 "$chk" cursor "$OUT/vm/move_${x}_${y}.ppm" "$x" "$y" "$what"
	else
		fail "$what" "no screen dump"
	fi
done
# after suspend to RAM and resume, before the client draws again: the
# picture it showed, exactly (the damage commit after it is a p-* dump)
if [ "${DRM_SUITE_S3:-1}" = 1 ]; then
	if [ -f "$OUT/vm/s3-1024x768-XR24-s3.ppm" ]; then
		python3 "$chk" nocursor "$OUT/vm/s3-1024x768-XR24-s3.ppm" \
			"suspend to RAM: the picture is back exactly after resume"
	else
		fail "suspend to RAM: the picture is back after resume" "no screen dump"
	fi
fi
# unloading, and shutting down (halt), hand the adapter back in VGA text
# mode with the firmware's text screen on it
for t in unloaded halt; do
	what="VGA text screen back after $([ $t = halt ] && echo "shutdown (halt)" || echo rmmod)"
	if [ -f "$OUT/vm/text-boot.ppm" ] && [ -f "$OUT/vm/text-$t.ppm" ]; then
		python3 "$chk" textback "$OUT/vm/text-boot.ppm" "$OUT/vm/text-$t.ppm" "$what"
	else
		fail "$what" "no screen dump"
	fi
done
if [ -f "$OUT/vm/move_off.ppm" ]; then
	python3 "$chk" nocursor "$OUT/vm/move_off.ppm" \
		"legacy cursor hidden: the picture everywhere"
else
	fail "legacy cursor hidden" "no screen dump"
fi
exit 0
