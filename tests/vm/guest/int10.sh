# Guest: vpvbe.sys, the miniport that uses only the video BIOS (Int10).
# Files: /vpvbe.sys, /xmm_ioctl (one private IOCTL), /vpwrap (the tool),
# /sbin/vpwrap-int10 (the helper, with its libraries), /kmstest, /kmscrc
# and /modes when the DRM pattern checks run here (/drm present).
D=/sys/kernel/debug/vpwrap-videoport
mount -t debugfs none /sys/kernel/debug 2>/dev/null

# no fbdev console: nothing but the miniport and kmstest draws on the screen
modprobe drm_kms_helper
echo 0 >/sys/module/drm_kms_helper/parameters/fbdev_emulation
# a helper left dumpable after its uid change could be ptraced by nobody
echo 1 >/proc/sys/fs/suid_dumpable
check "modprobe vpwrap with vpvbe.sys" modprobe vpwrap miniport=/vpvbe.sys \
	pci_ids=1234:1111,1013:00b8 int10_max_instr=5000000
P=$(ls -d $D/0000:* 2>/dev/null | head -n 1)
check "adapter bound" test -n "$P"
dmesg | grep -E "vpwrap" | tail -n 20 | sed 's/^/INFO dmesg: /'
expect_log "VBE mode list read in HwFindAdapter" "vpvbe.sys: VBE PASS vbe_mode_list"
bios=$(cat /sys/bus/pci/devices/${P##*/}/vpwrap/video_bios 2>/dev/null)
echo "INFO video_bios: $bios"
case "$bios" in
*", VBE "[23].[0-9]*) pass "sysfs video_bios names the BIOS and its VBE version" ;;
*) fail "sysfs video_bios names the BIOS and its VBE version" "'$bios'" ;;
esac
/vpwrap status >/tmp/status.txt 2>&1
sed 's/^/INFO status: /' /tmp/status.txt
if grep -q "video BIOS *$bios" /tmp/status.txt; then pass "vpwrap status shows the video BIOS"
else fail "vpwrap status shows the video BIOS" "$(grep -i bios /tmp/status.txt | head -n 1)"; fi
ps | grep -v grep | grep vpwrap-int10 | sed 's/^/INFO helper: /'
uid=$(awk '/^Uid:/ { print $2 }' /proc/$(pidof vpwrap-int10)/status 2>/dev/null)
capeff=$(awk '/^CapEff:/ { print $2 }' /proc/$(pidof vpwrap-int10)/status 2>/dev/null)
capprm=$(awk '/^CapPrm:/ { print $2 }' /proc/$(pidof vpwrap-int10)/status 2>/dev/null)
nnp=$(awk '/^NoNewPrivs:/ { print $2 }' /proc/$(pidof vpwrap-int10)/status 2>/dev/null)
if [ "$uid" = 65534 ] && [ "$capeff" = 0000000000000000 ] && [ "$capprm" = 0000000000000000 ] &&
	[ "$nnp" = 1 ]; then
	pass "helper runs as nobody without capabilities"
else
	fail "helper runs as nobody without capabilities" "uid '$uid' CapEff '$capeff' CapPrm '$capprm' NoNewPrivs '$nnp'"
fi
# the files in /proc/PID of a non-dumpable process belong to root, whatever its uid
powner=$(ls -ln /proc/$(pidof vpwrap-int10)/status 2>/dev/null | awk '{ print $3 }')
if [ "$powner" = 0 ]; then pass "helper is not dumpable (ptrace refused) with fs.suid_dumpable=1"
else fail "helper is not dumpable (ptrace refused) with fs.suid_dumpable=1" "/proc/PID/status owner '$powner'"; fi
# only the helper the module started may open the channel
if echo x 2>/dev/null >/dev/vpwrap-int10; then fail "channel refuses other processes" "opened"
else pass "channel refuses other processes"; fi

