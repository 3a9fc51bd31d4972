#!/bin/bash
# Misbehaving miniports: each fault ends in the right message and a
# clean kernel, and a good driver loads afterwards.  One boot runs them all:
# failing DriverEntry, failing HwFindAdapter, leaked pool and common buffer,
# an import vpwrap cannot provide, and
# KeBugCheckEx in DriverEntry, (from nested frames) in HwFindAdapter and in
# HwStartIO (the device is then unbound).
# VIDEOPORT_SUITE_ARCH=i686 runs the same on an i386 kernel (suite 14 sets it
# up) with the PE32 builds and the guest program built with -m32.
. "$ROOT/tests/lib.sh"

ARCH=${VIDEOPORT_SUITE_ARCH:-x86_64}
MB=$ROOT/tests/vm/miniports7/out
target=all
m32=
# mb_leak.sys's pool: 1000 + 2000 bytes and the DMA adapter (two u32, a pointer)
leak=3016
if [ "$ARCH" = i686 ]; then
	MB=$MB/i686
	target=i686
	m32=-m32
	leak=3012
fi
echo $leak >"$OUT/leak.bytes"
echo "$ARCH" >"$OUT/arch"
if ! make -s -C "$ROOT/tests/vm/miniports7" $target >"$OUT/miniports7.log" 2>&1; then
	fail "test miniports (tests/vm/miniports7) build" "$(grep -m1 -i error "$OUT/miniports7.log")"
	exit 0
fi
modinfo -F depends "$VPWRAP_KO" | tr ',' '\n' >"$OUT/deps"
if ! gcc $m32 -O2 -Wall -static -o "$OUT/xmm_ioctl" "$ROOT/tests/vm/guest/xmm_ioctl.c" \
	2>"$OUT/xmm_ioctl.log"; then
	fail "xmm_ioctl build" "$(head -n 1 "$OUT/xmm_ioctl.log")"
	exit 0
fi

cat >"$OUT/guest.sh" <<'GUEST'
D=/sys/kernel/debug/vpwrap-videoport
for m in $(cat /deps); do modprobe "$m"; done
mount -t debugfs none /sys/kernel/debug 2>/dev/null

# load NAME: insmod with /mb/NAME.sys on the std VGA; $rc, $klog = its kernel log
load() {
	dmesg -c >/dev/null
	insmod /vpwrap.ko miniport=/mb/$1.sys pci_ids=1234:1111 >/tmp/insmod.out 2>&1
	rc=$?
	klog=$(dmesg)
}
# unload NAME: vpwrap is removed (if it loaded) and the log of it all is clean
unload() {
	if grep -q '^vpwrap ' /proc/modules; then
		rmmod vpwrap || fail "$1: rmmod" "failed"
		klog="$klog
$(dmesg)"
	fi
	check "$1: module gone" sh -c "! grep -q '^vpwrap ' /proc/modules"
	_bad=$(echo "$klog" | grep -E 'Oops|BUG[: ]|WARNING:|general protection|Call Trace' | head -n 1)
	if [ -z "$_bad" ]; then pass "$1: kernel log clean"; else fail "$1: kernel log clean" "$_bad"; fi
}

load mb_entry
check "failing DriverEntry: insmod refused" test $rc != 0
logs "failing DriverEntry: status logged" 'mb_entry.sys: DriverEntry failed: status 0xc0000182'
logs "failing DriverEntry: its pool freed" 'mb_entry.sys: freed 1 pool blocks \(512 bytes\)'
unload "failing DriverEntry"

load mb_find
logs "failing HwFindAdapter: status logged" 'mb_find.sys: .*HwFindAdapter failed: status 55'
check "failing HwFindAdapter: no adapter" sh -c "! ls -d $D/0000:* 2>/dev/null | grep -q ."
unload "failing HwFindAdapter"

load mb_leak
check "leak: insmod" test $rc = 0
logs "leak: driver ran" 'MB leak: left 3000 bytes'
unload "leak"
logs "leak: pool (and the DMA adapter) reported and freed at unload" \
	"mb_leak.sys: freed 3 pool blocks \\($(cat /leak.bytes) bytes\\) the driver left allocated"

load mb_import
check "missing import: insmod refused" test $rc != 0
logs "missing import: named" 'unresolved import.*ntoskrnl.exe!IoAllocateMdl'
unload "missing import"

load mb_bugentry
check "KeBugCheckEx in DriverEntry: insmod refused" test $rc != 0
logs "KeBugCheckEx in DriverEntry: logged with code, parameters and caller" \
	'mb_bugentry.sys: KeBugCheckEx\(0x0000010e, 0x5, 0x6, 0x7, 0x8\) called from mb_bugentry.sys\+0x[0-9a-f]+: the driver is stopped'
nologs "KeBugCheckEx in DriverEntry: never returned into the driver" 'KeBugCheckEx returned'
logs "KeBugCheckEx in DriverEntry: DriverEntry failed" 'mb_bugentry.sys: DriverEntry failed: status 0xc0000400'
unload "KeBugCheckEx in DriverEntry"

