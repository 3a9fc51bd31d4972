# Guest (permissions): only root loads a miniport; the sysfs and
# debugfs files that expose a miniport's registry or reach its HwStartIO are
# not writable (nor, when 0400/0600, readable) by others.  Files: /reltest,
# /dropuid, /vpbochs.sys.  uid 1000 is an ordinary user (no capabilities).
U="/dropuid 1000"
wait_card() {
	w=0
	while [ ! -e /dev/dri/card0 ] && [ $w -lt 400 ]; do sleep 0.05; w=$((w + 1)); done
	[ -e /dev/dri/card0 ]
}
check "dropuid really drops to uid 1000" sh -c "[ \"\$($U id -u)\" = 1000 ]"

# 1. loading: a user gets EPERM from insmod and from modprobe
out=$($U insmod /vpwrap.ko miniport=/vpbochs.sys 2>&1)
echo "INFO user insmod: $out"
if echo "$out" | grep -q 'Operation not permitted' && ! grep -q '^vpwrap ' /proc/modules; then
	pass "non-root insmod vpwrap.ko miniport=... fails with EPERM"
else
	fail "non-root insmod vpwrap.ko miniport=... fails with EPERM" "$out"
fi
out=$($U modprobe vpwrap miniport=/vpbochs.sys 2>&1)
echo "INFO user modprobe: $out"
if echo "$out" | grep -q 'Operation not permitted' && ! grep -q '^vpwrap ' /proc/modules; then
	pass "non-root modprobe vpwrap fails with EPERM"
else
	fail "non-root modprobe vpwrap fails with EPERM" "$out"
fi
# Taint: vpwrap without a miniport leaves the proprietary bit (1) clear;
# the first miniport sets it, and the log names the driver.
taint_p() { echo $(( $(cat /proc/sys/kernel/tainted) & 1 )); }
check "vpwrap loads idle (no miniport)" insmod /vpwrap.ko
t=$(cat /proc/sys/kernel/tainted)
if [ "$(taint_p)" = 0 ]; then pass "taint: proprietary bit clear with no miniport (tainted=$t)"
else fail "taint: proprietary bit clear with no miniport" "tainted=$t"; fi
check "rmmod idle vpwrap" rmmod vpwrap
check "root loads it" modprobe vpwrap miniport=/vpbochs.sys
t=$(cat /proc/sys/kernel/tainted)
if [ "$(taint_p)" = 1 ]; then pass "taint: proprietary bit set once a miniport loaded (tainted=$t)"
else fail "taint: proprietary bit set once a miniport loaded" "tainted=$t"; fi
if dmesg | grep -q 'vpwrap: vpbochs.sys: Windows miniport code runs in the kernel: tainting kernel'; then
	pass "taint: the log names the driver"
else
	fail "taint: the log names the driver" "$(dmesg | grep -i taint | tail -n 3)"
fi
check "card0 appears" wait_card

