# Guest (trust suite): miniport signatures with and without lockdown, and
# that both ways of naming an image read it as a module (IMA sees it).
# Files: /keyadd, /img/{unsigned,signed,stranger,badasn1,badsig,tampered}.sys,
# /cert.der (the test's key, which the kernel does not trust), /deps.
P=/sys/module/vpwrap/parameters/miniport
for m in $(cat /deps); do modprobe "$m"; done
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
S=/sys/kernel/security

# IMA measures every file read as a module (MODULE_CHECK): both the image
# given by path and the one found by firmware name must show up.
if echo "measure func=MODULE_CHECK" >$S/ima/policy 2>/dev/null; then
	ima=1
else
	ima=0
	echo "INFO no IMA policy interface"
fi
mkdir -p /lib/firmware/vpwrap
cp /img/unsigned.sys /lib/firmware/vpwrap/fwname.sys
cp /img/signed.sys /lib/firmware/vpwrap/fwsigned.sys

# idle: vpwrap with no miniport, test keyring holding /cert.der
idle() {
	insmod /vpwrap.ko sig_test_keyring=1 || { fail "insmod idle vpwrap" "failed"; return 1; }
	ring=$(dmesg | sed -n 's/.*test keyring .vpwrap_test is \([0-9]*\).*/\1/p' | tail -n 1)
	key=$(/keyadd "$ring" /cert.der) || fail "test key added to keyring $ring" "keyadd failed"
}
# try NAME SPEC: load SPEC at run time through the parameter; $rc, $klog
try() {
	dmesg -c >/dev/null
	echo "$2" >$P 2>/tmp/err
	rc=$?
	klog=$(dmesg)
	echo "INFO $1: rc=$rc $(cat /tmp/err) | $(echo "$klog" | grep -E 'vpwrap|Lockdown' | head -n 3 | tr '\n' '|')"
}
logs() {
	if echo "$klog" | grep -Eq -- "$2"; then pass "$1"; else
		fail "$1" "no '$2' in: $(echo "$klog" | grep -E 'vpwrap|Lockdown' | tail -n 3 | tr '\n' '|')"; fi
}
loads() {	# NAME SPEC LOGREGEX: loads, logs, then vpwrap goes back to idle
	try "$1" "$2"
	if [ $rc = 0 ] && grep -q "$2" $P; then pass "$1: loads"; else fail "$1: loads" "rc=$rc $(cat /tmp/err)"; fi
	logs "$1: log says why" "$3"
	rmmod vpwrap
	idle
}
refused() {	# NAME SPEC LOGREGEX
	try "$1" "$2"
	if [ $rc != 0 ] && ! ls /sys/module/vpwrap/miniports/ | grep -q .; then pass "$1: refused"
	else fail "$1: refused" "rc=$rc"; fi
	logs "$1: log names the reason" "$3"
	if ls /sys/module/vpwrap/miniports/ | grep -q .; then	# back to idle
		rmmod vpwrap
		idle
	fi
}

idle
if [ "${key:-0}" -gt 0 ]; then pass "the test key is in the test keyring (key $key, keyring $ring)"
else fail "the test key is in the test keyring" "keyring '$ring', key '$key'"; fi

# --- signatures not required ---------------------------------------------
loads "no lockdown, unsigned" /img/unsigned.sys 'vpwrap: unsigned.sys: loaded'
loads "no lockdown, signed by the test key (test keyring)" /img/signed.sys \
	'vpwrap: signed.sys: signature verified'
loads "no lockdown, signed by an unknown key" /img/stranger.sys \
	'stranger.sys: signed with a key the kernel does not trust; loaded because signatures are not required'
refused "no lockdown, malformed signature" /img/badasn1.sys 'badasn1.sys: refused: malformed signature'
refused "no lockdown, corrupted signature" /img/badsig.sys 'badsig.sys: refused: bad signature'
refused "no lockdown, image changed after signing" /img/tampered.sys 'tampered.sys: refused: bad signature'
loads "no lockdown, firmware name, signed" fwsigned 'vpwrap: fwsigned.sys: signature verified'
if [ $ima = 1 ]; then
	M=$S/ima/ascii_runtime_measurements
	sed 's/^/INFO ima: /' $M
	for f in /img/unsigned.sys /img/signed.sys /lib/firmware/vpwrap/fwsigned.sys; do
		if grep -Eq " $f ?\$" $M; then pass "IMA measured $f as a module"
		else fail "IMA measured $f as a module" "$(grep -c . $M) entries, none for it"; fi
	done
fi

# --- lockdown raised at run time ------------------------------------------
echo integrity >$S/lockdown
check "lockdown is integrity" grep -q '\[integrity\]' $S/lockdown
refused "lockdown, unsigned" /img/unsigned.sys \
	'unsigned.sys: refused: the image is not signed and the kernel is locked down'
refused "lockdown, unsigned, by firmware name" fwname \
	'fwname.sys: refused: the image is not signed and the kernel is locked down'
refused "lockdown, signed by a key the kernel does not trust" /img/stranger.sys \
	'stranger.sys: refused: signed with a key the kernel does not trust and the kernel is locked down'
refused "lockdown, the test keyring is not trusted" /img/signed.sys \
	'signed.sys: refused: signed with a key the kernel does not trust and the kernel is locked down'
refused "lockdown, malformed signature" /img/badasn1.sys 'badasn1.sys: refused: malformed signature'
refused "lockdown, corrupted signature" /img/badsig.sys 'badsig.sys: refused: '
check "no miniport ran: no DRM device" sh -c '! ls /sys/class/drm/ | grep -q card'
check "rmmod vpwrap under lockdown" rmmod vpwrap
kclean "no oops or warning in the guest log"
