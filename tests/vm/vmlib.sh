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

# kclean NAME: the kernel log so far holds no oops, BUG, WARNING or trace.
kclean() {
	_bad=$(dmesg | grep -E 'Oops|BUG[: ]|WARNING:|general protection|Call Trace' | head -n 1)
	if [ -z "$_bad" ]; then pass "$1"; else fail "$1" "$_bad"; fi
}

# expect_log NAME PATTERN: the kernel log matches the extended regex PATTERN.
expect_log() {
	if dmesg | grep -Eq "$2"; then pass "$1"; else fail "$1" "no '$2' in dmesg"; fi
}
