# Guest half of tests/suites/80-vm-hostile.sh: every hostile image under
# /hostile is refused by insmod with a reason in the log, nothing oopses or
# warns, and afterwards the good miniport still loads and drives the device.
# /hostile_count: how many images the host made.
want=$(cat /hostile_count)
total=0 refused=0 reasoned=0 bad=
for f in /hostile/*.sys; do
	total=$((total + 1))
	name=${f##*/}
	dmesg -c >/dev/null
	if insmod /vpwrap.ko miniport="$f" 2>/dev/null; then
		rmmod vpwrap
		bad="$bad $name(loaded)"
		continue
	fi
	refused=$((refused + 1))
	if grep -q '^vpwrap ' /proc/modules; then
		bad="$bad $name(left-loaded)"
		rmmod vpwrap
	fi
	# The reason names the image: "vpwrap: <name>: <why>".
	if dmesg | grep -q "$name: "; then
		reasoned=$((reasoned + 1))
	else
		bad="$bad $name(no-reason)"
	fi
	# a contained page fault in the image's code prints the kernel's report first
	if klog_uncontained | grep -Eq 'Oops|BUG[: ]|WARNING:|general protection|Call Trace'; then
		bad="$bad $name(oops)"
		break
	fi
done
echo "hostile: $total images, $refused refused, $reasoned with a reason"
if [ "$total" -ge "$want" ] && [ "$refused" = "$total" ]; then
	pass "all $total hostile images refused"
else
	fail "all hostile images refused" "$refused of $total:$(echo $bad | cut -c1-300)"
fi
if [ "$reasoned" = "$total" ]; then
	pass "every refusal names the image and a reason"
else
	fail "every refusal names the image and a reason" "$reasoned of $total:$(echo $bad | cut -c1-300)"
fi
kclean "no oops or warning after $total hostile images"

# The good miniport still loads and drives its device.
dmesg -c >/dev/null
check "good miniport loads after the hostile run" modprobe vpwrap miniport=/vpbochs.sys
n=0
while [ ! -e /dev/dri/card0 ] && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done
check "good miniport drives the device (/dev/dri/card0)" test -e /dev/dri/card0
check "rmmod after the hostile run" rmmod vpwrap
kclean "kernel clean at the end"
