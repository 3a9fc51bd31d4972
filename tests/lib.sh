# Helpers for host-side test suites (sourced).
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; }

# check NAME CMD...: PASS if CMD succeeds, else FAIL with its last output line.
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass "$name"
	else
		fail "$name" "$(echo "$out" | tail -n 1)"
	fi
}

# vmrun ARGS...: the VM harness (see docs/development.md).
vmrun() { python3 "$ROOT/tests/vm/vmrun.py" "$@"; }
