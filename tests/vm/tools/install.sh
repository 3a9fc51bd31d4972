# Guest script for tests/suites/43-vm-tools-install.sh (runs as /test.sh,
# vmlib.sh sourced): the user's workflow of tools/README.md on QEMU's std VGA.
#
#   /usr/bin/vpwrap              tools/out/vpwrap (static)
#   /disk/vpbochs.inf            the driver disk, laid out as miniports/out/:
#   /disk/x86_64/vpbochs.sys     the INF names \x86_64 for amd64 sources
#   /inbox/vpbochs.inf           vpbochs-inbox.inf, with /inbox/vpbochs.sys
#                                next to it (no list names it)
#   /inbox32/vpbochs.inf         the same INF with x86 models only
#   /usr/bin/kmod                the host's kmod, if the suite found one
#
# vpwrap install, then the module is loaded the way udev would load it for
# the device: modprobe of the device's modalias, resolved through the alias
# file vpwrap install wrote to /etc/modprobe.d.
PCI=0000:00:02.0
DEV=/sys/bus/pci/devices/$PCI
FW=/lib/firmware/vpwrap
MP=/etc/modprobe.d/vpwrap-vpbochs.conf
ALIAS=$(cat $DEV/modalias)
echo "std VGA modalias: $ALIAS"

# kmod's modprobe, when the suite copied kmod in: the program a real system's
# udev runs.  kmod picks its personality from argv[0].
KMOD=
if [ -x /usr/bin/kmod ]; then
	mkdir -p /tmp/kmod && ln -s /usr/bin/kmod /tmp/kmod/modprobe
	KMOD=/tmp/kmod/modprobe
fi

# has_line NAME FILE LINE: FILE holds LINE exactly.
has_line() {
	if grep -Fxq -- "$3" "$2" 2>/dev/null; then pass "$1"; else
		fail "$1" "no line '$3' in $2"; fi
}

loaded() { grep -q '^vpwrap ' /proc/modules; }

# --- install from the driver disk -----------------------------------------------
out=$(vpwrap install /disk/vpbochs.inf 2>&1) && rc=0 || rc=$?
echo "$out"
if [ "$rc" = 0 ]; then pass "install: exit 0"; else fail "install: exit 0" "exit $rc: $out"; fi
check "install: image copied" cmp /disk/x86_64/vpbochs.sys $FW/vpbochs.sys
check "install: INF copied" cmp /disk/vpbochs.inf $FW/vpbochs.inf
has_line "install: conf names the image" $FW/vpbochs.conf "image vpbochs.sys"
has_line "install: conf PCI ID" $FW/vpbochs.conf "pci 1234:1111"
has_line "install: conf reg multi_sz" $FW/vpbochs.conf 'reg multi_sz InstalledDisplayDrivers "vga"'
has_line "install: conf reg dword" $FW/vpbochs.conf "reg dword DefaultSettings.XResolution 1024"
has_line "install: modprobe alias" $MP 'alias pci:v00001234d00001111sv*sd*bc*sc*i* vpwrap'
if grep -v '^#' $MP | grep -q 'options'; then
	fail "install: no options line" "$(grep options $MP)"
else
	pass "install: no options line"
fi
for f in $FW/* $MP; do echo "== $f"; case $f in *.sys) ;; *) cat "$f" ;; esac; done

# --- list -----------------------------------------------------------------------
out=$(vpwrap list 2>&1)
echo "$out"
if echo "$out" | grep -Eq '^vpbochs	vpbochs\.sys	.*1234:1111'; then
	pass "list: vpbochs with its image and PCI ID"
else
	fail "list: vpbochs with its image and PCI ID" "$out"
fi

# --- the alias resolves to vpwrap ---------------------------------------------------
# The module itself has no PCI ID table (its IDs come from the settings), so
# depmod's modules.alias holds nothing for it: a modprobe by the modalias
# that loads vpwrap has read the alias in /etc/modprobe.d.
ma=/lib/modules/$(uname -r)/modules.alias
if [ -f "$ma" ] && ! grep -q ' vpwrap$' "$ma"; then
	pass "alias: modules.alias has none for vpwrap (only modprobe.d can load it)"
else
	fail "alias: modules.alias has none for vpwrap (only modprobe.d can load it)" \
		"$(grep ' vpwrap$' "$ma" 2>&1 | head -n 1)"
fi
if [ -n "$KMOD" ]; then
	r=$($KMOD -R "$ALIAS" 2>&1)
	if [ "$r" = vpwrap ]; then pass "alias: kmod resolves the modalias to vpwrap"; else
		fail "alias: kmod resolves the modalias to vpwrap" "got '$r'"; fi
fi

# --- load by alias: busybox modprobe reads /etc/modprobe.d ---------------------------
dmesg -c >/dev/null
out=$(modprobe "$ALIAS" 2>&1) && rc=0 || rc=$?
echo "modprobe $ALIAS: rc=$rc $out"
if [ "$rc" = 0 ] && loaded; then pass "modprobe by alias: vpwrap loaded"; else
	fail "modprobe by alias: vpwrap loaded" "rc=$rc '$out', $(grep -c '^vpwrap ' /proc/modules) in /proc/modules"
fi
dmesg | grep vpwrap
expect_log "autoselect picked vpbochs.sys" "no miniport= given; vpbochs\.sys matches the hardware present"
check "bound: in the driver's device list" test -e /sys/bus/pci/drivers/vpwrap/$PCI
drv=$(readlink -f $DEV/driver 2>/dev/null)
if [ "$drv" = "$(readlink -f /sys/bus/pci/drivers/vpwrap)" ] && [ "${drv##*/}" = vpwrap ]; then
	pass "bound: driver link is vpwrap's"
