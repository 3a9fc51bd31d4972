# Guest (concurrency, -smp 2): for SECONDS, two modesetters, a page
# flipper with events and vblank waits, a cursor mover (one shared master
# fd) and two dumb-buffer workers (own fds) run at once while a shell writes
# to the fbcon console.  Files: /reltest, /vpcirrus.sys, /seconds.
read SECONDS_RUN </seconds
wait_card() {
	w=0
	while [ ! -e /dev/dri/card0 ] && [ $w -lt 400 ]; do sleep 0.05; w=$((w + 1)); done
	[ -e /dev/dri/card0 ]
}
check "two CPUs online" test "$(grep -c ^processor /proc/cpuinfo)" -ge 2
check "modprobe vpwrap miniport=/vpcirrus.sys" modprobe vpwrap miniport=/vpcirrus.sys
check "card0 appears" wait_card

( n=0; while [ ! -e /tmp/stop ]; do
	echo "fbcon $n: concurrency test line, the quick brown fox" >/dev/tty1 || break
	n=$((n + 1)); echo $n >/tmp/fbcon.n
done ) &
FB=$!
/reltest stress "$SECONDS_RUN" -m 800x600,640x480 -d stress-final >/tmp/stress.out 2>&1
rc=$?
touch /tmp/stop
wait $FB
sed 's/^/INFO /' /tmp/stress.out
check "stress program finished (rc $rc)" test $rc = 0
S() { grep "^STRESS $1 " /tmp/stress.out; }
v() { S "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# page flips: every flip that was accepted got its event
req=$(v flip requested); ev=$(v flip events); lost=$(v flip lost)
if [ "${req:-0}" -gt 0 ] && [ "$ev" = "$req" ] && [ "$lost" = 0 ]; then
	pass "every accepted page flip got its event ($ev of $req)"
else
	fail "every accepted page flip got its event" "$(S flip)"
fi
if [ "$(v flip vblank)" -gt 0 ] && [ "$(v flip vblank_err)" = 0 ]; then
	pass "vblank waits succeed ($(v flip vblank); $(v flip vblank_off) EINVAL while another worker had the CRTC off)"
else
	fail "vblank waits succeed" "$(S flip)"
fi
for w in modeset0 modeset1 cursor; do
	if [ "$(v $w ok)" -gt 0 ] 2>/dev/null && [ "$(v $w bad)" = 0 ]; then
		pass "$w: $(v $w ok) commits, no errors but EBUSY ($(v $w busy))"
	else
		fail "$w: commits without errors" "$(S $w)"
	fi
done
for w in dumb4 dumb5; do
	if [ "$(v $w ok)" -gt 0 ] 2>/dev/null && [ "$(v $w bad)" = 0 ] && [ "$(v $w corrupt)" = 0 ]; then
		pass "$w: $(v $w ok) dumb buffers created, mapped, written, destroyed"
	else
		fail "$w: dumb buffers" "$(S $w)"
	fi
done
check "no worker died" sh -c '! grep -q "died" /tmp/stress.out'
check "fbcon written during the run ($(cat /tmp/fbcon.n 2>/dev/null) lines)" test "$(cat /tmp/fbcon.n 2>/dev/null || echo 0)" -gt 0
# consistent final state
if grep -q '^STRESS final modeset=0$' /tmp/stress.out &&
   grep -q '^STRESS final crtc=0 valid=1 mode=800x600 fb=final$' /tmp/stress.out; then
	pass "final state: 800x600 with the final buffer"
else
	fail "final state: 800x600 with the final buffer" "$(grep '^STRESS final' /tmp/stress.out | tr '\n' '|')"
fi
check "rmmod vpwrap" rmmod vpwrap
kclean "no oops or warning in the guest log"
