#!/bin/bash
# Fault containment: miniports whose own code raises a CPU exception
# (general protection, invalid opcode, divide error, page fault, a call
# through a NULL pointer) in DriverEntry, HwFindAdapter (also three frames
# down), HwInitialize, HwStartIO (from debugfs and from a DRM mode set), a
# DPC, HwTimer and the interrupt routine (QEMU's edu device).  For each: the log names
# the exception and driver.sys+0xRVA, the call into the driver fails, the
# driver's code never goes on, the process that triggered it is not killed,
# the kernel log holds nothing beyond the page-fault report the kernel prints
# before vpwrap can act (docs/trust-model.md).  Structured exception
# handling in a miniport built as MSVC builds them (seh.sys): filters
# answering each of their three values, nested scopes, __finally blocks on
# the unwind, CPU exceptions inside __try handled by the driver, and what
# no handler takes contained or stopped.  The teardown of an adapter whose
# DPC keeps restarting its timer leaves nothing armed (pingpong.sys).  Then,
# in the same boot, the bundled vpbochs.sys binds and draws (pixels checked
# on the host).
#
# CONTAIN_SUITE_ARCH=i686 runs the same on an i386 kernel (suite 16 sets it
# up): PE32 builds of every miniport (the SEH ones for the
# i686-pc-windows-msvc target, so their handlers are fs:[0] registrations)
# and guest programs built with -m32.  The #GP there is loading a selector
# past the end of the GDT (x86 has no non-canonical addresses, and QEMU's
# TCG checks no segment limits).
. "$ROOT/tests/lib.sh"

ARCH=${CONTAIN_SUITE_ARCH:-x86_64}
MF=$ROOT/tests/vm/miniports7/out
GUEST=$ROOT/tests/vm/out
REL=$ROOT/tests/vm/reliability
REL_OUT=$REL/out
MF_MAKE=()
GUEST_MAKE=()
REL_MAKE=()
M32=()
if [ "$ARCH" = i686 ]; then
	MF=$MF/i686
	MF_MAKE=(i686)
	GUEST=$ROOT/tests/vm/out-i386
	CF32="-O2 -m32 -Wall -Wextra -Wno-missing-field-initializers"
	GUEST_MAKE=(OUT=out-i386 CFLAGS="$CF32")
	REL_OUT=$REL/out/i686
	REL_MAKE=(OUT=out/i686 CFLAGS="$CF32")
	M32=(-m32)
fi
MISBEHAVE=$REL_OUT/miniport/vpmisbehave.sys
# what vpmisbehave.sys's fault is: a non-canonical read (x86_64), a read in
# the first page (i686)
if [ "$ARCH" = i686 ]; then
	echo 'page fault' >"$OUT/mbkind"
else
	echo 'general-protection fault' >"$OUT/mbkind"
fi

if ! make -s -C "$ROOT/tests/vm/miniports7" "${MF_MAKE[@]}" >"$OUT/miniports7.log" 2>&1; then
	fail "fault miniports build" "$(grep -m1 -i error "$OUT/miniports7.log")"
	exit 0
fi
if ! make -s -C "$ROOT/miniports" >"$OUT/miniports.log" 2>&1; then
	fail "bundled miniports build" "$(grep -m1 -i error "$OUT/miniports.log")"
	exit 0
fi
if ! make -s -C "$ROOT/tests/vm" "${GUEST_MAKE[@]}" >"$OUT/guest-build.log" 2>&1; then
	fail "guest programs build" "$(tail -n 1 "$OUT/guest-build.log")"
	exit 0
fi
modinfo -F depends "$VPWRAP_KO" | tr ',' '\n' >"$OUT/deps"
python3 "$ROOT/tests/vm/hostile/mkhostile.py" "$ROOT/miniports/out/$ARCH/vpbochs.sys" \
	"$OUT/damaged" 1000 code- >"$OUT/mkhostile.log" 2>&1
if ! make -s -C "$REL" "${REL_MAKE[@]}" >"$OUT/rel-build.log" 2>&1 ||
	! make -s -C "$REL/miniport" ARCH="$ARCH" >>"$OUT/rel-build.log" 2>&1 ||
	[ ! -f "$MISBEHAVE" ]; then
	fail "reltest and vpmisbehave.sys build" "$(grep -m1 -i error "$OUT/rel-build.log")"
	exit 0
fi
if ! gcc -O2 -Wall -static "${M32[@]}" -o "$OUT/xmm_ioctl" "$ROOT/tests/vm/guest/xmm_ioctl.c" \
	2>"$OUT/xmm_ioctl.log"; then
	fail "xmm_ioctl build" "$(head -n 1 "$OUT/xmm_ioctl.log")"
	exit 0
