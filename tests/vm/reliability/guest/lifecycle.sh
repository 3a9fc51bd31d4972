# Guest (lifecycle): CYCLES x (modprobe vpwrap miniport=/vpbochs.sys
# -> mode set and draw on card0 -> rmmod vpwrap) in one boot.  Memory is
# measured after WARM warm-up cycles and again after the measured cycles;
# PCI regions and IRQs are compared with the state before the first load.
# Files: /reltest, /vpbochs.sys, /cycles ("WARM CYCLES").
read WARM CYCLES </cycles

snap() {	# snap FILE: the numbers compared
	{
		awk '/^Slab:|^VmallocUsed:|^SUnreclaim:|^Percpu:/ { print $1, $2 }' /proc/meminfo
		# slab: total object bytes (active_objs * objsize) over all caches
		awk 'NR > 2 { t += $2 * $4 } END { print "slab_bytes:", t }' /proc/slabinfo
		awk '{ n++; t += $2 } END { print "vmalloc_areas:", n; print "vmalloc_bytes:", t }' /proc/vmallocinfo
		awk '/load_module|module_alloc|move_module/ { n++; t += $2 } END { print "module_areas:", n + 0; print "module_bytes:", t + 0 }' /proc/vmallocinfo
	} >"$1"
	awk 'NR > 2 { print $1, $2 * $4 }' /proc/slabinfo >"$1.slab"
}
res() {		# res FILE: the resource state, IRQ counts stripped
	cat /proc/iomem /proc/ioports >"$1"
	sed -E 's/^( *[0-9A-Za-z]+:)( +[0-9]+)+/\1/' /proc/interrupts >>"$1"
}
wait_card() {
	w=0
	while [ ! -e /dev/dri/card0 ] && [ $w -lt 400 ]; do sleep 0.05; w=$((w + 1)); done
	[ -e /dev/dri/card0 ]
}

ncycle=0
bad=
cycle() {	# cycle N
	ncycle=$((ncycle + 1))
	if ! modprobe vpwrap miniport=/vpbochs.sys 2>/tmp/mp.err; then
		bad="cycle $1: modprobe: $(tail -n1 /tmp/mp.err)"; return 1
	fi
	if ! wait_card; then bad="cycle $1: no card0"; rmmod vpwrap; return 1; fi
	col=$(printf '%02x%02x%02x' $(($1 * 37 % 256)) $(($1 * 91 % 256)) $(($1 * 53 % 256)))
	if ! /reltest draw "$col" -m 640x480 >/tmp/draw.out 2>&1; then
		bad="cycle $1: draw: $(tail -n1 /tmp/draw.out)"; rmmod vpwrap; return 1
	fi
	if ! rmmod vpwrap 2>/tmp/rm.err; then
		bad="cycle $1: rmmod: $(tail -n1 /tmp/rm.err)"; return 1
	fi
	[ ! -e /dev/dri/card0 ] || { bad="cycle $1: card0 left after rmmod"; return 1; }
}

# dependencies (drm, drm_kms_helper, ...) loaded once, outside the count
modprobe -a drm drm_kms_helper drm_shmem_helper 2>/dev/null
res /tmp/res0
t0=$(date +%s)
n=1
while [ $n -le "$WARM" ] && cycle $n; do n=$((n + 1)); done
echo 3 >/proc/sys/vm/drop_caches
sleep 1
snap /tmp/mem0
while [ -z "$bad" ] && [ $n -le $((WARM + CYCLES)) ] && cycle $n; do n=$((n + 1)); done
t1=$(date +%s)
echo 3 >/proc/sys/vm/drop_caches
sleep 2	# RCU-freed objects
snap /tmp/mem1
res /tmp/res1
echo "INFO cycles done: $ncycle in $((t1 - t0)) s"
if [ -z "$bad" ]; then
	pass "$ncycle load/modeset/draw/unload cycles"
else
	fail "$((WARM + CYCLES)) cycles" "$bad"
fi

# Deltas over the measured cycles, printed for the host to assert on.
paste -d' ' /tmp/mem0 /tmp/mem1 | awk '{ printf "DELTA %s %d %d %d\n", $1, $2, $4, $4 - $2 }'
# Caches that grew by at least one object's worth per cycle, largest first
awk 'NR == FNR { a[$1] = $2; next } { d = $2 - a[$1]; if (d > 0) print d, $1 }' \
	/tmp/mem0.slab /tmp/mem1.slab | sort -rn | head -n 5 | sed 's/^/INFO slab growth: /'

if diff /tmp/res0 /tmp/res1 >/tmp/res.diff; then
	pass "/proc/iomem, /proc/ioports, /proc/interrupts back to the start state"
else
	fail "/proc/iomem, /proc/ioports, /proc/interrupts back to the start state" \
		"$(grep '^[<>]' /tmp/res.diff | head -n 3 | tr '\n' '|')"
fi
# the device's own lines, textually
dev=$(grep -l 0x1111 /sys/bus/pci/devices/*/device | head -n1)
dev=$(basename "$(dirname "$dev")")
grep -F "$dev" /tmp/res0 | sed 's/^/INFO start: /'
if [ "$(grep -F "$dev" /tmp/res0)" = "$(grep -F "$dev" /tmp/res1)" ]; then
	pass "$dev resource lines unchanged"
else
	fail "$dev resource lines unchanged" "$(grep -F "$dev" /tmp/res1 | tr '\n' '|')"
fi
check "no vpwrap lines left in iomem/ioports/interrupts" \
	sh -c '! grep -q vpwrap /tmp/res1'

# Still works after all that: load, draw, pixel check on the host
modprobe vpwrap miniport=/vpbochs.sys && wait_card
# not under check: the screen dump talks on ttyS1 itself
if /reltest draw 3060c0 -m 640x480 -d lifecycle-final >/tmp/final.out 2>&1; then
	pass "final draw"
else
	fail "final draw" "$(tail -n1 /tmp/final.out)"
fi
rmmod vpwrap
kclean "no oops or warning after the cycles"