# 2. the registry files: present, root sees the miniport's own values
dev=$(readlink -f /sys/class/drm/card0/device)
bdf=${dev##*/}
img=$(ls /sys/module/vpwrap/miniports/ | head -n1)
R1=/sys/module/vpwrap/miniports/$img/registry
R2=$dev/vpwrap/registry
for f in "$R1" "$R2"; do
	if [ ! -e "$f" ]; then
		fail "registry file $f exists" "missing"
		continue
	fi
	mode=$(stat -c %a "$f")
	echo "INFO $f mode $mode owner $(stat -c %U "$f")"
	check "$f: root reads the miniport's values" sh -c "cat '$f' | grep -aq 'HardwareInformation'"
	if [ $((0$mode & 022)) = 0 ]; then pass "$f not writable by group/others (mode $mode)"
	else fail "$f not writable by group/others" "mode $mode"; fi
	if $U sh -c "echo x >'$f'" 2>/dev/null; then fail "$f: user write refused" "write succeeded"
	else pass "$f: user write refused"; fi
	if [ $((0$mode & 044)) = 0 ]; then
		if $U cat "$f" >/dev/null 2>&1; then fail "$f (mode $mode): user read refused" "read succeeded"
		else pass "$f (mode $mode): user read refused"; fi
	fi
done

# 3. nothing vpwrap puts in sysfs is writable by others; module
#    parameters are not writable by non-root
bad=$(find /sys/module/vpwrap "$dev/vpwrap" /sys/bus/pci/drivers/vpwrap -perm -o+w \
	! -type l 2>/dev/null | head -n 3)
if [ -z "$bad" ]; then pass "no vpwrap sysfs file is world-writable"
else fail "no vpwrap sysfs file is world-writable" "$bad"; fi
for p in /sys/module/vpwrap/parameters/*; do
	if $U sh -c "echo 1 >'$p'" 2>/dev/null; then
		fail "user cannot write module parameters" "$p written"; break
	fi
done
[ "$p" = "${p%/*}/*" ] || pass "user cannot write module parameters ($(ls /sys/module/vpwrap/parameters | wc -l) files)"
if $U sh -c "echo $bdf >/sys/bus/pci/drivers/vpwrap/unbind" 2>/dev/null; then
	fail "user cannot unbind the device" "unbind accepted"
else
	pass "user cannot unbind the device"
fi
check "device still bound" test -e /dev/dri/card0

# 4. reading every vpwrap, DRM and fbdev sysfs file as uid 1000 never
#    enters the miniport: the bridge's call counter does not move.  (A root
#    read of debugfs "modes", which asks the miniport, must move it.)
B=/sys/kernel/debug/vpwrap-videoport/bridge_calls
files=$(find /sys/module/vpwrap/ "$dev/vpwrap/" /sys/bus/pci/drivers/vpwrap/ \
	/sys/class/drm/card0/ /sys/class/graphics/fb0/ -type f -perm -o+r 2>/dev/null)
nf=$(echo "$files" | wc -l)
um=$($U cat "$dev/vpwrap/mode" 2>&1)
echo "INFO $nf world-readable files; mode as uid 1000: $um"
if echo "$um" | grep -Eq '^[0-9]+x[0-9]+ [0-9]+bpp'; then pass "sysfs mode read by uid 1000 shows the mode fbcon set ($um)"
else fail "sysfs mode read by uid 1000 shows the mode fbcon set" "$um"; fi
if [ -r "$B" ]; then
	c0=$(cat $B)
	for r in 1 2; do
		for f in $files; do $U head -c 8192 "$f" >/dev/null 2>&1; done
	done
	c1=$(cat $B)
	if [ "$nf" -ge 20 ] && [ "$c1" = "$c0" ]; then
		pass "uid 1000 reading $nf sysfs files twice: no bridge call ($c0 -> $c1)"
	else
		fail "uid 1000 reading sysfs files: no bridge call" "$nf files, $c0 -> $c1"
	fi
	cat /sys/kernel/debug/vpwrap-videoport/*/modes >/dev/null
	c2=$(cat $B)
	if [ "$c2" -gt "$c1" ]; then pass "the bridge counter counts (root modes read: $c1 -> $c2)"
	else fail "the bridge counter counts" "$c1 -> $c2"; fi
else
	fail "debugfs bridge_calls present" "no $B"
fi
img_line=$(cat /sys/module/vpwrap/miniports/$img/image)
if echo "$img_line" | grep -Eq 'ffff[0-9a-f]{12}'; then fail "sysfs image shows no kernel address" "$img_line"
else pass "sysfs image shows no kernel address ($img_line)"; fi

# 5. debugfs: the pass-through to HwStartIO is root only
D=/sys/kernel/debug/vpwrap-videoport
for f in $(ls $D/*/ioctl $D/*/bench $D/exports 2>/dev/null); do
	mode=$(stat -c %a "$f")
	if [ $((0$mode & 077)) = 0 ]; then pass "$f is root only (mode $mode)"
	else fail "$f is root only" "mode $mode"; fi
done
f=$(ls $D/*/ioctl 2>/dev/null | head -n1)
if [ -n "$f" ]; then
	chmod 755 /sys/kernel/debug	# let the user reach it: the file's own mode must stop it
	if $U /reltest vpioctl "$f" 0x230000 0 >/dev/null 2>&1; then
		fail "user cannot send a request to HwStartIO" "vpioctl succeeded"
	else
		pass "user cannot send a request to HwStartIO"
	fi
	chmod 700 /sys/kernel/debug
else
	fail "debugfs ioctl file present" "none under $D"
fi
check "rmmod vpwrap" rmmod vpwrap
kclean "no oops or warning in the guest log"
