# Guest: vpwrap with a bundled miniport as a KMS device.  Files in the
# initramfs: /kmstest, /fbmmap, /kmscrc, /kmsvblank, /kmslease, /edid1080.bin + /edid_expect
# (forced EDID), /miniport.sys, /modes (kmstest -m list), /cursor ("X,Y ..."
# to test the hardware cursor, absent otherwise), /moves ("X,Y ..." for the
# legacy cursor ioctls), /zerocopy (formats for kmstest zerocopy), /s3
# (present: QEMU has S3 on), modetest (--bin).
MODES=$(cat /modes 2>/dev/null || echo 1024x768)

# the firmware's VGA text screen, to be back when vpwrap lets go
screendump text-boot
check "modprobe vpwrap" modprobe vpwrap miniport=/miniport.sys
i=0
while [ ! -e /dev/dri/card0 ] && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
check "card0 appears" test -e /dev/dri/card0
dmesg | grep -E "vpwrap|\[drm\]" | tail -n 20 | sed 's/^/INFO dmesg: /'

# Hand-over: the firmware console (vgacon here) lets go of the card before
# the miniport's HwFindAdapter (whose report names the VRAM size) touches it.
dmesg >/tmp/load.txt
off=$(grep -n -m1 'vgaarb: deactivate vga console' /tmp/load.txt | cut -d: -f1)
hw=$(grep -n -m1 'KiB VRAM, ' /tmp/load.txt | cut -d: -f1)
echo "INFO hand-over: vga console deactivated at dmesg line ${off:-none}, miniport found the adapter at line ${hw:-none}"
check "firmware console removed before the miniport starts" \
	test -n "$off" -a -n "$hw" -a "${off:-0}" -lt "${hw:-0}"

# fbcon: text on the card's console
for i in 1 2 3 4 5 6; do echo "vpwrap fbcon line $i: the quick brown fox" >/dev/tty1; done
sleep 1
screendump fbcon

