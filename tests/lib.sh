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

# use_kernel KVER CHECK: fetch another kernel (scripts/kernel.sh names) and
# make it the one the rest of the suite builds for and boots (KCACHE, KREL,
# KDIR, VPWRAP_KO); if it cannot be fetched, fail CHECK and return 1.
use_kernel() {
	if ! KCACHE=$("$ROOT/scripts/kernel.sh" fetch "$1" 2>"$OUT/fetch.log"); then
		fail "$2" "$(tail -n1 "$OUT/fetch.log")"
		return 1
	fi
	KREL=$(basename "$KCACHE")
	KDIR=/lib/modules/$KREL/build
	VPWRAP_KO=$ROOT/.build/$KREL/vpwrap.ko
	export KCACHE KREL KDIR VPWRAP_KO
}

# switch_kernel KVER NAME: for a suite that repeats its boot on a second
# kernel.  Unless KVER is the suite's kernel already, use_kernel KVER and
# build vpwrap.ko for it (KDIR from the environment is the first kernel's, so
# it is named).  Returns 1 when there is nothing to boot, after failing
# "NAME: ..." if a fetch or build broke.
switch_kernel() {
	[ "$("$ROOT/scripts/kernel.sh" resolve "$1" 2>/dev/null)" = "$KREL" ] && return 1
	use_kernel "$1" "$2: kernel fetch" || return 1
	if ! make -s -C "$ROOT" module KDIR="$KDIR" >"$OUT/build-$KREL.log" 2>&1; then
		fail "$2: module build" "$(grep -m1 -i error "$OUT/build-$KREL.log")"
		return 1
	fi
}

# vmrun ARGS...: the VM harness (see docs/development.md).
vmrun() { python3 "$ROOT/tests/vm/vmrun.py" "$@"; }

# expect NAME WANT_RC GREP_PATTERN CMD...: exit code ("*": any) and an
# output line matching the extended regular expression.
expect() {
	local name=$1 want=$2 pat=$3 out rc
	shift 3
	out=$("$@" 2>&1)
	rc=$?
	echo "\$ $* (rc $rc)" >>"$OUT/commands.log"
	echo "$out" >>"$OUT/commands.log"
	if [ "$want" != "*" ] && [ "$rc" != "$want" ]; then
		fail "$name" "exit $rc, want $want: $(echo "$out" | tail -n 1)"
	elif ! grep -qE -- "$pat" <<<"$out"; then
		fail "$name" "no line matching '$pat' in: $(echo "$out" | tail -n 1)"
	else
		pass "$name"
	fi
}

# i386_suites VAR SUITE...: run these suites (by file name) on the 686-pae
# kernel with VAR=i686, the suites' switch to PE32 miniports and -m32 guest
# programs; each writes to its own directory under our OUT.
i386_suites() {
	local var=$1 s
	shift
	use_kernel 686-pae "i386: fetch the 686-pae kernel" || return 0
	# (suite 12 builds it at W=1 and judges the warnings; here it is only needed)
	if ! make -s -C "$ROOT" module KDIR="$KDIR" >"$OUT/build.log" 2>&1; then
		fail "i386: vpwrap.ko builds for $KREL" "$(grep -m1 error "$OUT/build.log")"
		return 0
	fi
	for s in "$@"; do
		mkdir -p "$OUT/$s"
		OUT=$OUT/$s env "$var=i686" bash "$ROOT/tests/suites/$s.sh"
	done
}
