# Guest (trust suite): miniport signatures with and without lockdown, that
# both ways of naming an image read it as a module (IMA sees it), and the
# IBT switching around miniport code (emulated: TCG has no IBT).
# Files: /keyadd, /img/{unsigned,signed,stranger,badasn1,badsig,tampered}.sys,
# /cert.der (the test's key, which the kernel does not trust), /deps,
# /mb (tests/vm/miniports7/out: drivers that call KeBugCheckEx or fault),
# /xmm_ioctl.
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

rmmod vpwrap

# --- kernel IBT around miniport code ---------------------------------------
# (x86_64 only: i386 kernels have no IBT, and vpwrap builds none of it there)
if [ "$(uname -m)" = x86_64 ]; then
# QEMU/TCG has no IBT: the self-test says "not present"; with ibt_emulate=1
# the same switching runs against a stand-in for MSR_IA32_S_CET, with every
# export the miniport calls reached through its stub.
I=/sys/kernel/debug/vpwrap-videoport/ibt
check "IBT: vpwrap with ibt_emulate=1 drives the card through the export stubs" \
	sh -c 'insmod /vpwrap.ko ibt_emulate=1 miniport=/img/unsigned.sys && for i in $(seq 400); do [ -e /dev/dri/card0 ] && break; sleep 0.05; done; [ -e /dev/dri/card0 ]'
r=$(cat $I 2>&1)
echo "$r" | sed 's/^/INFO ibt emulated: /'
if echo "$r" | grep -q 'kernel IBT: emulated' && echo "$r" | grep -q '^inside miniport code: off' &&
   echo "$r" | grep -q '^in an export: on' && echo "$r" | grep -q '^miniport code after the export: off' &&
   echo "$r" | grep -q '^outside: on' && echo "$r" | grep -q '^back in Linux: on' &&
   echo "$r" | grep -q '^result: ok' && echo "$r" | grep -Eq '^export stubs in use: [0-9]{3} '; then
	pass "IBT (emulated): off inside miniport code, on in exports and outside"
else
	fail "IBT (emulated): off inside miniport code, on in exports and outside" "$(echo "$r" | tr '\n' '|')"
fi
check "IBT (emulated): fbcon's mode set went through the stubs" sh -c \
	"for i in \$(seq 200); do grep -Eq '^[0-9]+x[0-9]+ ' /sys/bus/pci/devices/*/vpwrap/mode && exit 0; sleep 0.1; done; exit 1"
check "IBT (emulated): rmmod" rmmod vpwrap

# The ways out of a driver that skip its own returns leave IBT as they found
# it: KeBugCheckEx in HwStartIO, KeBugCheckEx in a SynchronizeExecution
# routine (a nested call, entered from an export's stub), a contained #GP in
# HwStartIO.  One CPU: the self-test's "outside" reads the CPU the driver
# ran on.
# ibt_way NAME IMAGE TRIGGER LOGLINE: load IMAGE emulated, TRIGGER, LOGLINE
# logged, then the self-test still finds IBT on outside and all of it right
ibt_way() {
	dmesg -c >/dev/null
	insmod /vpwrap.ko ibt_emulate=1 miniport=/mb/$2.sys pci_ids=1234:1111 2>/dev/null
	if [ "$3" = ioctl ]; then
		p=$(ls -d /sys/kernel/debug/vpwrap-videoport/0000:* 2>/dev/null | head -n 1)
		[ -n "$p" ] && /xmm_ioctl "$p/ioctl" 0x232000 >/dev/null 2>&1
	fi
	sleep 1
	klog=$(dmesg)
	logs "IBT (emulated), $1: the driver left that way" "$4"
	r=$(cat $I 2>&1)
	if echo "$r" | grep -q '^kernel IBT: emulated' && echo "$r" | grep -q '^outside: on' &&
	   echo "$r" | grep -q '^result: ok'; then
		pass "IBT (emulated), $1: on again in Linux afterwards"
	else
		fail "IBT (emulated), $1: on again in Linux afterwards" "$(echo "$r" | tr '\n' '|')"
	fi
	rmmod vpwrap 2>/dev/null
}
ibt_way "KeBugCheckEx in HwStartIO" mb_bugio ioctl \
	'mb_bugio.sys: the call into the driver failed; unbinding its device'
ibt_way "KeBugCheckEx in a SynchronizeExecution routine" mb_bugsync load \
	'MB bugsync: back in HwFindAdapter \(0, 0\)'
ibt_way "contained #GP in HwStartIO" mf_io_gp ioctl \
	'mf_io_gp.sys: general-protection fault .*contained'
check "IBT: vpwrap without emulation" insmod /vpwrap.ko miniport=/img/unsigned.sys
r=$(cat $I 2>&1)
echo "INFO ibt: $r"
if echo "$r" | grep -q '^kernel IBT: not present'; then pass "IBT: the self-test says not present under TCG ($r)"
else fail "IBT: the self-test says not present under TCG" "$r"; fi
check "IBT: rmmod" rmmod vpwrap
fi

idle

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