else
	fail "bound: driver link is vpwrap's" "driver -> '${drv:-none}'"
fi
has_line "bound: miniport attr names vpbochs.sys" $DEV/vpwrap/miniport vpbochs.sys

# DRM: only when this module has drm-glue linked in (its vpdrm_ symbols).
drm=
grep -Eq '[ 	]vpdrm_[a-z_]+[ 	]+\[vpwrap\]' /proc/kallsyms && drm=1
if [ -n "$drm" ]; then
	echo "module has drm-glue: checking the DRM device"
	i=0
	while [ ! -e /dev/dri/card0 ] && [ $i -lt 20 ]; do sleep 0.5; i=$((i + 1)); done
	check "drm: /dev/dri/card0 appears" test -c /dev/dri/card0
	check "drm: card0 belongs to the device" test -d $DEV/drm/card0
fi

# --- status ---------------------------------------------------------------------------
out=$(vpwrap status 2>&1) && rc=0 || rc=$?
echo "$out"
if [ "$rc" = 0 ] && echo "$out" | grep -q '^vpwrap module loaded, miniport=(none: chosen by PCI ID)$'; then
	pass "status: module loaded, no miniport="
else
	fail "status: module loaded, no miniport=" "rc=$rc: $(echo "$out" | head -n 1)"
fi
if echo "$out" | grep -qx "device $PCI"; then pass "status: bound device"; else
	fail "status: bound device" "no 'device $PCI'"; fi
if echo "$out" | grep -Eqx ' *miniport +vpbochs\.sys'; then pass "status: device's miniport"; else
	fail "status: device's miniport" "$(echo "$out" | grep miniport | tail -n 1)"; fi
# The registry is what the miniport wrote (vpbochs: HardwareInformation.*),
# every line of the device's sysfs file, shown indented.
reg=$(cat $DEV/vpwrap/registry 2>/dev/null)
if echo "$reg" | grep -q '^reg .*HardwareInformation\.ChipType'; then
	pass "registry: miniport wrote HardwareInformation.ChipType"
else
	fail "registry: miniport wrote HardwareInformation.ChipType" "sysfs registry: $(echo "$reg" | head -n 3 | tr '\n' '|')"
fi
missing=
while IFS= read -r l; do
	[ -n "$l" ] || continue
	echo "$out" | grep -Fxq -- "    $l" || missing="$missing|$l"
done <<EOF
$reg
EOF
if [ -n "$reg" ] && [ -z "$missing" ] && echo "$out" | grep -qx '  registry:'; then
	pass "status: shows the device registry"
else
	fail "status: shows the device registry" "missing: ${missing:-(empty registry)}"
fi
if [ -n "$drm" ]; then
	if echo "$out" | grep -Eqx ' *drm +/dev/dri/card0'; then pass "status: DRM node"; else
		fail "status: DRM node" "$(echo "$out" | grep drm | head -n 1)"; fi
	# fbcon has set a mode on card0 by now: <BDF>/vpwrap/mode reports it
	# (settings-format.md, "sysfs read by vpwrap status").
	if echo "$out" | grep -Eqx ' *mode +[0-9]+x[0-9]+ [0-9]+bpp.*'; then pass "status: current mode"; else
		fail "status: current mode" "$(echo "$out" | grep -E '^ *mode' | head -n 1)"; fi
fi

# --- unload, remove -------------------------------------------------------------------
check "rmmod vpwrap" rmmod vpwrap
if loaded; then fail "module gone" "still in /proc/modules"; else pass "module gone"; fi
[ -n "$drm" ] && check "drm: card0 gone" sh -c '! test -e /dev/dri/card0'
out=$(vpwrap remove vpbochs 2>&1) && rc=0 || rc=$?
echo "$out"
if [ "$rc" = 0 ]; then pass "remove: exit 0"; else fail "remove: exit 0" "exit $rc: $out"; fi
left=
for f in $FW/vpbochs.sys $FW/vpbochs.conf $FW/vpbochs.inf $MP; do
	[ -e "$f" ] && left="$left $f"
done
if [ -z "$left" ]; then pass "remove: files gone"; else fail "remove: files gone" "left:$left"; fi
out=$(vpwrap list 2>&1)
if echo "$out" | grep -q vpbochs; then fail "list after remove: no vpbochs" "$out"; else
	pass "list after remove: no vpbochs"; fi
