# The Windows view of FS on i386 (videoport/kpcr.h), with vpfs32.sys: its
# "FS32 PASS/FAIL" lines become checks; the per-CPU regions and the GDT
# entry are looked at through debugfs; the module reloads (its GDT entry was
# given back) and the kernel log stays clean.
mount -t debugfs none /sys/kernel/debug 2>/dev/null
K=/sys/kernel/debug/vpwrap-videoport/kpcr
check "insmod with the FS miniport" insmod /vpwrap.ko miniport=/vpfs32.sys pci_ids=1234:1111
expect_log "the miniport's checks ran to the end" "FS32 DONE"
dmesg | sed -n 's/.*FS32 \(PASS\|FAIL\) \(.*\)$/\1 \2/p' >/tmp/fs32
n=0
while read -r verdict rest; do
	n=$((n + 1))
	case $verdict in
	PASS) pass "$rest" ;;
	*) fail "${rest%%: got*}" "got${rest##*: got}" ;;
	esac
done </tmp/fs32
# DriverEntry 3, the SynchronizeExecution routine 3, HwFindAdapter 9
if [ "$n" -eq 15 ]; then pass "all 15 checks of the miniport reported"; else fail "all 15 checks of the miniport reported" "$n"; fi
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
kclean "kernel log clean"
