#!/bin/bash
# miniports: the bundled Windows miniports build for both
# architectures as native drivers that import only from videoprt.sys, with
# DriverEntry as entry point, no floating point, relocations, and INFs the
# vpwrap tool installs.  The imported names of each driver go to
# $OUT/imports-<arch>-<driver>.txt.
. "$ROOT/tests/lib.sh"

MP=$ROOT/miniports
if ! make -C "$MP" >"$OUT/build.log" 2>&1; then
	fail "miniports: make -C miniports" "$(grep -m1 -E 'error|Error' "$OUT/build.log")"
	exit 0
fi
pass "miniports: make -C miniports"

# Real videoprt.sys export names, from mingw's i686 import library (an
# independent list: catches a misspelt import such as VideoPortUnLockBuffer).
REAL_EXPORTS=$OUT/videoprt-exports.txt
nm /usr/i686-w64-mingw32/lib/libvideoprt.a 2>/dev/null |
	sed -n 's/^[0-9a-f]* T _\{1,2\}\([A-Za-z0-9_]*\)\(@[0-9]*\)\{0,1\}$/\1/p' |
	sort -u >"$REAL_EXPORTS"

# pe_field FILE FIELD: a value from the PE headers, via python (objdump's
# wording differs between binutils versions).
pe_field() {
	python3 - "$1" "$2" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read()
pe = struct.unpack_from("<I", data, 0x3C)[0]
assert data[pe:pe + 4] == b"PE\0\0", "no PE signature"
machine, nsect, _, _, _, optsize, chars = struct.unpack_from("<HHIIIHH", data, pe + 4)
opt = pe + 24
magic = struct.unpack_from("<H", data, opt)[0]
entry = struct.unpack_from("<I", data, opt + 16)[0]
# PE32 has BaseOfData before a 32-bit ImageBase; PE32+ a 64-bit one.
base = (struct.unpack_from("<Q", data, opt + 24)[0] if magic == 0x20B
        else struct.unpack_from("<I", data, opt + 28)[0])
subsys = struct.unpack_from("<H", data, opt + 68)[0]
ndirs_off = opt + (108 if magic == 0x20B else 92)
reloc_rva, reloc_size = struct.unpack_from("<II", data, ndirs_off + 4 + 5 * 8)
print({"machine": "0x%x" % machine, "magic": "0x%x" % magic,
       "entry": "0x%x" % (base + entry), "subsystem": subsys,
       "dll": int(bool(chars & 0x2000)), "relocs": reloc_size}[sys.argv[2]])
EOF
}