fi

cat >"$OUT/guest.sh" <<'GUEST'
D=/sys/kernel/debug/vpwrap-videoport
for m in $(cat /deps); do modprobe "$m"; done
mount -t debugfs none /sys/kernel/debug 2>/dev/null

adapter() { ls -d $D/0000:* 2>/dev/null | head -n 1; }
# load NAME: insmod /mf/NAME.sys on the std VGA; $rc
load() {
	dmesg -c >/dev/null
	insmod /vpwrap.ko miniport=/mf/$1.sys pci_ids=1234:1111 >/tmp/insmod.out 2>&1
	rc=$?
}
# contained NAME WHAT: the fault was contained and named, the driver's code
# did not go on, the process lived, and the log is clean but for it
contained() {
	sleep 1
	klog=$(klog_uncontained)
	logs "$1: $2 named with driver.sys+0xRVA, contained" \
		"$1.sys: $2 at $1.sys\\+0x[0-9a-f]+.*: contained; the call into the driver failed"
	nologs "$1: the driver's code did not go on" 'survived the fault'
	check "$1: the triggering process was not killed (exit $rc)" test "$rc" -lt 128
	_bad=$(echo "$klog" | grep -E 'Oops|BUG[: ]|WARNING:|general protection|Call Trace' | head -n 1)
	if [ -z "$_bad" ]; then pass "$1: no report beyond the documented one"; else
		fail "$1: no report beyond the documented one" "$_bad"; fi
}
# the unbind work holds the module until it is done; releasing a device's
# interrupt evaluates ACPI methods, which takes seconds under TCG
unload() {
	_n=0
	while [ "$(cat /sys/module/vpwrap/refcnt 2>/dev/null || echo 0)" != 0 ] && [ $_n -lt 600 ]; do
		sleep 0.2
		_n=$((_n + 1))
	done
	if grep -q '^vpwrap ' /proc/modules; then
		rmmod vpwrap || fail "$1: rmmod" "failed"
	fi
	check "$1: module gone" sh -c "! grep -q '^vpwrap ' /proc/modules"
}

for c in find_gp:'general-protection fault' find_ud:'invalid opcode' \
	find_de:'divide error' find_pf:'page fault' find_jmp:'page fault' \
	deep_pf:'page fault'; do
	n=mf_${c%%:*}
	load $n
	contained $n "${c#*:}"
	logs "$n: HwFindAdapter failed" "$n.sys: .*HwFindAdapter failed"
	[ $n = mf_find_jmp ] && logs "$n: the wild target is named" \
		"$n.sys: page fault at $n.sys\\+0x[0-9a-f]+ \\(a jump to 0x0\\)"
	check "$n: no adapter" test -z "$(adapter)"
	unload $n
done
load mf_entry_ud
contained mf_entry_ud 'invalid opcode'
check "mf_entry_ud: insmod refused" test $rc != 0
logs "mf_entry_ud: DriverEntry failed" 'mf_entry_ud.sys: DriverEntry failed: status 0xc0000400'
unload mf_entry_ud

load mf_init_de
contained mf_init_de 'divide error'
logs "mf_init_de: HwInitialize failed" 'mf_init_de.sys: .*HwInitialize failed'
check "mf_init_de: no adapter" test -z "$(adapter)"
unload mf_init_de

load mf_io_gp
P=$(adapter)
check "mf_io_gp: adapter bound first" test -n "$P"
if [ -n "$P" ]; then
	/xmm_ioctl "$P/ioctl" 0x232000 >/tmp/io.out 2>&1
	rc=$?
	check "mf_io_gp: the request failed" sh -c "! grep -q 'ret=0 ' /tmp/io.out"
fi
contained mf_io_gp 'general-protection fault'
logs "mf_io_gp: device unbound" 'mf_io_gp.sys: general-protection fault .*unbinding its device'
check "mf_io_gp: adapter gone" test -z "$(adapter)"
unload mf_io_gp

# HwStartIO from a DRM ioctl: vpmisbehave.sys (vpbochs with a wrapped
# HwStartIO, tests/vm/reliability/miniport/) told to fault in
# IOCTL_VIDEO_SET_CURRENT_MODE; an atomic mode set from user space reaches it
n=vpmisbehave
k=$(cat /mbkind)
dmesg -c >/dev/null
insmod /vpwrap.ko miniport=/$n.sys >/tmp/insmod.out 2>&1
w=0
while [ ! -e /dev/dri/card0 ] && [ $w -lt 300 ]; do sleep 0.2; w=$((w + 1)); done
check "$n: DRM device up first" test -e /dev/dri/card0
P=$(adapter)
rc=255
if [ -n "$P" ] && /xmm_ioctl "$P/ioctl" 0x232400 8 >/dev/null; then
	/reltest modeset -m 800x600 >/tmp/modeset.out 2>&1
	rc=$?
