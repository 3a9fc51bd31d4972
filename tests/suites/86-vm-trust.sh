#!/bin/bash
# Trust: miniport signatures checked as module signatures are, with and
# without lockdown (raised at run time: lockdown=integrity on the command
# line would refuse the unsigned test build of vpwrap.ko itself).  The
# positive path uses a key the test makes and puts in vpwrap's test keyring,
# which counts only while signatures are not required; a key the kernel
# trusts (built in, or MOK through shim) cannot be made in this harness.
. "$ROOT/tests/lib.sh"
T=$ROOT/tests/vm/trust
SIGN=$KDIR/scripts/sign-file
MP=$ROOT/miniports/out/x86_64

if ! make -s -C "$ROOT/miniports" >"$OUT/build.log" 2>&1; then
	fail "trust: miniports build" "$(tail -n1 "$OUT/build.log")"
	exit 0
fi
if ! gcc -O2 -Wall -static -o "$OUT/keyadd" "$T/keyadd.c" 2>>"$OUT/build.log"; then
	fail "trust: keyadd build" "$(tail -n1 "$OUT/build.log")"
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
   ! sign test "$MP/vpbochs.sys" "$OUT/img/signed.sys" ||
   ! sign stranger "$MP/vpbochs.sys" "$OUT/img/stranger.sys" ||
   ! python3 "$T/sigvariants.py" "$OUT/img/signed.sys" "$OUT/img" >>"$OUT/build.log" 2>&1; then
	fail "trust: keys and signed images" "$(tail -n1 "$OUT/build.log")"
	exit 0
fi
pass "trust: sign-file signs a miniport ($(stat -c %s "$OUT/img/signed.sys") bytes, $(stat -c %s "$OUT/img/unsigned.sys") unsigned)"
modinfo -F depends "$VPWRAP_KO" | tr ',' '\n' >"$OUT/deps"
args=()
for f in "$OUT"/img/*.sys; do args+=(--add "$f:/img/${f##*/}"); done
vmrun --out "$OUT/vm" --name trust --profile std --timeout 600 \
	--add "$OUT/keyadd" --add "$OUT/test.der:/cert.der" --add "$OUT/deps:/deps" \
	"${args[@]}" "$T/guest.sh"
exit 0
