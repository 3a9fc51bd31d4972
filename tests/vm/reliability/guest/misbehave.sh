# Guest (misbehaving miniport at runtime): vpmisbehave.sys is
# vpbochs with a HwStartIO that, on request through videoport's debugfs ioctl
# file, fails mode sets, reports more bytes than the output buffer holds, or
# floods VideoPortDebugPrint.  Files: /reltest, /vpmisbehave.sys.
SET=0x232400 FLOOD=0x232404 LIE=0x232408
wait_card() {
	w=0
	while [ ! -e /dev/dri/card0 ] && [ $w -lt 400 ]; do sleep 0.05; w=$((w + 1)); done
	[ -e /dev/dri/card0 ]
}
val() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
modeset_rc() { /reltest modeset -m "$1" 2>&1 | sed -n 's/^MODESET rc=\([0-9-]*\).*/\1/p'; }
flags() { /reltest vpioctl "$IO" $SET 8 "$1" >/dev/null; }

check "modprobe vpwrap miniport=/vpmisbehave.sys" modprobe vpwrap miniport=/vpmisbehave.sys
check "card0 appears" wait_card
IO=$(ls -d /sys/kernel/debug/vpwrap-videoport/*/ioctl 2>/dev/null | head -n1)
echo "INFO control file: $IO"
check "debugfs ioctl file present" test -n "$IO"
link() { sed -n 's/^LINK \([A-Za-z]*\) hotplug=\([01]\).*/\1 \2/p' "$1"; }
/reltest modeset -m 800x600 -u 2000 >/tmp/good.out 2>&1
rc=$(sed -n 's/^MODESET rc=\([0-9-]*\).*/\1/p' /tmp/good.out)
if [ "$rc" = 0 ]; then pass "well-behaved: mode set succeeds"; else fail "well-behaved: mode set succeeds" "rc=$rc"; fi
l=$(link /tmp/good.out)
if [ "$l" = "GOOD 0" ]; then pass "well-behaved: link-status GOOD, no hotplug event"
else fail "well-behaved: link-status GOOD, no hotplug event" "got '${l:-nothing}'"; fi

# 1. the InputBuffer HwStartIO gets is a kernel buffer (the debugfs write
#    came from a user buffer: videoport copied it)
L=$(/reltest vpioctl "$IO" $SET 8 0)
echo "INFO $L"
a=$(val "$L" out)
# x86_64: the upper half; i386 (3G/1G split): at or above PAGE_OFFSET 0xc0000000
case "$(uname -m):$a" in
x86_64:ffff[89a-f]??????????? | i?86:[c-f]???????)
	pass "miniport's InputBuffer is a kernel address ($a)" ;;
*) fail "miniport's InputBuffer is a kernel address" "got '$a'" ;;
esac

# 2. a length lie on a pass-through request: the writer gets EPROTO (71)
L=$(/reltest vpioctl "$IO" $LIE 16)
echo "INFO $L"
if [ "$(val "$L" write)" = 71 ] && [ "$(val "$L" len)" = 0 ]; then
	pass "Information > OutputBufferLength: request fails with EPROTO, nothing copied"
else
	fail "Information > OutputBufferLength: request fails with EPROTO, nothing copied" "$L"
fi

# 3. the miniport fails SET_CURRENT_MODE after the commit's checks passed:
#    as upstream drivers report a link that failed, the commit stands and
#    the connector's link-status turns BAD, with a hotplug uevent
dmesg -c >/dev/null
flags 1
/reltest modeset -m 1024x768 -u 10000 >/tmp/failed.out 2>&1
rc=$(sed -n 's/^MODESET rc=\([0-9-]*\).*/\1/p' /tmp/failed.out)
if [ "$rc" = 0 ]; then pass "failed miniport mode set: the checked commit stands (rc 0)"
else fail "failed miniport mode set: the checked commit stands (rc 0)" "commit returned ${rc:-nothing}"; fi
l=$(link /tmp/failed.out)
if [ "$l" = "BAD 1" ]; then pass "failed miniport mode set: link-status BAD and a hotplug uevent"
else fail "failed miniport mode set: link-status BAD and a hotplug uevent" "got '${l:-nothing}'"; fi
dmesg | grep -E 'vpwrap|drm' | tail -n 3 | sed 's/^/INFO dmesg: /'

