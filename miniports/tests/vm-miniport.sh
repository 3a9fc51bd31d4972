# Guest script (vmrun.py runs it as /test.sh with vmlib.sh sourced): load
# vpwrap with a bundled miniport and drive it through videoport's debugfs
# IOCTL file, the way drm-glue will.  The host side is
# miniports/tests/vm-miniport-run.sh, which passes:
#   /miniport.sys     the driver under test
#   /expected-modes   expected-modes.py's list for the device and VRAM size
#   /params           DEVICE=bochs|cirrus
. /params

IOCTL_QUERY_AVAIL_MODES=$((0x230400))
IOCTL_QUERY_NUM_AVAIL_MODES=$((0x230404))
IOCTL_QUERY_CURRENT_MODE=$((0x230408))
IOCTL_SET_CURRENT_MODE=$((0x23040C))
IOCTL_SET_COLOR_REGISTERS=$((0x23041C))
IOCTL_ENABLE_POINTER=$((0x230438))
IOCTL_MAP_VIDEO_MEMORY=$((0x230458))
IOCTL_UNMAP_VIDEO_MEMORY=$((0x23045C))
IOCTL_SET_POINTER_ATTR=$((0x230440))
IOCTL_QUERY_POINTER_CAPABILITIES=$((0x230450))
IOCTL_SET_POWER_MANAGEMENT=$((0x23046C))
IOCTL_GET_POWER_MANAGEMENT=$((0x230470))

# u32 N...: little-endian 32-bit words on stdout.
u32() {
	for _v in "$@"; do
		printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((_v & 255)) \
			$(((_v >> 8) & 255)) $(((_v >> 16) & 255)) $(((_v >> 24) & 255)))"
	done
}

# ioctl CODE OUTLEN [INPUT_FILE]: one request through debugfs (write, then
# read on the same open file).  Leaves the answer as u32 words in $RESP:
# errno, bytes returned, then the output buffer.
ioctl() {
	{ u32 "$1" "$2"; [ -n "$3" ] && cat "$3"; } >/tmp/req
	exec 3<>"$IOCTL_FILE"
	dd if=/tmp/req bs=8192 >&3 2>/dev/null
	dd bs=8192 count=1 <&3 2>/dev/null >/tmp/resp
	exec 3>&-
	RESP=$(od -An -tu4 -v /tmp/resp | tr -s ' \n' ' ')
}
word() { echo $RESP | cut -d' ' -f$(($1 + 1)); }	# word N of $RESP, from 0

dmesg -c >/dev/null
if ! insmod /vpwrap.ko miniport=/miniport.sys; then
	# Not our failure while videoport lacks an export we import: say so.
	missing=$(dmesg | grep -o 'unresolved imports\{0,1\}: .*' | head -n 1)
	if [ -n "$missing" ]; then
		echo "SKIP: $DEVICE: vpwrap.ko has $missing"
		exit 0
	fi
	fail "$DEVICE: insmod with the miniport" "$(dmesg | grep vpwrap | tail -n 2 | tr '\n' '|')"
	exit 0
fi
log=$(dmesg)
echo "$log" | grep vpwrap
if echo "$log" | grep -q "adapter initialized"; then
	pass "$DEVICE: HwFindAdapter and HwInitialize succeed"
else
	fail "$DEVICE: HwFindAdapter and HwInitialize succeed" "$(echo "$log" | grep vpwrap | tail -n 1)"
