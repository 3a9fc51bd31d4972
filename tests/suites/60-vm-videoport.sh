#!/bin/bash
# videoport core: the conformance miniport on QEMU's std VGA with
# two CPUs, and on QEMU's edu device for the interrupt checks (HwVidInterrupt
# from a shared Linux handler, DPC from the ISR, Enable/DisableInterrupt).  Every "CONFORMANCE PASS/FAIL <name>" line the miniport prints
# through VideoPortDebugPrint becomes a PASS:/FAIL: line here; the guest also
# checks the Windows format specifiers, runs the SMP counter (StartIO on CPU 0,
# DPC chain and timer on CPU 1, SynchronizeExecution), compares the running
# module's export table with the list the build read from the module file
# (videoport/out/exports.txt), and runs the spin lock benchmark (reported, not
# timed).  On the host: the documentation of unsupported exports against the
# built module.
# VIDEOPORT_SUITE_ARCH=i686 runs the same on an i386 kernel (suite 14 sets it
# up) with the PE32 build of the conformance miniport (every export reached
# through an FS stub, every callback through the __stdcall bridge), the
# guest program built with -m32 and the i386 module's export list.
. "$ROOT/tests/lib.sh"

ARCH=${VIDEOPORT_SUITE_ARCH:-x86_64}
CONFORM=$ROOT/tests/vm/miniports/out/vpconform.sys
EXPORTS=$ROOT/videoport/out/exports.txt
target=all
m32=
if [ "$ARCH" = i686 ]; then
	CONFORM=$ROOT/tests/vm/miniports/out/i686/vpconform.sys
	EXPORTS=$ROOT/videoport/out/exports-i386.txt
	target=i686
	m32=-m32
fi
if ! make -s -C "$ROOT/tests/vm/miniports" $target >"$OUT/miniports.log" 2>&1; then
	fail "conformance miniport build" "$(grep -m1 -i error "$OUT/miniports.log")"
	exit 0
fi
for p in xmm_ioctl; do
	if ! gcc $m32 -O2 -Wall -static -o "$OUT/$p" "$ROOT/tests/vm/guest/$p.c" 2>"$OUT/$p.log"; then
		fail "$p build" "$(head -n 1 "$OUT/$p.log")"
		exit 0
	fi
done

# the documentation lists exactly the exports the built module marks
# unsupported (VP_UNSUPPORTED)
DOC=docs/videoport-unsupported.md
if python3 "$ROOT/videoport/gen-exports.py" "$VPWRAP_KO" "$OUT/built" >/dev/null 2>"$OUT/exports.err"; then
	awk '$3 == "unsupported" { print $2 }' "$OUT/built/$(basename "$EXPORTS")" | sort >"$OUT/unsupported.built"
	sed -n '/^## videoprt.sys exports that always fail/,/^## /p' "$ROOT/$DOC" | grep '^| `' |
		cut -d'|' -f2 | grep -o '`[A-Za-z0-9_]*`' | tr -d '`' | sort >"$OUT/unsupported.doc"
	if diff "$OUT/unsupported.doc" "$OUT/unsupported.built" >"$OUT/unsupported.diff"; then
		pass "$DOC lists the built module's unsupported exports"
	else
		fail "$DOC lists the built module's unsupported exports" \
			"$(grep '^[<>]' "$OUT/unsupported.diff" | head -n 3 | tr '\n' ' ')(< only in the document, > only in the module)"
	fi
else
	fail "$DOC lists the built module's unsupported exports" "$(cat "$OUT/exports.err")"
fi

cat >"$OUT/guest.sh" <<'GUEST'
D=/sys/kernel/debug/vpwrap-videoport
C=/vpconform
conf() { /xmm_ioctl "$P/ioctl" "$@"; }
mount -t debugfs none /sys/kernel/debug 2>/dev/null
modprobe vpwrap miniport=/vpconform.sys pci_ids=1234:1111,1234:11e8
check "insmod with the conformance miniport" test -d $D
P=
for d in $D/0000:*; do
	[ "$(cat /sys/bus/pci/devices/${d##*/}/device 2>/dev/null)" = 0x1111 ] && P=$d
