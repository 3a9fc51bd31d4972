# Guest half of `make demo`: load vpwrap with the bundled miniport, let the
# console appear on the card, draw a test pattern through fbdev, take a screen
# dump.
modprobe vpwrap miniport=/vpbochs.sys || { fail "demo: modprobe vpwrap" "see console.log"; exit 1; }
n=0
while [ ! -e /dev/dri/card0 ] || [ ! -e /dev/fb0 ]; do
	n=$((n + 1))
	[ $n -gt 50 ] && { fail "demo: /dev/dri/card0 and /dev/fb0 appear" "timeout"; exit 1; }
	sleep 0.2
done
pass "demo: DRM device and fbdev up"
{
	echo
	echo "  vpwrap: this console is drawn by vpbochs.sys, a Windows video miniport,"
	echo "  running inside Linux $(uname -r) through vpwrap.ko."
	echo
	dmesg | grep -E 'vpwrap|vpbochs' | tail -n 12
} >/dev/tty1
check "demo: test pattern drawn" /fbpattern
sleep 1
screendump demo && pass "demo: screen dump taken"
