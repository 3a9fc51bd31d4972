#!/bin/bash
# The verifier (verify=1, docs/videoport.md "Verifier").  mb_verify.sys
# breaks each rule twice: the DPC-level lock forms at PASSIVE_LEVEL, a
# sleeping export under a spin lock, a release of a lock not held, a double
# acquire, a release with the wrong NewIrql; and it leaks pool and a mapping.
# Each violation must be reported exactly once, naming the export and a
# caller inside the image, without deadlock or WARNING; mb_vsafe.sys (the
# harmless faults) with verify off reports nothing; a good driver loads after.
# VERIFY_SUITE_ARCH=i686 runs the same on an i386 kernel (suite 12 sets it
# up) with the PE32 builds, where every export is reached through a stub
# (videoport/kpcr.h) and the caller must still be named inside the image;
# the good driver there is the bundled vpbochs.sys.
. "$ROOT/tests/lib.sh"

ARCH=${VERIFY_SUITE_ARCH:-x86_64}
MB=$ROOT/tests/vm/miniports7/out
GOOD=$MB/vpcover.sys
if [ "$ARCH" = i686 ]; then
	MB=$MB/i686
	GOOD=$ROOT/miniports/out/i686/vpbochs.sys
	target=i686
else
	target=all
fi
if ! make -s -C "$ROOT/tests/vm/miniports7" $target >"$OUT/miniports7.log" 2>&1; then
	fail "test miniports (tests/vm/miniports7) build" "$(grep -m1 -i error "$OUT/miniports7.log")"
	exit 0
fi
modinfo -F depends "$VPWRAP_KO" | tr ',' '\n' >"$OUT/deps"
# the image size: a reported caller must lie inside it
$ARCH-w64-mingw32-objdump -p "$MB/mb_verify.sys" |
	awk '$1 == "SizeOfImage" { print $2 }' >"$OUT/imgsize"
if ! grep -Eq '^[0-9a-f]+$' "$OUT/imgsize"; then
	fail "mb_verify.sys image size" "objdump gave '$(cat "$OUT/imgsize")'"
	exit 0
fi

cat >"$OUT/guest.sh" <<'GUEST'
D=/sys/kernel/debug/vpwrap-videoport
for m in $(cat /deps); do modprobe "$m"; done
mount -t debugfs none /sys/kernel/debug 2>/dev/null
SIZE=$((0x$(cat /imgsize)))

# once NAME REGEX: the log ($klog) has exactly one line matching, with a
# caller inside mb_verify.sys unless NOCALLER is given
once() {
	_n=$(echo "$klog" | grep -Ec -- "vpwrap: verifier: $2")
	if [ "$_n" != 1 ]; then
		fail "$1" "$_n lines match '$2'; verifier lines: $(echo "$klog" | grep -c 'verifier:')"
		return
	fi
	if [ -z "$3" ]; then
		_rva=$(echo "$klog" | grep -E -- "vpwrap: verifier: $2" |
			sed -n 's/.*(caller mb_verify\.sys+0x\([0-9a-f]*\))$/\1/p')
		if [ -z "$_rva" ] || [ $((0x$_rva)) -ge $SIZE ] || [ $((0x$_rva)) -lt 4096 ]; then
			fail "$1" "caller not inside the image's code: $(echo "$klog" | grep -E -- "$2")"
			return
		fi
	fi
	pass "$1"
}
clean() {
	_bad=$(echo "$klog" | grep -E 'Oops|BUG[: ]|WARNING:|general protection|Call Trace' | head -n 1)
	if [ -z "$_bad" ]; then pass "$1"; else fail "$1" "$_bad"; fi
}

dmesg -c >/dev/null
insmod /vpwrap.ko miniport=/mb/mb_verify.sys pci_ids=1234:1111 verify=1
rc=$?
klog=$(dmesg -c)
check "verify=1: insmod of mb_verify.sys" test $rc = 0
if echo "$klog" | grep -q 'MB verify: done (mapping made)'; then
	pass "verify=1: the driver ran to the end (no deadlock on the double acquire)"
else
	fail "verify=1: the driver ran to the end (no deadlock on the double acquire)" \
		"$(echo "$klog" | grep vpwrap | tail -n 3 | tr '\n' '|')"
