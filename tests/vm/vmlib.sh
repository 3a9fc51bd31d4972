# Helpers for guest scripts (sourced by init before /test.sh).

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; }

# check NAME CMD...: PASS if CMD succeeds, else FAIL with its last output line.
check() {
	_name=$1
	shift
	if _out=$("$@" 2>&1); then
		pass "$_name"
	else
		fail "$_name" "$(echo "$_out" | tail -n 1)"
	fi
}

# screendump NAME: the host saves QEMU's screen dump as NAME.ppm; returns once
# it is written.
screendump() {
	echo "@@SCREENDUMP $1"
	read -r _ack </dev/ttyS1
	[ "$_ack" = ok ]
}

# suspend_resume: suspend to RAM (S3; QEMU needs -global
# PIIX4_PM.disable_s3=0); the host wakes the guest once QEMU reports it
# suspended.  Returns when the guest runs again, non-zero if it never slept.
suspend_resume() {
	echo "@@WAKEUP"
	read -r _ack </dev/ttyS1
	[ "$_ack" = ok ] || return 1
	grep -q deep /sys/power/mem_sleep && echo deep >/sys/power/mem_sleep
	echo mem >/sys/power/state
}

# halt_screendump NAME: halt the guest (the kernel shuts every device down,
# as before a reboot or kexec); the host saves the screen as NAME.ppm once the
# kernel has halted.  Last command of a guest script: it does not return.
halt_screendump() {
	echo "@@HALT $1"
	read -r _ack </dev/ttyS1
	sync
	halt -f
}

# klog_uncontained: dmesg without the page-fault reports vpwrap contained
# (the kernel prints them before vpwrap can act, docs/trust-model.md): from
# the report's "BUG:" line through vpwrap's "is contained" line and the
# kernel's "CR2"/end marker right after it.  Same rule as vmrun.py.
klog_uncontained() {
	dmesg | awk '
		/BUG: unable to handle page fault|BUG: kernel NULL pointer dereference/ {
			for (i = 0; i < n; i++) print held[i]
			n = 0; hold = 1 }
		hold { held[n++] = $0
			if ($0 ~ /vpwrap: [^ ]+: the oops above is the driver.s and is contained/) {
				hold = 0; n = 0; skip = 4 }
			next }
		skip { skip--
			if ($0 ~ /---\[ end trace/) { skip = 0; next }
			if ($0 ~ /CR2: /) next }
		{ print }
		END { for (i = 0; i < n; i++) print held[i] }'
}

# kclean NAME: the kernel log so far holds no oops, BUG, WARNING or trace
# (but for contained miniport page faults, klog_uncontained).
kclean() {
	_bad=$(klog_uncontained | grep -E 'Oops|BUG[: ]|WARNING:|general protection|Call Trace' | head -n 1)
	if [ -z "$_bad" ]; then pass "$1"; else fail "$1" "$_bad"; fi
}

# logs NAME REGEX: $klog (the log a suite kept of its last step) matches;
# nologs NAME REGEX: it does not.
logs() {
	if echo "$klog" | grep -Eq -- "$2"; then pass "$1"; else
		fail "$1" "no '$2' in: $(echo "$klog" | grep vpwrap | tail -n 3 | tr '\n' '|')"; fi
}
nologs() {
	if echo "$klog" | grep -Eq -- "$2"; then fail "$1" "log has '$2'"; else pass "$1"; fi
}

# expect_log NAME PATTERN: the kernel log matches the extended regex PATTERN.
expect_log() {
	if dmesg | grep -Eq "$2"; then pass "$1"; else fail "$1" "no '$2' in dmesg"; fi
}
