# Guest: the X.Org server's own modesetting driver, unchanged (no glamor:
# AccelMethod none), on card0 of $DRIVER (/driver: "vpwrap" = vpwrap.ko with
# /miniport.sys, else a stock DRM driver: the reference).  Clients: xsetroot
# (a solid root window) and an xterm at a fixed place; xrandr lists the
# modes and switches between two, each shown in a screen dump
# "x-$DRIVER-N-WxH" (host: xcheck.py).  Files: the X tree (tests/vm/xorg),
# /xterm.txt (what the xterm shows).
DRIVER=$(cat /driver)
export DISPLAY=:0 HOME=/tmp
if [ "$DRIVER" = vpwrap ]; then
	check "modprobe vpwrap" modprobe vpwrap miniport=/miniport.sys
else
	check "modprobe $DRIVER" modprobe "$DRIVER"
fi
i=0
while [ ! -e /dev/dri/card0 ] && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
check "card0 appears" test -e /dev/dri/card0

mkdir -p /etc/X11 /var/lib/xkb /var/log /tmp/.X11-unix /dev/pts
mount -t devpts devpts /dev/pts 2>/dev/null
echo "root:x:0:0:root:/tmp:/bin/sh" >/etc/passwd
echo "root:x:0:" >/etc/group
cat >/etc/X11/xorg.conf <<'CONF'
Section "ServerFlags"
	Option "AutoAddDevices" "false"
	Option "AutoEnableDevices" "false"
	Option "BlankTime" "0"
	Option "StandbyTime" "0"
	Option "SuspendTime" "0"
	Option "OffTime" "0"
EndSection
Section "Files"
	ModulePath "/usr/lib/xorg/modules"
	FontPath "built-ins"
EndSection
Section "Device"
	Identifier "card0"
	Driver "modesetting"
	Option "kmsdev" "/dev/dri/card0"
	Option "AccelMethod" "none"
EndSection
Section "Screen"
	Identifier "screen0"
	Device "card0"
	DefaultDepth 24
	SubSection "Display"
		Depth 24
		Modes "1024x768" "800x600"
	EndSubSection
EndSection
CONF
/usr/lib/xorg/Xorg :0 -config /etc/X11/xorg.conf -logfile /tmp/Xorg.log \
	-nolisten tcp -noreset -nocursor -s 0 -dpms vt1 >/tmp/Xorg.out 2>&1 &
xpid=$!
i=0
while ! xrandr >/tmp/xrandr.txt 2>/dev/null && [ $i -lt 300 ] && kill -0 $xpid 2>/dev/null; do
	sleep 1
	i=$((i + 1))
done
if xrandr >/tmp/xrandr.txt 2>&1; then
	pass "Xorg with modesetting runs on card0"
else
	fail "Xorg with modesetting runs on card0" "$(tail -n 3 /tmp/Xorg.out | tr '\n' ' ')"
	grep -E "\(EE\)|\(WW\)" /tmp/Xorg.log | sed 's/^/INFO Xorg: /'
	kclean "no oops or warning"
	exit 0
fi
grep -E "modeset\(0\)|\(EE\)|glamor|Accel|shadow" /tmp/Xorg.log | head -n 20 | sed 's/^/INFO Xorg: /'
sed 's/^/INFO xrandr: /' /tmp/xrandr.txt
if grep -q "modesetting" /tmp/Xorg.log && ! grep -q "glamor initialized" /tmp/Xorg.log; then
	pass "the server's modesetting driver drives it, without glamor"
else
	fail "the server's modesetting driver drives it, without glamor" "$(grep -m1 -E 'glamor|LoadModule' /tmp/Xorg.log)"
fi
out=$(awk '/ connected/ { print $1; exit }' /tmp/xrandr.txt)
n=$(grep -cE '^ +[0-9]+x[0-9]+' /tmp/xrandr.txt)
if [ -n "$out" ] && grep -qE '^ +1024x768 ' /tmp/xrandr.txt && grep -qE '^ +800x600 ' /tmp/xrandr.txt; then
	pass "xrandr lists the modes (output $out, $n modes, 1024x768 and 800x600 among them)"
else
	fail "xrandr lists the modes" "output '$out', $n modes"
fi

xsetroot -solid "#204080"
# The text cursor is hidden first (DECTCEM): whether xterm shows it, and
# hollow or filled, depends on focus and on whether cat has exited yet, so
# two runs of the same clients would not dump the same pixels.
xterm -T xterm -geometry 32x6+96+64 -bw 0 -bg "#c00000" -fg "#ffff00" -fn fixed \
	+cm +dc -hold -e sh -c 'printf "\033[?25l"; exec cat /xterm.txt' &
i=0
while ! xwininfo -name xterm 2>/dev/null | grep -q IsViewable && [ $i -lt 60 ]; do
	sleep 1
	i=$((i + 1))
done
check "the xterm window is mapped" sh -c 'xwininfo -name xterm | grep -q IsViewable'
xwininfo -name xterm | grep -E "Absolute|Width|Height" | sed 's/^/INFO xterm: /'

k=0
for m in 1024x768 800x600 1024x768; do
	k=$((k + 1))
	xrandr --output "$out" --mode "$m"
	cur=$(xrandr | sed -n 's/.* connected.* \([0-9]*x[0-9]*\)+0+0 .*/\1/p')
	if [ "$cur" = "$m" ]; then pass "xrandr step $k: switches to $m"
	else fail "xrandr step $k: switches to $m" "now '$cur'"; fi
	# the clients draw again after the change: let the server settle
	sleep 3
	screendump "x-$DRIVER-$k-$m"
done
kill $xpid
wait $xpid 2>/dev/null
check "Xorg exits" sh -c "! kill -0 $xpid 2>/dev/null"
kclean "no oops or warning"