fi
contained $n "$k"
logs "$n: the fault came from the mode set" "$n.sys: vpmisbehave: SET_CURRENT_MODE: faulting"
logs "$n: device unbound" "$n.sys: $k .*unbinding its device"
w=0
while [ -e /dev/dri/card0 ] && [ $w -lt 300 ]; do sleep 0.2; w=$((w + 1)); done
check "$n: DRM device gone" test ! -e /dev/dri/card0
check "$n: adapter gone" test -z "$(adapter)"
unload $n

for c in dpc_ud:'invalid opcode' timer_gp:'general-protection fault'; do
	n=mf_${c%%:*}
	load $n
	sleep 2	# the DPC runs at once, the timer after a second
	contained $n "${c#*:}"
	logs "$n: device unbound" "$n.sys: .*unbinding its device"
	check "$n: adapter gone" test -z "$(adapter)"
	unload $n
done

# the interrupt routine, on QEMU's edu device: HwInitialize raises the
# interrupt, the ISR faults before it acknowledges it, so the line stays
# asserted: vpwrap masks it until the unbind frees it
for c in isr_gp:'general-protection fault' isr_pf:'page fault'; do
	n=mf_${c%%:*}
	dmesg -c >/dev/null
	insmod /vpwrap.ko miniport=/mf/$n.sys pci_ids=1234:11e8 >/tmp/insmod.out 2>&1
	rc=$?
	sleep 1
	contained $n "${c#*:}"
	logs "$n: the fault was in the interrupt routine" "MF isr: faulting"
	logs "$n: the asserted line is masked" \
		"$n.sys: .*interrupt [0-9]+ masked until its device is unbound"
	logs "$n: device unbound" "$n.sys: .*unbinding its device"
	nologs "$n: no interrupt storm" 'nobody cared|Disabling IRQ'
	check "$n: adapter gone" test -z "$(adapter)"
	check "$n: its handler is freed" sh -c "! grep -q $n /proc/interrupts"
	unload $n
done

# Structured exception handling (seh/seh.c, built as MSVC builds drivers):
# every case is reported by the miniport itself.  Its page faults print
# the kernel's report, each followed by vpwrap's "contained" line.
load seh
klog=$(klog_uncontained)
for c in raise-execute nested-continue-search continue-execution finally-unwind \
	finally-normal fault-pf fault-gp fault-ud fault-de fault-continue-execution \
	finally-deep; do
	logs "seh: $c" "seh.sys: SEH $c: ok"
done
logs "seh: every case passed" 'seh.sys: SEH done: 0 failed'
nologs "seh: no code ran past a fault" 'survived'
for k in 'page fault' 'general-protection fault' 'invalid opcode' 'divide error'; do
	logs "seh: $k offered to the driver's handlers" \
		"seh.sys: $k at seh.sys\\+0x[0-9a-f]+.*: exception 0x[0-9a-f]{8} offered to the driver's exception handlers"
done
nologs "seh: nothing contained, the driver went on" 'seh.sys: .*contained; the call'
logs "seh: DriverEntry returned its own status" 'seh.sys: DriverEntry failed: status 0xc00000bb'
check "seh: insmod was not killed (exit $rc)" test "$rc" -lt 128
_bad=$(echo "$klog" | grep -E 'Oops|BUG[: ]|WARNING:|general protection|Call Trace' | head -n 1)
if [ -z "$_bad" ]; then pass "seh: no report beyond the documented one"; else
	fail "seh: no report beyond the documented one" "$_bad"; fi
unload seh

load seh_unhandled_fault
contained seh_unhandled_fault 'page fault'
logs "seh_unhandled_fault: its filter was asked first" \
	'seh_unhandled_fault.sys: page fault at .*: no exception handler of the driver took it'
logs "seh_unhandled_fault: DriverEntry failed" \
	'seh_unhandled_fault.sys: DriverEntry failed: status 0xc0000400'
unload seh_unhandled_fault

load seh_unhandled_raise
klog=$(klog_uncontained)
logs "seh_unhandled_raise: KMODE_EXCEPTION_NOT_HANDLED" \
	'seh_unhandled_raise.sys: exception 0xe000000a raised at seh_unhandled_raise.sys\+0x[0-9a-f]+: no exception handler of the driver took it \(KMODE_EXCEPTION_NOT_HANDLED\)'
