#!/bin/bash
# The FPU/SSE bracket (design.md §4): a user program's xmm0-15 survive
# 100,000 calls into a miniport that overwrites all sixteen XMM registers
# (the conformance miniport's SSE IOCTL, sent through videoport's debugfs
# file), on two CPUs with a second program doing the same on the other CPU.
# The same program with --sabotage (it clears xmm3 itself after the
# syscall) must report corruption: proof that the check can fail.
. "$ROOT/tests/lib.sh"

if ! make -s -C "$ROOT/tests/vm/miniports" >"$OUT/miniports.log" 2>&1; then
	fail "conformance miniport build" "$(grep -m1 -i error "$OUT/miniports.log")"
	exit 0
fi
for p in xmm_check xmm_ioctl; do
	if ! gcc -O2 -Wall -static -o "$OUT/$p" "$ROOT/tests/vm/guest/$p.c" 2>"$OUT/$p.log"; then
		fail "$p build" "$(head -n 1 "$OUT/$p.log")"
		exit 0
	fi
done

cat >"$OUT/guest.sh" <<'GUEST'
D=/sys/kernel/debug/vpwrap-videoport
SSE=0x23200c
mount -t debugfs none /sys/kernel/debug 2>/dev/null
modprobe vpwrap miniport=/vpconform.sys pci_ids=1234:1111
P=$(ls -d $D/0000:* 2>/dev/null | head -n 1)
check "adapter bound" test -n "$P"

if /xmm_check "$P/ioctl" $SSE 20 --sabotage >/tmp/sab; then
	fail "xmm check detects corruption" "sabotaged run passed: $(cat /tmp/sab)"
else
	check "xmm check detects corruption" grep -q 'xmm corrupted: xmm3' /tmp/sab
fi

taskset -c 1 /xmm_check "$P/ioctl" $SSE 100000 >/tmp/x1 &
bg=$!
taskset -c 0 /xmm_check "$P/ioctl" $SSE 100000 >/tmp/x0
rc0=$?
wait $bg
rc1=$?
if [ $rc0 = 0 ]; then pass "xmm registers survive 100000 SSE miniport calls (cpu 0)"
else fail "xmm registers survive 100000 SSE miniport calls (cpu 0)" "$(cat /tmp/x0)"; fi
if [ $rc1 = 0 ]; then pass "xmm registers survive 100000 SSE miniport calls (cpu 1)"
else fail "xmm registers survive 100000 SSE miniport calls (cpu 1)" "$(cat /tmp/x1)"; fi
# the miniport's own callee-saved xmm6-15 across an export that sleeps,
# with a user task on the same CPU keeping other values in them
taskset -c 0 /xmm_check --spin 20 &
spinner=$!
sleep 1
taskset -c 0 /xmm_ioctl "$P/ioctl" 0x232014 300 4 >/tmp/ss
kill $spinner 2>/dev/null
wait $spinner 2>/dev/null
if grep -q 'ret=0 len=4 0$' /tmp/ss; then
	pass "miniport xmm6-15 survive a sleeping export (300 sleeps)"
else
	fail "miniport xmm6-15 survive a sleeping export (300 sleeps)" "$(cat /tmp/ss)"
fi
expect_log "conformance reports the sleeping-export check" \
	"CONFORMANCE PASS sse_callee_saved_across_sleeping_export"
rmmod vpwrap
kclean "kernel log clean after rmmod"
GUEST

vmrun --out "$OUT/vm" --name "xmm" --profile std --smp 2 --timeout 600 \
	--add "$ROOT/tests/vm/miniports/out/vpconform.sys" --add "$OUT/xmm_check" \
	--add "$OUT/xmm_ioctl" \
	"$OUT/guest.sh"
exit 0
