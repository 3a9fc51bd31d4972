# Guest script (vmrun.py runs it as /test.sh with vmlib.sh sourced): load
# vpwrap with a bundled miniport and check what the miniport reports.  The
# host side is miniports/tests/vm-miniport-run.sh, which passes:
#   /miniport.sys     the driver under test
#   /expected-modes   expected-modes.py's list for the device and VRAM size
#   /params           DEVICE=bochs|cirrus
#
# Mode set, palette, pointer and power are driven through the DRM device
# (drm-glue) by tests/suites/70-vm-drm-std.sh and 71-vm-drm-cirrus.sh; the
# standard IOCTLs belong to drm-glue, so this test only reads the mode list.
. /params

dmesg -c >/dev/null
if ! insmod /vpwrap.ko miniport=/miniport.sys; then
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

# The mode list, as IOCTL_VIDEO_QUERY_AVAIL_MODES returns it through the
# adapter interface, in ModeIndex order, against expected-modes.py.
MODES_FILE=$(ls /sys/kernel/debug/vpwrap-videoport/*/modes 2>/dev/null | head -n 1)
[ -n "$MODES_FILE" ] || { fail "$DEVICE: debugfs modes file" "none"; exit 0; }
got=$(cat "$MODES_FILE")
want=$(echo $(cat /expected-modes))
if [ "$got" = "$want" ]; then
	pass "$DEVICE: $(echo $got | wc -w) modes, as expected-modes.py says for this VRAM"
else
	fail "$DEVICE: mode list matches expected-modes.py" "got: $got"
fi
check "$DEVICE: rmmod" rmmod vpwrap
kclean "$DEVICE: kernel log clean"
