# Guest (unbind while in use): a client draws in a loop
# (/reltest loop) while the PCI device is unbound from and bound to vpwrap's
# PCI driver CYCLES times through sysfs.  Files: /reltest, /vpbochs.sys,
# /cycles.
read CYCLES </cycles
wait_card() {
	w=0
	while [ ! -e /dev/dri/card0 ] && [ $w -lt 200 ]; do sleep 0.05; w=$((w + 1)); done
	[ -e /dev/dri/card0 ]
}
frames() { f=$(cat /tmp/progress 2>/dev/null); echo "${f:-0}"; }

check "modprobe vpwrap" modprobe vpwrap miniport=/vpbochs.sys
wait_card
dev=$(readlink -f /sys/class/drm/card0/device)
bdf=${dev##*/}
drv=$(basename "$(readlink -f "$dev/driver")")
echo "INFO device $bdf, PCI driver $drv"
check "card0's PCI driver is vpwrap's" test "$drv" = vpwrap
D=/sys/bus/pci/drivers/$drv

/reltest loop /tmp/stop /tmp/progress -m 640x480 >/tmp/loop.out 2>&1 &
CLIENT=$!
bad=
progressed=0
maxun=0
maxj=0
i=1
while [ $i -le "$CYCLES" ]; do
	f0=$(frames)
	# wait (bounded, 20 s: a loaded TCG host can be slow) until the client
	# has drawn a few frames on this binding
	j=0
	while f=$(frames); [ "$f" -le $((f0 + 3)) ] && [ $j -lt 400 ]; do sleep 0.05; j=$((j + 1)); done
	[ $j -gt "$maxj" ] && maxj=$j
	if [ "$f" -gt $((f0 + 3)) ]; then progressed=$((progressed + 1))
	else echo "INFO binding $i: no progress in $j polls (frames $f0 -> $f)"; tail -n3 /tmp/loop.out | sed 's/^/INFO client: /'; fi
	t0=$(cut -d' ' -f1 /proc/uptime)
	if ! timeout 20 sh -c "echo $bdf >$D/unbind"; then
		bad="cycle $i: unbind did not return within 20 s (rc $?)"; break
	fi
	t1=$(cut -d' ' -f1 /proc/uptime)
	ms=$(awk -v a=$t0 -v b=$t1 'BEGIN { printf "%d", (b - a) * 1000 }')
	[ "$ms" -gt "$maxun" ] && maxun=$ms
	if [ -e /dev/dri/card0 ]; then bad="cycle $i: card0 still there after unbind"; break; fi
	if [ -e "$dev/driver" ]; then bad="cycle $i: device still bound"; break; fi
	sleep 0.2
	if ! timeout 20 sh -c "echo $bdf >$D/bind"; then
		bad="cycle $i: bind failed or hung (rc $?)"; break
	fi
	if ! wait_card; then bad="cycle $i: no card0 after bind"; break; fi
	i=$((i + 1))
done
echo "INFO cycles $((i - 1)), longest unbind ${maxun} ms, longest wait for the client to draw $maxj polls"
if [ -z "$bad" ]; then pass "$CYCLES unbind/bind cycles while a client draws"
else fail "$CYCLES unbind/bind cycles while a client draws" "$bad"; fi
f0=$(frames); j=0
while f=$(frames); [ "$f" -le $((f0 + 3)) ] && [ $j -lt 400 ]; do sleep 0.05; j=$((j + 1)); done
if [ "$f" -gt $((f0 + 3)) ]; then progressed=$((progressed + 1))
else echo "INFO last binding: no progress in $j polls (frames $f0 -> $f)"; fi

# the client stops within a bounded time: it never hung in an ioctl
touch /tmp/stop
j=0
while kill -0 $CLIENT 2>/dev/null && [ $j -lt 200 ]; do sleep 0.1; j=$((j + 1)); done
if kill -0 $CLIENT 2>/dev/null; then
	fail "client exits within 20 s of being told" "still running: $(cat /proc/$CLIENT/wchan 2>/dev/null)"
	kill -9 $CLIENT
else
	pass "client exits within 20 s of being told"
fi
wait $CLIENT
sed 's/^/INFO client: /' /tmp/loop.out
L=$(grep '^LOOP' /tmp/loop.out)
val() { echo "$L" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
errs=$(val errors); maxms=$(val max_ioctl_ms); errnos=$(val errnos)
if [ "${errs:-0}" -ge "$CYCLES" ]; then pass "client saw an error on each unbind ($errs errors, errnos $errnos)"
else fail "client saw an error on each unbind" "errors=${errs:-none} for $CYCLES unbinds"; fi
if echo ",$errnos," | grep -q ',19,'; then pass "client errors include ENODEV"
else fail "client errors include ENODEV" "errnos $errnos"; fi
if [ -n "$maxms" ] && [ "$maxms" -lt 5000 ]; then pass "no client ioctl took 5 s or more (longest $maxms ms)"
else fail "no client ioctl took 5 s or more" "longest ${maxms:-?} ms"; fi
if [ "$progressed" -ge $((CYCLES + 1)) ]; then pass "client drew again after every bind ($progressed bindings)"
else fail "client drew again after every bind" "drew on $progressed of $((CYCLES + 1)) bindings"; fi

# the device works after the last bind
if /reltest draw c04080 -m 1024x768 -d unbind-final >/tmp/final.out 2>&1; then
	pass "draw after the last bind"
else
	fail "draw after the last bind" "$(tail -n1 /tmp/final.out)"
fi
check "rmmod after the client exits" rmmod vpwrap
kclean "no oops or warning in the guest log"