load mb_bugcheck
logs "KeBugCheckEx in HwFindAdapter: logged" \
	'mb_bugcheck.sys: KeBugCheckEx\(0x000000ea, 0x1, 0x2, 0x3, 0x[0-9a-f]+\) called from mb_bugcheck.sys\+0x[0-9a-f]+'
nologs "KeBugCheckEx in HwFindAdapter: never returned into the driver" 'KeBugCheckEx returned'
logs "KeBugCheckEx in HwFindAdapter: adapter refused" 'mb_bugcheck.sys: .*HwFindAdapter failed'
check "KeBugCheckEx in HwFindAdapter: no adapter" sh -c "! ls -d $D/0000:* 2>/dev/null | grep -q ."
sleep 1
unload "KeBugCheckEx in HwFindAdapter"

load mb_bugsync
logs "KeBugCheckEx in a SynchronizeExecution routine: logged" \
	'mb_bugsync.sys: KeBugCheckEx\(0x000000ea, 0x4, 0x5, 0x6, 0x7\) called from mb_bugsync.sys\+0x[0-9a-f]+'
nologs "KeBugCheckEx in a SynchronizeExecution routine: never returned into the routine" \
	'MB bugsync: KeBugCheckEx returned'
logs "KeBugCheckEx in a SynchronizeExecution routine: the routine's call failed" \
	'MB bugsync: back in HwFindAdapter \(0, 0\)'
logs "KeBugCheckEx in a SynchronizeExecution routine: further calls into the driver refused" \
	'mb_bugsync.sys: the driver called KeBugCheckEx: calls into it are refused'
nologs "KeBugCheckEx in a SynchronizeExecution routine: the second routine never ran" \
	'MB bugsync: the second routine ran'
check "KeBugCheckEx in a SynchronizeExecution routine: no adapter" sh -c "! ls -d $D/0000:* 2>/dev/null | grep -q ."
sleep 1
unload "KeBugCheckEx in a SynchronizeExecution routine"

load mb_bugio
P=$(ls -d $D/0000:* 2>/dev/null | head -n 1)
check "KeBugCheckEx in HwStartIO: adapter bound first" test -n "$P"
if [ -n "$P" ]; then
	/xmm_ioctl "$P/ioctl" 0x232000 >/tmp/bugio.out 2>&1
	echo "bugio: $(cat /tmp/bugio.out | head -n 1)"
	check "KeBugCheckEx in HwStartIO: the request failed" sh -c "! grep -q 'ret=0 ' /tmp/bugio.out"
fi
sleep 1
klog=$(dmesg)
logs "KeBugCheckEx in HwStartIO: logged" \
	'mb_bugio.sys: KeBugCheckEx\(0x00000116, 0x9, 0xa, 0xb, 0xc\) called from mb_bugio.sys\+0x[0-9a-f]+'
logs "KeBugCheckEx in HwStartIO: device unbound" 'mb_bugio.sys: the call into the driver failed; unbinding its device'
nologs "KeBugCheckEx in HwStartIO: never returned into the driver" 'KeBugCheckEx returned'
check "KeBugCheckEx in HwStartIO: adapter gone" sh -c "! ls -d $D/0000:* 2>/dev/null | grep -q ."
unload "KeBugCheckEx in HwStartIO"

# x86: a callback with the wrong convention (mb_cdecl.sys's HwInitialize is
# __cdecl) is named once, and the bridge's own stack survives it
if [ "$(cat /arch)" = i686 ]; then
	load mb_cdecl
	check "__cdecl HwInitialize: insmod" test $rc = 0
	logs "__cdecl HwInitialize: it ran" 'MB cdecl: HwInitialize ran'
	logs "__cdecl HwInitialize: the wrong convention named, with the callback" \
		'mb_cdecl\.sys\+0x[0-9a-f]+ popped 0 bytes of arguments, not 4: it is not the __stdcall function'
	check "__cdecl HwInitialize: adapter bound all the same" sh -c "ls -d $D/0000:* >/dev/null 2>&1"
	unload "__cdecl HwInitialize"
fi

# after all of that, a good driver binds and runs
dmesg -c >/dev/null
insmod /vpwrap.ko miniport=/mb/vpcover.sys pci_ids=1234:1111
check "good driver afterwards: adapter bound" sh -c "ls -d $D/0000:* >/dev/null 2>&1"
expect_log "good driver afterwards: its checks pass" 'COVERAGE DONE failures=0'
rmmod vpwrap
kclean "kernel log clean at the end"
GUEST

vmrun --out "$OUT/vm" --name "misbehave${VIDEOPORT_SUITE_ARCH:+ $ARCH}" --profile std --timeout 300 \
	--add "$MB:/mb" --add "$OUT/deps" --add "$OUT/xmm_ioctl" --add "$OUT/leak.bytes" --add "$OUT/arch" \
	"$OUT/guest.sh"
exit 0