done
check "std VGA adapter bound" test -n "$P"
expect_log "conformance checks ran in HwFindAdapter and HwInitialize" "CONFORMANCE DONE init"
expect_log "interrupt checks ran on the edu device" "CONFORMANCE DONE edu"

# the export table: what the module provides is what exports.txt says
grep -v '^#' /exports.txt | sort >/tmp/want
sort $D/exports >/tmp/have
if cmp -s /tmp/want /tmp/have; then pass "exports.txt matches the module's table"
else fail "exports.txt matches the module's table" "$(diff /tmp/want /tmp/have | grep '^[<>]' | head -n 3 | tr '\n' ' ')"; fi

# what the miniport wrote with VideoPortSetRegistryParameters (REG_BINARY)
R=/sys/module/vpwrap/miniports/vpconform.sys/registry
if grep -qi 'reg binary ConformanceValue 78 56 34 12' $R 2>/dev/null; then
	pass "SetRegistryParameters value readable in sysfs"
else
	fail "SetRegistryParameters value readable in sysfs" "$(grep -i conformance $R 2>&1 | head -n 1)"
fi

# Windows format specifiers
want='FORMAT ws=wide S=wideS wZ=counted I64x=123456789abcdef d=-5 u=3000000000 x=0000beef X=ABC s=narrow c=Q ld=-7 hd=-2 s5=trunc pad=[3   ] end'
have=$(dmesg | grep -o 'vpconform.sys: FORMAT.*' | head -n 1 | sed 's/^vpconform.sys: //')
if [ "$have" = "$want" ]; then pass "debug print format specifiers"
else fail "debug print format specifiers" "got '$have'"; fi
check "debug print prefixed with the driver name" dmesg | grep -q 'vpwrap: vpconform.sys: CONFORMANCE'

# SMP: DPC chain and timer on CPU 1, StartIO (+ SynchronizeExecution) on CPU 0
if [ -n "$P" ]; then
	taskset -c 1 /xmm_ioctl "$P/ioctl" 0x232000 >/tmp/start
	check "counter test started" grep -q 'ret=0' /tmp/start
	sleep 1
	taskset -c 0 /xmm_ioctl "$P/ioctl" 0x232004 300000 >/tmp/run
	check "counter test StartIO loop" grep -q 'ret=0' /tmp/run
	sleep 2
	/xmm_ioctl "$P/ioctl" 0x232008 >/tmp/stop
	echo "counter: $(cat /tmp/stop)"
	expect_log "counter test reported" "CONFORMANCE DONE smp"

	# benchmark: each imported pair, its native pair and empty functions on one
	# miniport loop per pair, same boot
	for i in 1 2 3; do
		echo "0x232010 1000000" >"$P/bench" && sed 's/^/BENCH /' "$P/bench"
	done
	# every pair it knows was timed (its figures are reported, not judged)
	check "spin lock benchmark timed the VideoPort, AtDpcLevel and executive pairs" \
		test "$(grep -c '^pair=.* videoport_ns=[1-9][0-9]* native_ns=[1-9]' "$P/bench")" = 4
fi

dmesg | grep -o 'CONFORMANCE \(PASS\|FAIL\) .*' | while read -r _ verdict name rest; do
	name=${name%:}
	if [ "$verdict" = PASS ]; then pass "conformance $name"
	else fail "conformance $name" "$rest"; fi
done
rmmod vpwrap
check "rmmod" test ! -d $D
expect_log "teardown released what the miniport left mapped" "released [0-9]+ mappings"
kclean "kernel log clean after rmmod"
GUEST

vmrun --out "$OUT/vm" --name "videoport${VIDEOPORT_SUITE_ARCH:+ $ARCH}" --profile std --smp 2 --timeout 420 \
	--qemu-arg=-device --qemu-arg=edu \
	--add "$CONFORM" --add "$OUT/xmm_ioctl" --add "$EXPORTS:/exports.txt" \
	"$OUT/guest.sh" | tee "$OUT/vm.out" | grep -v '^BENCH'
grep -o 'BENCH .*' "$OUT/vm/guest.log" >"$OUT/bench.txt" 2>/dev/null
sed 's/^/# /' "$OUT/bench.txt"
exit 0
