#!/bin/bash
# videoport exports: vpwrap.ko provides every name Windows'
# videoprt.sys exports (videoport/videoprt-names.txt), read from the module's
# own table in debugfs; and the coverage miniport (tests/vm/miniports7/cover)
# calls each export beyond the core set on QEMU's std VGA.  Every "COVERAGE
# PASS/FAIL <name>" line it prints becomes a PASS:/FAIL: line here; the
# guest also checks the log lines some exports leave.  One boot.
# VIDEOPORT_SUITE_ARCH=i686 runs the same on an i386 kernel (suite 14 sets it
# up): the PE32 build of the coverage miniport, the i386 module's list.
. "$ROOT/tests/lib.sh"

ARCH=${VIDEOPORT_SUITE_ARCH:-x86_64}
MB=$ROOT/tests/vm/miniports7/out
EXPORTS=$ROOT/videoport/out/exports.txt
target=all
if [ "$ARCH" = i686 ]; then
	MB=$MB/i686
	EXPORTS=$ROOT/videoport/out/exports-i386.txt
	target=i686
fi

NAMES="$ROOT/videoport/videoprt-names.txt"
n=$(grep -vc '^#' "$NAMES")
if [ "$n" = 117 ] && [ "$(grep -v '^#' "$NAMES" | sort -u | wc -l)" = 117 ]; then
	pass "videoprt-names.txt lists 117 distinct names"
else
	fail "videoprt-names.txt lists 117 distinct names" "$n lines"
fi
missing=$(grep -v '^#' "$NAMES" | sort | comm -23 - \
	<(awk '$1 == "videoprt.sys" { print $2 }' "$EXPORTS" | sort))
if [ -z "$missing" ]; then pass "exports.txt has every videoprt.sys name"
else fail "exports.txt has every videoprt.sys name" "missing: $(echo $missing | head -c 300)"; fi

if ! make -s -C "$ROOT/tests/vm/miniports7" $target >"$OUT/miniports7.log" 2>&1; then
	fail "test miniports (tests/vm/miniports7) build" "$(grep -m1 -i error "$OUT/miniports7.log")"
	exit 0
fi
modinfo -F depends "$VPWRAP_KO" | tr ',' '\n' >"$OUT/deps"

cat >"$OUT/guest.sh" <<'GUEST'
D=/sys/kernel/debug/vpwrap-videoport
for m in $(cat /deps); do modprobe "$m"; done
mount -t debugfs none /sys/kernel/debug 2>/dev/null
insmod /vpwrap.ko miniport=/vpcover.sys pci_ids=1234:1111
check "insmod with the coverage miniport" test -d $D

# every videoprt.sys name, from the module's own table
grep -v '^#' /videoprt-names.txt | sort >/tmp/want
awk '$1 == "videoprt.sys" { print $2 }' $D/exports | sort -u >/tmp/have
miss=$(comm -23 /tmp/want /tmp/have | tr '\n' ' ')
if [ -z "$miss" ]; then pass "module exports all $(wc -l </tmp/want) videoprt.sys names"
else fail "module exports all videoprt.sys names" "missing: $miss"; fi
# no export is listed twice (one row per name and DLL)
dup=$(awk '{ print $1, $2 }' $D/exports | sort | uniq -d | head -n 3 | tr '\n' ' ')
if [ -z "$dup" ]; then pass "export table has no duplicate rows"
else fail "export table has no duplicate rows" "$dup"; fi
# the ntoskrnl/hal subset exists
for n in ntoskrnl.exe:ExAllocatePoolWithTag ntoskrnl.exe:memcpy ntoskrnl.exe:DbgPrint \
	 ntoskrnl.exe:KeAcquireSpinLockRaiseToDpc hal.dll:READ_PORT_UCHAR \
	 hal.dll:KeStallExecutionProcessor ntoskrnl.exe:WRITE_REGISTER_BUFFER_ULONG; do
	check "module exports ${n#*:} from ${n%%:*}" grep -q "^${n%%:*} ${n#*:} implemented$" $D/exports
done

expect_log "coverage checks ran to the end" "COVERAGE DONE"
dmesg | grep -o 'COVERAGE \(PASS\|FAIL\) .*' | while read -r _ verdict name rest; do
	name=${name%:}
	if [ "$verdict" = PASS ]; then pass "coverage $name"
	else fail "coverage $name" "$rest"; fi
done

# what some exports leave in the log
expect_log "DbgPrint: Windows formats, driver prefix" \
	'vpwrap: vpcover.sys: DBGPRINT s=narrow d=-42 ws=wide x=123456789abcdef$'
expect_log "DbgPrintEx: error level shown" 'vpcover.sys: DBGPRINTEX error level shown 1$'
if dmesg | grep -q 'DBGPRINTEX info level hidden'; then
	fail "DbgPrintEx: info level filtered" "printed"
else pass "DbgPrintEx: info level filtered"; fi
expect_log "VideoPortLogError logged" \
	'vpcover.sys: error logged by the miniport: code 0x12345678, id 0x00009abc'
n=$(dmesg | grep -c 'vpcover.sys: VideoPortSetTrappedEmulatorPorts is not supported: no VDM')
if [ "$n" = 1 ]; then pass "unsupported export logged once per driver"
else fail "unsupported export logged once per driver" "$n lines"; fi
n=$(dmesg | grep -c 'vpcover.sys: .*Int10: cannot run the BIOS helper /sbin/vpwrap-int10')
if [ "$n" = 1 ]; then pass "Int10 without its helper: failure logged once"
else fail "Int10 without its helper: failure logged once" "$n lines"; fi

rmmod vpwrap
check "rmmod" test ! -d $D
kclean "kernel log clean after rmmod"
GUEST

vmrun --out "$OUT/vm" --name "exports${VIDEOPORT_SUITE_ARCH:+ $ARCH}" --profile std --timeout 300 \
	--add "$MB/vpcover.sys" \
	--add "$ROOT/videoport/videoprt-names.txt" --add "$OUT/deps" \
	"$OUT/guest.sh"
exit 0
