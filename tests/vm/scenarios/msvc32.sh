# The MSVC-shaped PE32 test miniports (tests/vm/miniports/msvc32) on i386.
# vpfs32.sys, the Windows view of FS (videoport/kpcr.h): its "FS32
# PASS/FAIL" lines become checks; the per-CPU regions and the GDT entry are
# looked at through debugfs; the module reloads (its GDT entry was given
# back).  vpseh32.sys, structured exception handling (videoport/seh_x86.c):
# its "SEH32 PASS/FAIL" lines become checks, and the exception its
# HwFindAdapter leaves unhandled stops the driver, not the kernel.

# pass_lines TAG COUNT: the miniport's "TAG PASS/FAIL name" lines as checks
pass_lines() {
	dmesg | sed -n "s/.*$1 \(PASS\|FAIL\) \(.*\)\$/\1 \2/p" >/tmp/lines
	n=0
	while read -r verdict rest; do
		n=$((n + 1))
		case $verdict in
		PASS) pass "$rest" ;;
		*) fail "${rest%%: got*}" "got${rest##*: got}" ;;
		esac
	done </tmp/lines
	if [ "$n" -eq "$2" ]; then pass "$1: all $2 checks reported"; else fail "$1: all $2 checks reported" "$n"; fi
}

mount -t debugfs none /sys/kernel/debug 2>/dev/null
K=/sys/kernel/debug/vpwrap-videoport/kpcr
check "insmod with the FS miniport" insmod /vpwrap.ko miniport=/vpfs32.sys pci_ids=1234:1111
expect_log "the miniport's checks ran to the end" "FS32 DONE"
# DriverEntry 3, the SynchronizeExecution routine 3, HwFindAdapter 9
pass_lines FS32 15
dmesg | grep 'FS32 INFO' | sed 's/^.*FS32 INFO/info:/'
check "debugfs kpcr: selector 0xf0 (GDT entry 30)" grep -q '^selector 0xf0 (GDT entry 30)$' $K
ncpu=$(grep -c '^processor' /proc/cpuinfo)
if [ "$(grep -c "^cpu [0-9]* self 0x\([0-9a-f]*\) descriptor base 0x\1 limit 0xfff chain 0xffffffff$" $K)" -eq "$ncpu" ]; then
	pass "debugfs kpcr: each of $ncpu CPUs has a region of its own, empty chain outside calls"
else
	fail "debugfs kpcr: each CPU has a region of its own" "$(tr '\n' ' ' <$K)"
fi
n=$(sed -n 's/.* self \(0x[0-9a-f]*\) .*/\1/p' $K | sort -u | wc -l)
if [ "$n" -eq "$ncpu" ]; then pass "debugfs kpcr: $n distinct regions"; else fail "debugfs kpcr: distinct regions" "$n"; fi
check "rmmod" rmmod vpwrap
dmesg -c >/dev/null
check "insmod again (the GDT entry was given back)" insmod /vpwrap.ko miniport=/vpfs32.sys pci_ids=1234:1111
expect_log "the checks ran again" "FS32 DONE 0"
check "no GDT entry in use" sh -c '! dmesg | grep -q "GDT entry"'
check "rmmod again" rmmod vpwrap

dmesg -c >/dev/null
check "insmod with the SEH miniport" insmod /vpwrap.ko miniport=/vpseh32.sys pci_ids=1234:1111
expect_log "the SEH checks ran to the end" "SEH32 DONE"
# 8 exception checks, 2 unwind ones, 2 arithmetic ones, 2 /GS ones
pass_lines SEH32 14
expect_log "an exception nothing handles is reported with where it was raised" \
	"vpseh32.sys: exception 0xc0000005 raised at vpseh32.sys\+0x[0-9a-f]+: no exception handler of the driver took it \(KMODE_EXCEPTION_NOT_HANDLED\): no __except filter took it"
expect_log "... and the driver is stopped, naming where" "KeBugCheckEx\\(0x0000001e, 0xc0000005, 0x[0-9a-f]+, 0x0, 0x0\\) for the exception raised at vpseh32.sys\\+0x[0-9a-f]+: the driver is stopped"
check "... and the raise never returns into the driver" sh -c '! dmesg | grep -q "an unhandled exception came back"'
check "rmmod after the unhandled exception" rmmod vpwrap
kclean "kernel log clean"