check_driver() {
	local arch=$1 drv=$2 want_machine want_magic objdump sys name dlls n bad
	case $arch in
	x86_64) want_machine=0x8664 want_magic=0x20b ;;
	i686) want_machine=0x14c want_magic=0x10b ;;
	esac
	objdump=$arch-w64-mingw32-objdump
	sys=$MP/out/$arch/$drv.sys
	name="miniports: $arch/$drv.sys"

	if [ ! -f "$sys" ]; then
		fail "$name: built" "missing $sys"
		return
	fi

	# Machine type and optional-header magic (PE32 vs PE32+).
	local machine magic
	machine=$(pe_field "$sys" machine)
	magic=$(pe_field "$sys" magic)
	if [ "$machine" = "$want_machine" ] && [ "$magic" = "$want_magic" ]; then
		pass "$name: machine $machine, magic $magic"
	else
		fail "$name: machine/magic" "machine $machine magic $magic, want $want_machine $want_magic"
	fi

	# A native-subsystem image, not a DLL.
	local subsys dll
	subsys=$(pe_field "$sys" subsystem)
	dll=$(pe_field "$sys" dll)
	if [ "$subsys" = 1 ] && [ "$dll" = 0 ]; then
		pass "$name: native subsystem, no DLL flag"
	else
		fail "$name: native subsystem" "subsystem $subsys, DLL flag $dll"
	fi

	# Imports: one DLL, videoprt.sys, and names it really exports.
	dlls=$($objdump -p "$sys" | sed -n 's/^[[:space:]]*DLL Name: //p' | sort -u)
	$objdump -p "$sys" | sed -n '/DLL Name:/,/^$/p' |
		awk 'NF == 3 && $1 ~ /^[0-9a-f]+$/ {print $3}' |
		sort >"$OUT/imports-$arch-$drv.txt"
	n=$(wc -l <"$OUT/imports-$arch-$drv.txt")
	if [ "$(echo "$dlls" | tr 'A-Z' 'a-z')" = "videoprt.sys" ] && [ "$n" -gt 0 ]; then
		pass "$name: imports only videoprt.sys ($n names)"
	else
		fail "$name: imports only videoprt.sys" "DLLs: $(echo $dlls), $n names"
	fi
	if [ -s "$REAL_EXPORTS" ]; then
		bad=$(comm -23 "$OUT/imports-$arch-$drv.txt" "$REAL_EXPORTS" | tr '\n' ' ')
		if [ -z "$bad" ]; then
			pass "$name: every import is a real videoprt.sys export"
		else
			fail "$name: every import is a real videoprt.sys export" "unknown: $bad"
		fi
	fi

	# The entry point is DriverEntry (i686: stdcall-decorated).
	local entry label
	entry=$(pe_field "$sys" entry)
	label=$($objdump -d --start-address="$entry" --stop-address=$((entry + 1)) "$sys" |
		sed -n 's/^[0-9a-f]* <\(.*\)>:$/\1/p' | head -n 1)
	case $label in
	DriverEntry | _DriverEntry@8) pass "$name: entry point is $label" ;;
	*) fail "$name: entry point is DriverEntry" "entry $entry is <$label>" ;;
	esac

	# Loadable anywhere: a base relocation directory.
	local relocs
	relocs=$(pe_field "$sys" relocs)
	if [ "$relocs" -gt 0 ]; then
		pass "$name: has base relocations ($relocs bytes)"
	else
		fail "$name: has base relocations" "no .reloc directory"
	fi

	# A CheckSum that matches the file: Windows verifies it, and so does
	# the loader (a non-zero mismatch is refused).
	local why
	if why=$("$ROOT/scripts/pe_checksum.py" check "$sys"); then
		pass "$name: CheckSum set and correct"
	else
		fail "$name: CheckSum set and correct" "$why"
	fi

	# No FP/SSE/x87 instructions: the host need not save vector state.
	n=$($objdump -d "$sys" | grep -cE '%[xyz]mm[0-9]|%st\b|%st\(|\bf(ld|st|add|mul|div|sub)')
	if [ "$n" -eq 0 ]; then
		pass "$name: no floating-point or SSE instructions"
	else
		fail "$name: no floating-point or SSE instructions" "$n found"
	fi
}

for arch in x86_64 i686; do
	for drv in vpbochs vpcirrus; do
		check_driver "$arch" "$drv"
	done
done

# expected-modes.py mirrors common/resolutions.c: same table, same order.
c_table=$(sed -n 's/^[[:space:]]*{ *\([0-9]\+\), *\([0-9]\+\),.*/\1x\2/p' \
	"$MP/common/resolutions.c" | tr '\n' ' ')