if [ -f /drm ]; then
	/kmstest pattern -m "$(cat /modes)" -f XR24,AR24,RG16
	# VGA's 16-colour planar mode 12h: C8 (the LUT's first 16 entries) is
	# shown there as no packed 640x480 mode takes C8; XRGB8888 when asked
	# for depth 4 (the nearest of the 16 VGA colours)
	/kmstest pattern -m 640x480 -f C8 -t v16
	echo 4 >/sys/module/vpwrap/parameters/xrgb_depth
	/kmstest pattern -m 640x480 -f XR24 -t v16
	# frame CRCs over the four planes
	/kmscrc -m 640x480
	echo 0 >/sys/module/vpwrap/parameters/xrgb_depth
fi

# VBE 0x4f00/0x4f01/0x4f02 to 1024x768 linear (32 bpp; /vbe_bpp says 16 on
# Cirrus, whose SeaVGABIOS lists no 32 bpp mode), pattern through the LFB
BPP=$(cat /vbe_bpp 2>/dev/null || echo 32)
/xmm_ioctl "$P/ioctl" 0x232000 $((1024 | 768 << 12 | BPP / 8 << 24)) 28 >/tmp/set.txt
sed 's/^/INFO set: /' /tmp/set.txt
check "VBE set and draw ioctl" grep -q 'ret=0' /tmp/set.txt
screendump vbe_1024x768
expect_log "VBE mode set" "vpvbe.sys: VBE PASS vbe_set_mode"
expect_log "VBE 0x4f03 through VideoPortInt10 reports the mode" "vpvbe.sys: VBE PASS vbe_current_mode"
dmesg | grep -o 'VBE mode 0x[0-9a-f]* set in [0-9]* us' | sed 's/^/INFO timing: /'

# INT 10h AH=00h mode 3
/xmm_ioctl "$P/ioctl" 0x232004 >/tmp/text.txt
check "INT 10h AH=00h mode 3" grep -q 'ret=0' /tmp/text.txt
screendump text_mode

if [ -f /hostile ]; then
	/xmm_ioctl "$P/ioctl" 0x232008 0 4 >/tmp/hostile.txt
	sed 's/^/INFO hostile: /' /tmp/hostile.txt
	check "hostile calls returned" grep -q 'ret=0' /tmp/hostile.txt
	expect_log "looping BIOS stopped, logged" "vpvbe.sys: .*Int10 0x10 .* failed after [0-9]+ instructions .*instruction limit.*low memory restored"
	expect_log "BIOS CPU exception logged" "vpvbe.sys: .*Int10 0x10 .*CPU exception in the BIOS"
	expect_log "foreign port refused, logged" "vpvbe.sys: .*Int10: BIOS port write at port 0x80 \\(1 bytes\\) refused"
	expect_log "out-of-range read logged" "vpvbe.sys: .*Int10ReadMemory: ffff:fff0 \\+ 32 bytes is outside"
fi

# set the VBE mode again, then rmmod with the helper running: the adapter's
# teardown (IOCTL_VIDEO_RESET_DEVICE) is INT 10h mode 3, then the helper is
# stopped and the module goes
/xmm_ioctl "$P/ioctl" 0x232000 $((1024 | 768 << 12 | BPP / 8 << 24 | 1 << 31)) 28 >/dev/null
check "rmmod vpwrap" rmmod vpwrap
expect_log "teardown set text mode through VideoPortInt10" "vpvbe.sys: VBE PASS reset_text_mode"
screendump after_rmmod
check "helper gone after rmmod" sh -c '! pidof vpwrap-int10'
dmesg | grep -E "vpwrap" | grep -iE "int10|vbe|bios" | tail -n 30 | sed 's/^/INFO dmesg: /'
n=$(dmesg | grep -c 'vpvbe.sys: VBE FAIL')
if [ "$n" = 0 ]; then pass "no VBE FAIL lines"; else fail "no VBE FAIL lines" "$(dmesg | grep -m1 'VBE FAIL')"; fi
kclean "no oops or warning"