fi
if grep -q '^vpwrap ' /proc/modules; then rmmod vpwrap || fail "verify=1: rmmod" "failed"; fi
klog="$klog
$(dmesg)"
echo "$klog" | grep 'verifier:'
M='mb_verify\.sys: '
once "AcquireSpinLockAtDpcLevel at PASSIVE_LEVEL reported once" \
	"${M}VideoPortAcquireSpinLockAtDpcLevel: called at IRQL 0, must be called at IRQL 2 \("
once "ReleaseSpinLockFromDpcLevel at PASSIVE_LEVEL reported once" \
	"${M}VideoPortReleaseSpinLockFromDpcLevel: called at IRQL 0, must be called at IRQL 2 \("
once "sleeping export above PASSIVE_LEVEL reported once" \
	"${M}VideoPortGetRegistryParameters: sleeping export called above PASSIVE_LEVEL \(IRQL 2\) \("
once "NewIrql mismatch reported once" \
	"${M}VideoPortReleaseSpinLock: NewIrql 1 but the acquire returned 0 \("
once "release of a lock not held reported once" \
	"${M}VideoPortReleaseSpinLock: the lock is not held on this CPU: release ignored \("
once "double acquire reported once" \
	"${M}VideoPortAcquireSpinLock: the lock is already held on this CPU: not taken again"
once "pool leaked at unload reported once" \
	"${M}VideoPortAllocatePool: pool leaked at unload: 1 blocks \(1000 bytes\)$" nocaller
once "mapping leaked at unload reported once" \
	"${M}VideoPortMapMemory: [0-9a-f:.]+: mappings leaked at unload: 1 \(4096 bytes\)$" nocaller
_n=$(echo "$klog" | grep -c 'vpwrap: verifier:')
if [ "$_n" = 8 ]; then pass "verify=1: nothing else reported"; else
	fail "verify=1: nothing else reported" "$_n verifier lines, expected 8"; fi
check "verify=1: module gone" sh -c "! grep -q '^vpwrap ' /proc/modules"
clean "verify=1: kernel log clean"

# verify off: the harmless faults pass unreported
dmesg -c >/dev/null
insmod /vpwrap.ko miniport=/mb/mb_vsafe.sys pci_ids=1234:1111
rc=$?
klog=$(dmesg -c)
check "verify off: insmod of mb_vsafe.sys" test $rc = 0
if echo "$klog" | grep -q 'MB verify: done'; then pass "verify off: the driver ran"; else
	fail "verify off: the driver ran" "$(echo "$klog" | grep vpwrap | tail -n 3 | tr '\n' '|')"; fi
if grep -q '^vpwrap ' /proc/modules; then rmmod vpwrap || fail "verify off: rmmod" "failed"; fi
klog="$klog
$(dmesg)"
if echo "$klog" | grep -q 'verifier:'; then
	fail "verify off: nothing reported" "$(echo "$klog" | grep -m1 'verifier:')"
else
	pass "verify off: nothing reported"
fi
clean "verify off: kernel log clean"

# a good driver afterwards, with the verifier on: no rule broken (vpcover.sys
# leaves pool and mappings to the unload, which is reported, so not checked)
dmesg -c >/dev/null
insmod /vpwrap.ko miniport=/"$(cat /good.name)" pci_ids=1234:1111 verify=1
check "good driver afterwards: adapter bound" sh -c "ls -d $D/0000:* >/dev/null 2>&1"
if [ "$(cat /good.name)" = vpcover.sys ]; then
	expect_log "good driver afterwards: its checks pass" 'COVERAGE DONE failures=0'
fi
rmmod vpwrap
klog=$(dmesg)
echo "$klog" | grep 'verifier:'
if echo "$klog" | grep 'verifier:' | grep -q '(caller '; then
	fail "good driver with verify=1: no call reported" \
		"$(echo "$klog" | grep 'verifier:' | grep -m1 '(caller ')"
else
	pass "good driver with verify=1: no call reported"
fi
kclean "kernel log clean at the end"
GUEST

basename "$GOOD" >"$OUT/good.name"
vmrun --out "$OUT/vm" --name "verifier${VERIFY_SUITE_ARCH:+ $ARCH}" --profile std --timeout 300 \
	--add "$MB:/mb" --add "$GOOD" --add "$OUT/good.name" \
	--add "$OUT/deps" --add "$OUT/imgsize" "$OUT/guest.sh"
exit 0