fi
IOCTL_FILE=$(ls /sys/kernel/debug/vpwrap-videoport/*/ioctl 2>/dev/null | head -n 1)
[ -n "$IOCTL_FILE" ] || { fail "$DEVICE: debugfs ioctl file" "none"; exit 0; }

# Mode list: NUM_AVAIL_MODES, then AVAIL_MODES, against the expected list.
ioctl $IOCTL_QUERY_NUM_AVAIL_MODES 8
n=$(word 2) len=$(word 3)
want=$(wc -w </expected-modes)
if [ "$(word 0)" = 0 ] && [ "$n" = "$want" ] && [ "$len" = 80 ]; then
	pass "$DEVICE: QUERY_NUM_AVAIL_MODES = $n modes of 80 bytes"
else
	fail "$DEVICE: QUERY_NUM_AVAIL_MODES" "errno $(word 0), $n modes of $len bytes, want $want of 80"
fi
ioctl $IOCTL_QUERY_AVAIL_MODES 8
if [ "$(word 0)" != 0 ]; then
	pass "$DEVICE: QUERY_AVAIL_MODES refuses a short buffer (errno $(word 0))"
else
	fail "$DEVICE: QUERY_AVAIL_MODES refuses a short buffer" "succeeded"
fi
# videoport's debugfs file carries at most 4096 output bytes (51 modes).
if [ $((n * 80)) -gt 4096 ]; then
	echo "$n modes do not fit the debugfs buffer: list not compared"
	n=0
fi
ioctl $IOCTL_QUERY_AVAIL_MODES $((n * 80))
got=""
i=0
while [ $i -lt "$n" ]; do
	b=$((2 + i * 20))
	got="$got $(word $((b + 2)))x$(word $((b + 3)))x$(word $((b + 6)))"
	i=$((i + 1))
done
got=$(echo $got)
if [ "$n" = 0 ]; then
	:
elif [ "$got" = "$(echo $(cat /expected-modes))" ]; then
	pass "$DEVICE: QUERY_AVAIL_MODES matches expected-modes.py"
else
	fail "$DEVICE: QUERY_AVAIL_MODES matches expected-modes.py" "got: $got"
fi

# No mode yet: QUERY_CURRENT_MODE has nothing to say.
ioctl $IOCTL_QUERY_CURRENT_MODE 80
[ "$(word 0)" != 0 ] && pass "$DEVICE: no current mode before SET_CURRENT_MODE" ||
	fail "$DEVICE: no current mode before SET_CURRENT_MODE" "succeeded"

# 640x480x8 is mode 0 on both devices: set it (cleared to palette index 0)
# and make index 0 pure red; the host checks the screen dump.
u32 0 >/tmp/in
ioctl $IOCTL_SET_CURRENT_MODE 0 /tmp/in
check "$DEVICE: SET_CURRENT_MODE 640x480x8" [ "$(word 0)" = 0 ]
ioctl $IOCTL_QUERY_CURRENT_MODE 80
check "$DEVICE: QUERY_CURRENT_MODE reports 640x480x8" \
	[ "$(word 4)x$(word 5)x$(word 8)" = 640x480x8 ]
# VIDEO_CLUT: NumEntries 2, FirstEntry 0 (two USHORTs), then R,G,B,x each.
{ u32 $((2 | (0 << 16))) $((0x0000FF)) $((0x00FF00)); } >/tmp/in
ioctl $IOCTL_SET_COLOR_REGISTERS 0 /tmp/in
check "$DEVICE: SET_COLOR_REGISTERS" [ "$(word 0)" = 0 ]
{ u32 $((300 | (0 << 16))); } >/tmp/in
ioctl $IOCTL_SET_COLOR_REGISTERS 0 /tmp/in
[ "$(word 0)" != 0 ] && pass "$DEVICE: SET_COLOR_REGISTERS refuses 300 entries in 4 bytes" ||
	fail "$DEVICE: SET_COLOR_REGISTERS refuses a short buffer" "succeeded"
screendump red8

# MAP_VIDEO_MEMORY (x86_64 layout): VIDEO_MEMORY in, VIDEO_MEMORY_INFORMATION
# out = VideoRamBase, VideoRamLength, FrameBufferBase, FrameBufferLength.
u32 0 0 >/tmp/in
ioctl $IOCTL_MAP_VIDEO_MEMORY 32 /tmp/in
base_lo=$(word 2) base_hi=$(word 3) ramlen=$(word 4) fblen=$(word 8)
if [ "$(word 0)" = 0 ] && [ "$(word 1)" = 32 ] && [ "$ramlen" = "$MAP_LENGTH" ] &&
	[ "$fblen" = $((640 * 480)) ] && [ "$base_lo$base_hi" != 00 ]; then
	pass "$DEVICE: MAP_VIDEO_MEMORY maps $ramlen bytes, frame $fblen"
else
	fail "$DEVICE: MAP_VIDEO_MEMORY" "errno $(word 0), $(word 1) bytes, ram $ramlen (want $MAP_LENGTH), frame $fblen"
fi
u32 "$base_lo" "$base_hi" >/tmp/in
ioctl $IOCTL_UNMAP_VIDEO_MEMORY 0 /tmp/in
check "$DEVICE: UNMAP_VIDEO_MEMORY" [ "$(word 0)" = 0 ]

# Cirrus: a 32x32 pointer, AND 0 / XOR 1 (white) everywhere, at (100, 50).
if [ "$DEVICE" = cirrus ]; then
	ioctl $IOCTL_QUERY_POINTER_CAPABILITIES 20
	check "$DEVICE: pointer capabilities mono 64x64" \
		[ "$(word 0) $(word 3) $(word 4)" = "0 64 64" ]
	# Flags MONO, Width 32, Height 32, WidthInBytes 4, Enable 1, Column 100, Row 50
	{ u32 2 32 32 4 1 $((100 | (50 << 16)))
	  i=0; while [ $i -lt 32 ]; do u32 0; i=$((i + 1)); done
	  i=0; while [ $i -lt 32 ]; do u32 $((0xFFFFFFFF)); i=$((i + 1)); done
	} >/tmp/in
	ioctl $IOCTL_SET_POINTER_ATTR 0 /tmp/in
	check "$DEVICE: SET_POINTER_ATTR" [ "$(word 0)" = 0 ]
	screendump cursor
fi

# Monitor power: off blanks, on shows again.
u32 12 0 4 >/tmp/in
ioctl $IOCTL_SET_POWER_MANAGEMENT 0 /tmp/in
ioctl $IOCTL_GET_POWER_MANAGEMENT 12
check "$DEVICE: monitor power off" [ "$(word 0) $(word 4)" = "0 4" ]
screendump off
u32 12 0 1 >/tmp/in
ioctl $IOCTL_SET_POWER_MANAGEMENT 0 /tmp/in
screendump on

kclean "$DEVICE: kernel log clean after the IOCTLs"