# 4. wrong lengths on every IOCTL_VIDEO_*: 50 commits whose mode sets fail
#    must not write a line or more each to the log.  Without a
#    limit each failed commit logs at least two lines (the IOCTL's length,
#    the failed mode set); with the kernel's limits (10 lines per message
#    and 5 s window, a "callbacks suppressed" note when a window ends) at
#    most ~22 per window.  A window boundary can fall inside the run, so
#    allow one window more than the run's length covers.  (The link-status
#    stays BAD from 3 during these: no hotplug events.)  Then one that sets
#    link-status GOOD again gets it BAD with a hotplug uevent, as in 3.
dmesg -c >/dev/null
flags 2
t0=$(cut -d. -f1 /proc/uptime)
/reltest modeset -m 1024x768 -a 800x600 -n 50 >/tmp/lying.out 2>&1
t1=$(cut -d. -f1 /proc/uptime)
failed=$(grep -c '^MODESET rc=0' /tmp/lying.out)
n=$(dmesg | grep -cE 'vpwrap|drm')
dmesg | grep -E 'vpwrap|drm' | head -n 3 | sed 's/^/INFO dmesg: /'
windows=$(( (t1 - t0) / 5 + 2 ))
limit=$((22 * windows))
[ $limit -gt 49 ] && limit=49
echo "INFO 50 commits on a lying miniport in $((t1 - t0)) s: $failed failed, $n kernel log lines (limit $limit)"
if [ "$failed" = 50 ] && [ "$n" -ge 1 ] && [ "$n" -le $limit ]; then
	pass "lying miniport: log rate-limited ($n lines for 50 failed commits)"
else
	fail "lying miniport: log rate-limited" "$n lines for $failed failed commits of 50 (want 1..$limit)"
fi
/reltest modeset -m 1024x768 -u 10000 >/tmp/lying1.out 2>&1
l=$(link /tmp/lying1.out)
if [ "$l" = "BAD 1" ]; then pass "lying miniport: link-status BAD and a hotplug uevent"
else fail "lying miniport: link-status BAD and a hotplug uevent" "got '${l:-nothing}'"; fi

# 5. VideoPortDebugPrint flood: 2,000 lines asked for at once, then 100
#    per request on a mode set; the log keeps at most the ratelimit burst
flags 0
dmesg -c >/dev/null
t0=$(cut -d. -f1 /proc/uptime)
/reltest vpioctl "$IO" $FLOOD 0 2000 >/dev/null
flags 4
modeset_rc 1024x768 >/dev/null
flags 0
sleep 6
/reltest vpioctl "$IO" $FLOOD 0 1 >/dev/null	# after the interval: the summary line
t1=$(cut -d. -f1 /proc/uptime)
n=$(dmesg | grep -c 'vpmisbehave: flood line')
asked=$((2000 + 1))
windows=$(( (t1 - t0) / 5 + 1 ))
echo "INFO flood: $n of $asked+ lines printed in $((t1 - t0)) s"
if [ "$n" -ge 1 ] && [ "$n" -le $((200 * windows + 1)) ]; then
	pass "VideoPortDebugPrint flood rate-limited ($n lines, limit $((200 * windows + 1)))"
else
	fail "VideoPortDebugPrint flood rate-limited" "$n lines in $((t1 - t0)) s"
fi

# 6. well-behaved again: a mode set works and shows the picture
flags 0
if /reltest modeset -m 1024x768 -d misbehave-final >/tmp/final.out 2>&1 && grep -q 'rc=0 ' /tmp/final.out; then
	pass "mode set works again after the misbehaviour"
else
	fail "mode set works again after the misbehaviour" "$(tail -n1 /tmp/final.out)"
fi
check "rmmod vpwrap" rmmod vpwrap
# the dropped lines are counted somewhere: "N callbacks suppressed" at an
# interval's end, or "N output lines suppressed" when the state is released
dmesg | grep 'suppressed' | head -n 3 | sed 's/^/INFO dmesg: /'
if dmesg | grep -qE 'callbacks suppressed|lines suppressed'; then
	pass "dropped VideoPortDebugPrint lines are reported (by rmmod at the latest)"
else
	fail "dropped VideoPortDebugPrint lines are reported (by rmmod at the latest)" \
		"no 'suppressed' line in the kernel log after ~1,800 dropped lines"
fi
kclean "no oops or warning in the guest log"
