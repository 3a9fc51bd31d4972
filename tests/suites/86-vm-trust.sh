#!/bin/bash
# Trust: miniport signatures checked as module signatures are, with and
# without lockdown (raised at run time: lockdown=integrity on the command
# line would refuse the unsigned test build of vpwrap.ko itself).  The
# positive path uses a key the test makes and puts in vpwrap's test keyring,
# which counts only while signatures are not required; a key the kernel
# trusts (built in, or MOK through shim) cannot be made in this harness.
# IBT: QEMU/TCG cannot enforce it; the guest checks the self-test says so,
# and runs the switching against a stand-in for the MSR (ibt_emulate=1),
# also through KeBugCheckEx's and fault containment's ways out of a driver.
# One boot on the suite's kernel and, when that is 6.1, one on 6.12.
# REL_SUITE_ARCH=i686 (suite 15): the i386 kernel alone, the PE32 images,
# guest programs built with -m32, no IBT part (i386 has none).
. "$ROOT/tests/lib.sh"
T=$ROOT/tests/vm/trust
SIGN=$KDIR/scripts/sign-file
ARCH=${REL_SUITE_ARCH:-x86_64}
MP=$ROOT/miniports/out/$ARCH
m32=
name=trust
if [ "$ARCH" = i686 ]; then
	m32=-m32
	name="trust i386"
fi

if ! make -s -C "$ROOT/miniports" >"$OUT/build.log" 2>&1; then
	fail "trust: miniports build" "$(tail -n1 "$OUT/build.log")"
	exit 0
fi
if ! make -s -C "$ROOT/tests/vm/miniports7" >>"$OUT/build.log" 2>&1; then
	fail "trust: test miniports (tests/vm/miniports7) build" "$(grep -m1 -i error "$OUT/build.log")"
	exit 0
fi
if ! gcc $m32 -O2 -Wall -static -o "$OUT/keyadd" "$T/keyadd.c" 2>>"$OUT/build.log" ||
   ! gcc $m32 -O2 -Wall -static -o "$OUT/xmm_ioctl" "$ROOT/tests/vm/guest/xmm_ioctl.c" 2>>"$OUT/build.log"; then
	fail "trust: keyadd, xmm_ioctl build" "$(tail -n1 "$OUT/build.log")"
	exit 0
fi
if [ ! -x "$SIGN" ]; then
	fail "trust: scripts/sign-file present" "no $SIGN"
	exit 0
fi
mkdir -p "$OUT/img"
genkey() {	# NAME: $OUT/NAME.pem (key + cert) and $OUT/NAME.der (cert)
	openssl req -new -nodes -utf8 -sha256 -days 3650 -batch -x509 \
		-subj "/CN=vpwrap trust test $1/" -newkey rsa:2048 \
		-keyout "$OUT/$1.pem" -out "$OUT/$1.crt" >>"$OUT/build.log" 2>&1 &&
	openssl x509 -in "$OUT/$1.crt" -outform DER -out "$OUT/$1.der"
}
sign() {	# KEY IN OUT
	cp "$2" "$3" && "$SIGN" sha256 "$OUT/$1.pem" "$OUT/$1.der" "$3"
}
if ! genkey test || ! genkey stranger ||
   ! cp "$MP/vpbochs.sys" "$OUT/img/unsigned.sys" ||
   ! sign test "$MP/vpbochs.sys" "$OUT/direct.sys" ||
   ! sign stranger "$MP/vpbochs.sys" "$OUT/img/stranger.sys"; then
	fail "trust: keys and signed images" "$(tail -n1 "$OUT/build.log")"
	exit 0
fi

# vpwrap sign: an installed driver, already signed by another key, is
# re-signed (the old signature replaced, not stacked): byte for byte what
# sign-file makes of the unsigned image.
if ! make -s -C "$ROOT/tools" >>"$OUT/build.log" 2>&1; then
	fail "trust: vpwrap tool build" "$(tail -n1 "$OUT/build.log")"
	exit 0
fi
R=$OUT/root
mkdir -p "$R/lib/firmware/vpwrap"
cp "$OUT/img/stranger.sys" "$R/lib/firmware/vpwrap/vpbochs.sys"
out=$(VPWRAP_SIGN_FILE=$SIGN "$ROOT/tools/out/vpwrap" sign vpbochs --root "$R" \
	--key "$OUT/test.pem" --cert "$OUT/test.der" 2>&1)
echo "vpwrap sign: $out"
if echo "$out" | grep -q 'old signature replaced' &&
   cmp -s "$R/lib/firmware/vpwrap/vpbochs.sys" "$OUT/direct.sys"; then
	pass "trust: vpwrap sign replaces an installed driver's signature ($(stat -c %s "$OUT/direct.sys") bytes, $(stat -c %s "$OUT/img/unsigned.sys") unsigned)"
else
	fail "trust: vpwrap sign replaces an installed driver's signature" "$out"
fi
out=$(VPWRAP_SIGN_FILE=$SIGN "$ROOT/tools/out/vpwrap" sign vpbochs --root "$R" \
	--key "$OUT/missing.pem" --cert "$OUT/test.der" 2>&1)
if [ $? != 0 ] && echo "$out" | grep -q 'cannot read the key' &&
   cmp -s "$R/lib/firmware/vpwrap/vpbochs.sys" "$OUT/direct.sys"; then
	pass "trust: vpwrap sign without the key fails and leaves the file alone"
else
	fail "trust: vpwrap sign without the key fails and leaves the file alone" "$out"
fi
cp "$OUT/direct.sys" "$OUT/img/signed.sys"
if ! python3 "$T/sigvariants.py" "$OUT/img/signed.sys" "$OUT/img" >>"$OUT/build.log" 2>&1; then
	fail "trust: damaged signature variants" "$(tail -n1 "$OUT/build.log")"
	exit 0
fi
args=()
for f in "$OUT"/img/*.sys; do args+=(--add "$f:/img/${f##*/}"); done
# run_kernel NAME KREL KCACHE KO: one boot of the guest on that kernel
run_kernel() {
	modinfo -F depends "$4" | tr ',' '\n' >"$OUT/deps-$2"
	KREL=$2 KCACHE=$3 VPWRAP_KO=$4 \
		vmrun --out "$OUT/vm-$2" --name "$1" --profile std --timeout 600 \
		--add "$OUT/keyadd" --add "$OUT/test.der:/cert.der" --add "$OUT/deps-$2:/deps" \
		--add "$ROOT/tests/vm/miniports7/out:/mb" --add "$OUT/xmm_ioctl" \
		"${args[@]}" "$T/guest.sh"
}
run_kernel "$name" "$KREL" "$KCACHE" "$VPWRAP_KO"

# The 6.12 LTS kernel too (its own kernel IBT build, its own signature and
# lockdown code), unless it is already the suite's kernel (or the suite
# runs on i386).
[ "$ARCH" = x86_64 ] || exit 0
switch_kernel 6.12 "trust 6.12" || exit 0
run_kernel "trust 6.12" "$KREL" "$KCACHE" "$VPWRAP_KO"
exit 0
