#!/bin/bash
# The i386 build: vpwrap.ko for Debian 12's 32-bit 686-pae kernel (built on
# this x86_64 host from the cached i386 headers, scripts/kernel.sh; W=1 and
# sparse say nothing), every
# export's x86 calling convention checked against mingw-w64's decorated
# import libraries, the check shown to catch mis-declared exports, the
# module loaded and unloaded in that kernel under QEMU, and the bundled
# miniports' i686 builds driving std VGA and Cirrus there (load, mode list),
# miniport code's own FS (a Windows processor control region per CPU) and
# structured exception handling seen by MSVC-shaped images, the verifier
# suite (64) with PE32 miniports,
# and `vpwrap inspect` judging PE32 images by the i386 module's export list.
. "$ROOT/tests/lib.sh"
use_kernel 686-pae "i386: fetch the 686-pae kernel" || exit 0
rm -f "$VPWRAP_KO"
# W=1 and sparse (C=2: every file, built or not), as 00-static on x86_64
if make -C "$ROOT" module KDIR="$KDIR" KBUILD_ARGS="W=1 C=2" >"$OUT/build.log" 2>&1; then
	pass "i386: vpwrap.ko builds for $KREL"
	# diagnostics that name one of our files, as 00-static counts them
	build=$(dirname "$VPWRAP_KO")
	if grep -E "^$build/[^:]+:[0-9]+:([0-9]+:)? (warning|error)" "$OUT/build.log" |
	   grep -v '\.mod\.c:' >"$OUT/warnings.log"; then
		fail "i386: no warnings at W=1 or from sparse" "$(head -n1 "$OUT/warnings.log")"
	else
		pass "i386: no warnings at W=1 or from sparse"
	fi
	# sparse ran over every C file of the module (the i386-only ones too)
	objs=0
	for o in $(find "$build" -name '*.o' ! -name '*.mod.o' ! -name '.*' ! -name vpwrap.o ! -path '*/out/*'); do
		[ -e "${o%.o}.c" ] && objs=$((objs + 1))	# (not stale objects)
	done
	checked=$(grep -c '^  CHECK ' "$OUT/build.log")
	if [ "$objs" -gt 0 ] && [ "$checked" -ge "$objs" ] &&
	   grep -q '^  CHECK .*/videoport/kpcr\.c$' "$OUT/build.log"; then
		pass "i386: sparse checked all $objs C files, kpcr.c among them"
	else
		fail "i386: sparse checked all C files" "$checked of $objs"
	fi
else
	fail "i386: vpwrap.ko builds for $KREL" "$(grep -m1 error "$OUT/build.log")"
	exit 0
fi
check "i386: vpwrap.ko is ELF32 for i386" sh -c "readelf -h '$VPWRAP_KO' | grep -q 'Machine: *Intel 80386'"
# Kernel IBT exists on x86_64 only: none of its code is in the i386 module.
check "i386: no kernel-IBT code (x86_64 only)" sh -c "nm '$VPWRAP_KO' | grep -q ' vp_bridge_call_count\$' && ! nm '$VPWRAP_KO' | grep -q vp_ibt"

# Every export pops what Windows' x86 convention for it says.
python3 "$ROOT/tests/abi/conventions.py" "$VPWRAP_KO"

# The same check over rows with two deliberately wrong conventions.
fix=$OUT/misdeclared.o
if gcc -m32 -O2 -mregparm=3 -fno-pic -fno-asynchronous-unwind-tables -c \
	-o "$fix" "$ROOT/tests/abi/misdeclared.c" 2>"$OUT/fixture.log"; then
	python3 "$ROOT/tests/abi/conventions.py" "$fix" >"$OUT/misdeclared.log"
	rc=$?
	if [ $rc -eq 1 ] &&
	   grep -q '^FAIL: convention: ntoskrnl!_vsnprintf: .* pops \[16\], cdecl needs 0' "$OUT/misdeclared.log" &&
	   grep -q '^FAIL: convention: hal!KeStallExecutionProcessor: .* pops \[0\], stdcall needs 4' "$OUT/misdeclared.log" &&
	   [ "$(grep -c '^FAIL' "$OUT/misdeclared.log")" -eq 2 ]; then
		pass "i386: a mis-declared __cdecl and __stdcall export are caught (and only they)"
	else
		fail "i386: mis-declared exports are caught" "rc $rc: $(tr '\n' ' ' <"$OUT/misdeclared.log")"
	fi
else
	fail "i386: build the mis-declared fixture" "$(tail -n1 "$OUT/fixture.log")"
fi

vmrun --out "$OUT/vm" --name "module $KREL" --profile std --timeout 300 \
	"$ROOT/tests/vm/scenarios/module-load.sh"

# The bundled miniports, as PE32 images, through the __stdcall bridge.
MP=$ROOT/miniports
if make -s -C "$MP" >"$OUT/miniports.log" 2>&1; then
	"$MP/tests/vm-miniport-run.sh" bochs "$MP/out/i686/vpbochs.sys" 16 "$OUT/vm-bochs"
	"$MP/tests/vm-miniport-run.sh" cirrus "$MP/out/i686/vpcirrus.sys" 4 "$OUT/vm-cirrus"
	# call32.S measured every callback's popped bytes: all __stdcall
	for d in bochs cirrus; do
		if grep -q "popped" "$OUT/vm-$d/console.log"; then
			fail "i386: $d callbacks are __stdcall" "$(grep -m1 popped "$OUT/vm-$d/console.log")"
		else
			pass "i386: $d callbacks are __stdcall (no wrong pop reported)"
		fi
	done