# The console in video memory: once the fbdev emulation's framebuffer has
# been shown in the mode's layout (its first damage flush), fbcon draws
# straight into the frame buffer: new text shows with no flush (DIRTYFB)
# of the console's framebuffer (debugfs crtc-0/console).
con=$(grep -l '^vpwrap ' /sys/kernel/debug/dri/*/name 2>/dev/null | head -n 1)
con=${con%/name}/crtc-0/console
cval() { sed -n "s/^$1 //p" "$con" 2>/dev/null; }
sed 's/^/INFO console: /' "$con"
check "console in video memory after its first flush" test "$(cval resident)" = 1
f0=$(cval flushes)
for i in 1 2 3 4 5 6; do echo "resident line $i: jumps over the lazy dog" >/dev/tty1; done
sleep 1
screendump con-resident
check "console text drawn in video memory: no damage flush (flushes ${f0:-?} -> $(cval flushes))" \
	test -n "$f0" -a "$(cval flushes)" = "$f0" -a "$(cval resident)" = 1
# A KMS client takes the screen: the console moves out (text written
# meanwhile must not reach the client's picture), then comes back with all
# its text when the client ends, and moves in again.
/kmstest pattern -m 1024x768 -f XR24 -t con -W "sh -c 'cp $con /tmp/con-kms; \
	for i in 1 2 3; do echo \"hidden line \$i: written under a KMS client\" >/dev/tty1; done; sleep 1'"
sed 's/^/INFO console under KMS: /' /tmp/con-kms
check "console out of video memory while a KMS client shows its picture" \
	grep -qx "resident 0" /tmp/con-kms
sleep 1
screendump con-back
echo "back in video memory: the quick brown fox" >/dev/tty1
sleep 1
sed 's/^/INFO console back: /' "$con"
check "console back in video memory after the KMS client" test "$(cval resident)" = 1
# /dev/fb0 mapped: the console stays in RAM; writes through the mapping
# reach the screen by deferred I/O and the damage path.  The unbind further
# down then frees the emulation's buffer whose pages deferred I/O touched
# (on 6.11 to 6.14 they must be given back to their shmem file first).
/fbmmap 200 400 160 96
screendump fbmmap
check "console in RAM once /dev/fb0 is mapped" \
	test "$(cval resident)" = 0 -a "$(cval mapped)" = 1

if command -v modetest >/dev/null; then
	modetest -M vpwrap -c >/tmp/mt.txt 2>&1
	sed 's/^/INFO modetest: /' /tmp/mt.txt | head -n 60
	check "modetest: connector connected" grep -qE "^[0-9]+[[:space:]]+[0-9]+[[:space:]]+connected" /tmp/mt.txt
	check "modetest: modes listed" grep -q "1024x768" /tmp/mt.txt
	check "modetest: EDID property" grep -q "EDID" /tmp/mt.txt
	check "modetest: DPMS property" grep -q "DPMS" /tmp/mt.txt
fi

/kmstest info >/tmp/info.txt
cat /tmp/info.txt
if command -v modetest >/dev/null; then
	# legacy SETCRTC (what modetest -s does), in two formats; it draws
	# its own pattern and returns at once with stdin closed
	ids=$(sed -n 's/^INFO crtc \([0-9]*\) connector \([0-9]*\).*/\2@\1/p' /tmp/info.txt)
	for f in XR24 RG16; do
		modetest -M vpwrap -s "$ids:1024x768@$f" </dev/null >/tmp/ms.txt 2>&1
		if grep -qiE "failed|error|invalid" /tmp/ms.txt; then
			fail "modetest -s $ids:1024x768@$f" "$(grep -iE -m1 'failed|error|invalid' /tmp/ms.txt)"
		elif grep -q "setting mode 1024x768" /tmp/ms.txt; then
			pass "modetest -s $ids:1024x768@$f"
		else
			fail "modetest -s $ids:1024x768@$f" "$(tail -n 1 /tmp/ms.txt)"
		fi
	done
fi
/kmstest pattern -m "$MODES"
# XRGB8888 converted to the 24 and 16 bpp modes (odd-x clips, x > 1022)
for d in 24 16; do
	echo $d >/sys/module/vpwrap/parameters/xrgb_depth
	/kmstest pattern -m "$MODES" -f XR24 -t d$d
done
echo 0 >/sys/module/vpwrap/parameters/xrgb_depth
/kmstest modifier
/kmstest badmode
/kmstest vblank -m 1024x768
# frame CRCs (debugfs crc/control, crc/data) of different and equal frames
/kmscrc -m 1024x768
# vblank counter and timestamps continue across a modeset with an event
/kmsvblank modeset 1024x768 800x600
# a DRM lease: the lessee sees its objects, revoking takes them, the end of
# the lease is announced with a LEASE=1 uevent
/kmslease

# A forced EDID (debugfs edid_override, as drm.edid_firmware would give):
# its 1920x1080 becomes the preferred mode if the miniport offers that size
# (/edid_expect "offered"), else the mode list stays the miniport's.
pref() { sed -n 's/^INFO mode \([^ ]*\) .* preferred$/\1/p' "$1" | head -n 1; }
ddir=$(grep -l '^vpwrap ' /sys/kernel/debug/dri/*/name 2>/dev/null | head -n 1)
ddir=${ddir%/name}
ovr=$(ls "$ddir"/*/edid_override 2>/dev/null | head -n 1)
if [ -f /edid_expect ] && [ -n "$ovr" ]; then
	/kmstest info >/tmp/e0.txt
	sysedid=$(ls /sys/class/drm/card0-*/edid | head -n 1)
	cat /edid1080.bin >"$ovr"
	/kmstest info >/tmp/e1.txt
	cp "$sysedid" /tmp/e1.edid
	printf reset >"$ovr"	# exactly "reset": with a newline it is EDID data
	/kmstest info >/tmp/e2.txt
	cp "$sysedid" /tmp/e2.edid
	# the connector's EDID (its EDID property, in sysfs) is the forced one
	check "edid override: the connector's EDID is the forced one" \
		cmp -s /tmp/e1.edid /edid1080.bin
	check "edid override reset: the connector's EDID is no longer the forced one" \
		sh -c '! cmp -s /tmp/e2.edid /edid1080.bin'
	echo "INFO edid: preferred $(pref /tmp/e0.txt) -> forced $(pref /tmp/e1.txt) -> reset $(pref /tmp/e2.txt)"
	if [ "$(cat /edid_expect)" = offered ]; then
		check "edid override: 1920x1080 becomes the preferred mode" \
			test "$(pref /tmp/e1.txt)" = 1920x1080
		check "edid override: the preferred mode was another before" \
			test "$(pref /tmp/e0.txt)" != 1920x1080
	else
		check "edid override: a size the miniport lacks is not listed" \
			sh -c '! grep -q "x1080" /tmp/e1.txt'
		check "edid override: the preferred mode stays the miniport's" \
			test "$(pref /tmp/e1.txt)" = "$(pref /tmp/e0.txt)"
	fi
	check "edid override: the same modes after the forced EDID" \
		sh -c 'test "$(grep -c "^INFO mode" /tmp/e0.txt)" = "$(grep -c "^INFO mode" /tmp/e1.txt)"'
	check "edid override reset: the preferred mode is back" \
		test "$(pref /tmp/e2.txt)" = "$(pref /tmp/e0.txt)"
else
	fail "edid override" "no /edid_expect or no edid_override in ${ddir:-debugfs}"
fi
# /cursor: "X,Y" positions, partly off screen ones included
if [ -f /cursor ]; then
	for xy in $(cat /cursor); do
		/kmstest cursor -m 1024x768 -- ${xy%,*} ${xy#*,}
	done
fi
# /moves: "X,Y ..." the legacy cursor ioctls move the cursor through (on
# std VGA the software cursor, drawn into the frame buffer)
if [ -f /moves ]; then
	/kmstest cursormove -m 1024x768 -- $(tr ',' ' ' </moves)
fi

# DPMS off and on again brings the picture back (mode set + full copy)
/kmstest pattern -m 1024x768 -f XR24 -t dpms -D

# Suspend to RAM with a picture on screen, resume: the mode, the palette
# (C8) and the picture come back, and the client's next damage commit shows.
if [ -f /s3 ]; then
	/kmstest pattern -m 1024x768 -f XR24,C8 -t s3 -P
	kclean "no oops or warning after suspend and resume"
fi

# A mode set that keeps the mode (new mode blob, new framebuffer) does not
# ask the miniport to set it again, and the new framebuffer is all on screen.
set -- /sys/kernel/debug/vpwrap-videoport/*/mode_sets
/kmstest pattern -m 1024x768 -f XR24,RG16 -t same -S "$1"

# Zero-copy scanout: a buffer in the mode's layout shown twice in a row is
# scanned out in place (drawing shows without an ioctl), leaves with its
# content on a flip and comes back; /zerocopy names the formats whose
# layout matches a 1024x768 mode of this miniport
if [ -s /zerocopy ]; then
	/kmstest zerocopy -m 1024x768 -f "$(cat /zerocopy)"
fi

# Unbind while a client holds the device: the device is unplugged at once,
# the client's next ioctl fails, rmmod is refused until it closes the file.
/kmstest hold 8 >/tmp/hold.txt &
HOLD=$!
sleep 3
dev=$(readlink -f /sys/class/drm/card0/device)
if ! grep -q '^vpwrap ' /proc/modules; then
	fail "rmmod refused while card0 is open" "vpwrap not loaded"
elif rmmod vpwrap 2>/dev/null; then
	fail "rmmod refused while card0 is open" "rmmod succeeded"
else
	pass "rmmod refused while card0 is open"
fi
check "unbind while card0 is open" timeout 20 sh -c "echo ${dev##*/} >$dev/driver/unbind"
check "card0 gone after unbind" sh -c '! test -e /dev/dri/card0'
wait $HOLD
sed 's/^/INFO hold: /' /tmp/hold.txt
check "client ioctl after unplug fails" grep -q "HOLD after: GETRESOURCES No such device" /tmp/hold.txt
check "rmmod after the client exits" rmmod vpwrap

# A nonblocking flip with an event, then at once unbind: the event arrives.
check "modprobe vpwrap again" modprobe vpwrap miniport=/miniport.sys
i=0
while [ ! -e /dev/dri/card0 ] && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
/kmsvblank unbind
check "rmmod after the unbind in flight" rmmod vpwrap
screendump text-unloaded

# Halt with vpwrap driving the card: its shutdown hands the adapter back in
# VGA text mode, the firmware's text screen on it (the host compares).
check "modprobe vpwrap for the shutdown" modprobe vpwrap miniport=/miniport.sys
i=0
while [ ! -e /dev/dri/card0 ] && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
/kmstest pattern -m 1024x768 -f XR24 -t halt
kclean "no oops or warning"
halt_screendump text-halt