py_table=$(python3 -c "
import importlib.util as u
s = u.spec_from_file_location('em', '$MP/expected-modes.py'); m = u.module_from_spec(s); s.loader.exec_module(m)
print(' '.join('%dx%d' % r for r in m.RESOLUTIONS), end=' ')")
if [ -n "$c_table" ] && [ "$c_table" = "$py_table" ]; then
	pass "miniports: expected-modes.py has the drivers' resolution table"
else
	fail "miniports: expected-modes.py has the drivers' resolution table" \
		"C: $c_table / py: $py_table"
fi

# ... and the drivers' depth lists.
for pair in "bochs:BochsDepths:bochs/bochs_main.c" "cirrus:CirrusDepths:cirrus/cirrus_main.c"; do
	IFS=: read -r dev var file <<<"$pair"
	c_depths=$(sed -n "s/.*$var\[\] = { *\(.*\) *};.*/\1/p" "$MP/$file" | tr -d ' ')
	py_depths=$(python3 -c "
import importlib.util as u
s = u.spec_from_file_location('em', '$MP/expected-modes.py'); m = u.module_from_spec(s); s.loader.exec_module(m)
print(','.join(map(str, m.DEVICES['$dev']['depths'])))")
	if [ -n "$c_depths" ] && [ "$c_depths" = "$py_depths" ]; then
		pass "miniports: expected-modes.py has the $dev depths ($c_depths)"
	else
		fail "miniports: expected-modes.py has the $dev depths" "C: $c_depths / py: $py_depths"
	fi
done

# What the VRAM size does to the lists (values worked out by hand).
em() { python3 "$MP/expected-modes.py" "$@" --line; }
check_modes() {	# NAME DEVICE VRAM COUNT MUST_HAVE MUST_NOT_HAVE
	local out n
	out=" $(em "$2" "$3") "
	n=$(echo $out | wc -w)
	if [ "$n" = "$4" ] && [[ $out == *" $5 "* ]] && [[ $out != *" $6 "* ]]; then
		pass "miniports: expected modes, $1 ($n)"
	else
		fail "miniports: expected modes, $1" "$n modes, want $4 with $5 without $6"
	fi
}
check_modes "bochs 16 MiB" bochs 16M 52 1920x1080x32 1920x1080x64
check_modes "bochs 4 MiB" bochs 4M 41 1920x1080x16 1920x1080x24
check_modes "bochs 2 MiB" bochs 2M 23 1920x1080x8 1280x1024x16
check_modes "cirrus 4 MiB" cirrus 4M 28 1280x1024x24 1600x1200x8

# The INFs install with the project's own INF reader.
VPWRAP=$ROOT/tools/out/vpwrap
make -s -C "$ROOT/tools" >"$OUT/build-tools.log" 2>&1 || fail "miniports: tools build for the INF checks" "see build-tools.log"
if [ -x "$VPWRAP" ]; then
	for pair in vpbochs:1234:1111 vpcirrus:1013:00b8; do
		IFS=: read -r drv ven dev <<<"$pair"
		for arch in x86_64 i686; do
			root=$OUT/root-$drv-$arch
			if "$VPWRAP" install "$MP/out/$drv.inf" --arch "$arch" --root "$root" \
				>"$OUT/install-$drv-$arch.log" 2>&1 &&
				grep -qx "pci $ven:$dev" "$root/lib/firmware/vpwrap/$drv.conf" &&
				cmp -s "$MP/out/$arch/$drv.sys" "$root/lib/firmware/vpwrap/$drv.sys" &&
				! grep -q warning "$OUT/install-$drv-$arch.log"; then
				pass "miniports: $drv.inf installs the $arch driver for $ven:$dev"
			else
				fail "miniports: $drv.inf installs the $arch driver" \
					"$(tail -n 1 "$OUT/install-$drv-$arch.log")"
			fi
		done
	done
else
	echo "tools/out/vpwrap not built: INF install checks skipped"
fi

# In the VM: vpwrap loads each x86_64 driver on its device and the mode list
# matches expected-modes.py for the emulated VRAM (mode set, palette, pointer
# and power are checked on screen through DRM by suites 70 and 71).
if [ -n "${VPWRAP_KO:-}" ] && [ -f "$VPWRAP_KO" ]; then
	"$MP/tests/vm-miniport-run.sh" bochs "$MP/out/x86_64/vpbochs.sys" 16 "$OUT/vm-bochs-16"
	"$MP/tests/vm-miniport-run.sh" bochs "$MP/out/x86_64/vpbochs.sys" 4 "$OUT/vm-bochs-4"
	"$MP/tests/vm-miniport-run.sh" cirrus "$MP/out/x86_64/vpcirrus.sys" 4 "$OUT/vm-cirrus"
else
	echo "no vpwrap.ko: VM checks skipped"
fi