else
	fail "i386: build the bundled miniports" "$(tail -n1 "$OUT/miniports.log")"
fi

# MSVC-shaped PE32 miniports (clang, lld-link) on two CPUs, one boot: the
# Windows view of FS (videoport/kpcr.h: the region's fields, a registered
# exception record across a sleep, timer interrupts and a nested call) and
# structured exception handling (videoport/seh_x86.c: __try/__except/
# __finally around ExRaiseStatus/RtlRaiseException, an unhandled one).
if make -s -C "$ROOT/tests/vm/miniports" msvc32 >"$OUT/msvc32.log" 2>&1; then
	M32=$ROOT/tests/vm/miniports/out/i686
	vmrun --out "$OUT/vm-msvc32" --name "i386 MSVC" --profile std --smp 2 --timeout 300 \
		--add "$M32/vpfs32.sys:/vpfs32.sys" --add "$M32/vpseh32.sys:/vpseh32.sys" \
		"$ROOT/tests/vm/scenarios/msvc32.sh"
else
	fail "i386: build the MSVC-shaped test miniports" "$(grep -m1 -i error "$OUT/msvc32.log")"
fi

# The verifier suite (64) with PE32 builds of its miniports: every rule
# reported once, the caller named inside the image through the export stubs.
mkdir -p "$OUT/verifier"
OUT=$OUT/verifier VERIFY_SUITE_ARCH=i686 bash "$ROOT/tests/suites/64-vm-verifier.sh"

# `make module` wrote the i386 module's export list; a tool built with it
# judges PE32 images by it: the x86-only imports are implemented there and
# missing from the x86_64 list (the same image judged by that one).
X86=$ROOT/videoport/out/exports-i386.txt
check "i386: make module wrote the i386 export list with the x86-only exports" \
	grep -q '^hal.dll KfAcquireSpinLock implemented$' "$X86"
TD=$ROOT/tools/testdata
for d in hal ntoskrnl videoprt; do
	i686-w64-mingw32-dlltool -d "$TD/x86_$d.def" -l "$OUT/lib$d.a" 2>>"$OUT/tools.log"
done
if i686-w64-mingw32-gcc -O2 -ffreestanding -nostdlib -Wl,--subsystem,native \
	-Wl,--entry,_DriverEntry -o "$OUT/x86.sys" "$TD/x86_imports.c" \
	"$OUT/libhal.a" "$OUT/libntoskrnl.a" "$OUT/libvideoprt.a" >>"$OUT/tools.log" 2>&1 &&
   make -s -C "$ROOT/tools" TOOLS_OUT="$OUT/tools" EXPORTS_I386_TXT="$X86" >>"$OUT/tools.log" 2>&1 &&
   make -s -C "$ROOT/tools" TOOLS_OUT="$OUT/tools64" EXPORTS_I386_TXT="$ROOT/videoport/out/exports.txt" \
	>>"$OUT/tools.log" 2>&1; then
	V=$OUT/tools/vpwrap
	for sys in vpbochs vpcirrus; do
		expect "i386: inspect: i686 $sys.sys can load on the i386 module" 0 " 0 missing: can load$" \
			"$V" inspect "$MP/out/i686/$sys.sys" --arch i686
	done
	expect "i386: inspect: KfAcquireSpinLock implemented for a PE32 image" 0 "^  KfAcquireSpinLock +implemented$" \
		"$V" inspect "$OUT/x86.sys" --arch i686
	expect "i386: inspect: _allmul implemented for a PE32 image" 0 "^  _allmul +implemented$" \
		"$V" inspect "$OUT/x86.sys" --arch i686
	expect "i386: inspect: the same image judged by the x86_64 list misses them" 1 \
		"^result +1 implemented, 0 unsupported, 2 missing: cannot load$" \
		"$OUT/tools64/vpwrap" inspect "$OUT/x86.sys" --arch i686
	# MSVC's /GS-era exception handler is refused by design, with why
	if i686-w64-mingw32-dlltool -d "$TD/x86_eh4.def" -l "$OUT/libeh4.a" 2>>"$OUT/tools.log" &&
	   i686-w64-mingw32-gcc -O2 -ffreestanding -nostdlib -Wl,--subsystem,native \
		-Wl,--entry,_DriverEntry -o "$OUT/eh4.sys" "$TD/x86_eh4.c" \
		"$OUT/libeh4.a" "$OUT/libvideoprt.a" >>"$OUT/tools.log" 2>&1; then
		expect "i386: inspect: _except_handler4 refused, naming the handler it lacks" 1 \
			"^  _except_handler4 +refused: MSVC's /GS-era exception handler .*only _except_handler3" \
			"$V" inspect "$OUT/eh4.sys" --arch i686
		expect "i386: inspect: an image importing _except_handler4 cannot load" 1 \
			"^result +1 implemented, 0 unsupported, 0 missing, 1 refused: cannot load$" \
			"$V" inspect "$OUT/eh4.sys" --arch i686
	else
		fail "i386: build the _except_handler4 fixture" "$(tail -n1 "$OUT/tools.log")"
	fi
else
	fail "i386: build the PE32 inspect fixture and tool" "$(tail -n1 "$OUT/tools.log")"
fi
exit 0