logs "seh_unhandled_raise: the driver is stopped" \
	'seh_unhandled_raise.sys: KeBugCheckEx\(0x0000001e, 0xe000000a, '
logs "seh_unhandled_raise: DriverEntry failed" \
	'seh_unhandled_raise.sys: DriverEntry failed: status 0xc0000400'
nologs "seh_unhandled_raise: the driver did not go on" 'survived'
check "seh_unhandled_raise: insmod was not killed (exit $rc)" test "$rc" -lt 128
unload seh_unhandled_raise

# images whose structure is valid and whose code at the entry point is
# damaged (tests/vm/hostile/mkhostile.py's "code-" images, checksums
# recomputed): each fault contained, DriverEntry fails
for f in /damaged/*.sys; do
	n=${f##*/}
	n=${n%.sys}
	dmesg -c >/dev/null
	insmod /vpwrap.ko miniport=$f >/tmp/insmod.out 2>&1
	rc=$?
	klog=$(klog_uncontained)
	case $n in
	*ud2*) k='invalid opcode' ;;
	*int3*) k='breakpoint \(int3\)' ;;
	*noncanonical* | *bad-selector*) k='general-protection fault' ;;
	*) k='page fault' ;;
	esac
	logs "$n: $k contained at the entry point" \
		"$n.sys: $k at $n.sys\\+0x[0-9a-f]+.*: contained; the call into the driver failed"
	logs "$n: DriverEntry failed" "$n.sys: DriverEntry failed: status 0xc0000400"
	check "$n: insmod refused, not killed (exit $rc)" test "$rc" -gt 0 -a "$rc" -lt 128
	_bad=$(echo "$klog" | grep -E 'Oops|BUG[: ]|WARNING:|general protection|Call Trace' | head -n 1)
	if [ -z "$_bad" ]; then pass "$n: no report beyond the documented one"; else
		fail "$n: no report beyond the documented one" "$_bad"; fi
	unload $n
done
check "four damaged-code images ran" test "$(ls /damaged | wc -l)" = 4

# teardown against a DPC that keeps restarting the timer
# (teardown/pingpong.c): nothing may be left armed on the freed adapter
dmesg -c >/dev/null
insmod /vpwrap.ko miniport=/mf/pingpong.sys pci_ids=1234:1111 >/tmp/insmod.out 2>&1
w=0
while ! dmesg | grep -q 'PINGPONG timer and DPC running' && [ $w -lt 100 ]; do
	sleep 0.2
	w=$((w + 1))
done
klog=$(dmesg)
logs "pingpong: timer and DPC running" 'pingpong.sys: PINGPONG timer and DPC running'
check "pingpong: rmmod during the DPC storm" rmmod vpwrap
klog=$(dmesg)
logs "pingpong: the teardown met the storm" 'pingpong.sys: PINGPONG reset: DPC storm'
sleep 3	# a timer left armed (1 s) would have expired on freed memory by now
kclean "pingpong: kernel log clean after the teardown"

# after all of that, the good driver binds and draws
dmesg -c >/dev/null
check "good driver afterwards: modprobe" insmod /vpwrap.ko miniport=/vpbochs.sys
n=0
while [ ! -e /dev/dri/card0 ] && [ $n -lt 100 ]; do sleep 0.2; n=$((n + 1)); done
check "good driver afterwards: /dev/dri/card0" test -e /dev/dri/card0
/kmstest pattern -m 640x480 -f XR24
rmmod vpwrap
kclean "kernel log clean at the end (but for the contained page faults)"
GUEST

# no_timer_check: on a loaded host the emulated IO-APIC timer can look
# broken to the kernel's boot check, which then panics before the test
vmrun --out "$OUT/vm" --name "contain" --profile std --timeout 900 --append no_timer_check \
	--qemu-arg=-device --qemu-arg=edu \
	--add "$MF:/mf" --add "$OUT/deps" --add "$OUT/xmm_ioctl" \
	--add "$OUT/damaged:/damaged" \
	--add "$GUEST/kmstest" --add "$REL_OUT/reltest" \
	--add "$MISBEHAVE:/vpmisbehave.sys" --add "$OUT/mbkind" \
	--add "$ROOT/miniports/out/$ARCH/vpbochs.sys:/vpbochs.sys" "$OUT/guest.sh"
python3 "$ROOT/tests/vm/guest/kmscheck.py" pattern "$OUT/vm"
exit 0