out=$(vpwrap remove vpbochs 2>&1) && rc=0 || rc=$?
if [ "$rc" != 0 ] && echo "$out" | grep -q "vpbochs is not installed"; then
	pass "remove again: not installed"
else
	fail "remove again: not installed" "exit $rc: $out"
fi

# --- the device's alias now loads nothing -----------------------------------------------
if [ -n "$KMOD" ]; then
	r=$($KMOD -R "$ALIAS" 2>&1) && rc=0 || rc=$?
	if [ "$rc" != 0 ] || ! echo "$r" | grep -qx vpwrap; then
		pass "after remove: kmod resolves the modalias to nothing"
	else
		fail "after remove: kmod resolves the modalias to nothing" "got '$r'"
	fi
fi
dmesg -c >/dev/null
out=$(modprobe "$ALIAS" 2>&1) && rc=0 || rc=$?
echo "second modprobe $ALIAS: rc=$rc $out"
if loaded; then
	fail "after remove: modprobe by alias loads nothing" "vpwrap loaded (rc=$rc)"
	rmmod vpwrap
else
	pass "after remove: modprobe by alias loads nothing"
fi
if [ -e $DEV/driver ]; then
	fail "after remove: device unbound" "driver -> $(readlink $DEV/driver)"
else
	pass "after remove: device unbound"
fi
# --- an inbox-style INF for the same miniport -------------------------------------------
# No --arch: the default is the running kernel's (x86_64), so the NTamd64
# models apply; the miniport is found next to the INF.
out=$(vpwrap install /inbox/vpbochs.inf 2>&1) && rc=0 || rc=$?
echo "$out"
if [ "$rc" = 0 ] && echo "$out" | grep -q '^installed vpbochs: '; then
	pass "inbox INF: installed"
else
	fail "inbox INF: installed" "exit $rc: $(echo "$out" | tail -n 1)"
fi
if echo "$out" | grep -q '^  file vpbochs.sys -> %12% (System32\\drivers) on Windows: from vpbochs.sys (not listed in \[SourceDisksFiles\], and layout.inf is Windows'"'"' own'; then
	pass "inbox INF: miniport found next to the INF, layout.inf explained"
else
	fail "inbox INF: miniport found next to the INF, layout.inf explained" "$(echo "$out" | grep '^  file' | head -n 1)"
fi
if echo "$out" | grep -q '^  skipped vpbochsdd.dll -> %11% (System32) on Windows: the display driver DLL'; then
	pass "inbox INF: display DLL skipped with its reason"
else
	fail "inbox INF: display DLL skipped with its reason" "$(echo "$out" | grep skipped | head -n 1)"
fi
check "inbox INF: image copied" cmp /inbox/vpbochs.sys $FW/vpbochs.sys
has_line "inbox INF: conf from the inbox INF" $FW/vpbochs.conf "reg dword DefaultSettings.XResolution 800"
has_line "inbox INF: modprobe alias" $MP 'alias pci:v00001234d00001111sv*sd*bc*sc*i* vpwrap'
dmesg -c >/dev/null
out=$(modprobe "$ALIAS" 2>&1) && rc=0 || rc=$?
if [ "$rc" = 0 ] && loaded; then pass "inbox INF: modprobe by alias loads vpwrap"; else
	fail "inbox INF: modprobe by alias loads vpwrap" "rc=$rc '$out'"
fi
expect_log "inbox INF: autoselect picked vpbochs.sys" "no miniport= given; vpbochs\.sys matches the hardware present"
drv=$(readlink -f $DEV/driver 2>/dev/null)
if [ "${drv##*/}" = vpwrap ]; then pass "inbox INF: device bound to vpwrap"; else
	fail "inbox INF: device bound to vpwrap" "driver -> '${drv:-none}'"
fi
has_line "inbox INF: miniport attr names vpbochs.sys" $DEV/vpwrap/miniport vpbochs.sys
check "inbox INF: rmmod vpwrap" rmmod vpwrap
out=$(vpwrap remove vpbochs 2>&1) && rc=0 || rc=$?
if [ "$rc" = 0 ] && [ ! -e $FW/vpbochs.sys ] && [ ! -e $MP ]; then pass "inbox INF: removed"; else
	fail "inbox INF: removed" "exit $rc: $out"
fi

# The x86-only INF on this x86_64 kernel: refused with what would run it.
out=$(vpwrap install /inbox32/vpbochs.inf 2>&1) && rc=0 || rc=$?
echo "$out"
if [ "$rc" = 1 ] && echo "$out" | grep -q 'this driver is 32-bit: it runs on an i386 kernel (see README)' &&
   [ ! -e $FW/vpbochs.conf ]; then
	pass "x86-only INF: refused on x86_64, nothing written"
else
	fail "x86-only INF: refused on x86_64, nothing written" "exit $rc: $(echo "$out" | tail -n 1)"
fi
kclean "whole run: kernel log clean"
