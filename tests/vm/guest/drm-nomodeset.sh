# Guest, booted with "nomodeset": vpwrap must not come up (as the kernel's
# own display drivers do not): modprobe fails, no miniport is started, no
# card0, and the kernel log says why.  Files: /miniport.sys.
if modprobe vpwrap miniport=/miniport.sys 2>/tmp/mp.txt; then
	fail "nomodeset: modprobe vpwrap refused" "it loaded"
else
	pass "nomodeset: modprobe vpwrap refused"
fi
sed 's/^/INFO modprobe: /' /tmp/mp.txt
sleep 1
check "nomodeset: no card0" sh -c '! test -e /dev/dri/card0'
check "nomodeset: the log names nomodeset" sh -c 'dmesg | grep -q "vpwrap: nomodeset given"'
check "nomodeset: no miniport started" sh -c '! dmesg | grep -q VideoPortInitialize'
kclean "nomodeset: no oops or warning"
