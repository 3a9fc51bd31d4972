#!/bin/bash
# The vpwrap command on the host: install/list/remove into a temporary root
# from the bundled miniports' INFs, the INF corpus (driver disks in the
# shapes real ones come in, each installed into a temporary root and
# compared byte for byte: tests/unit/inf/install_corpus.sh), status from a
# fake sysfs, inspect on the bundled miniports, on a driver with missing
# imports and on one importing what the module refuses by design, make
# install.
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/unit/inf/install_corpus.sh"

TOOLS=$ROOT/tools
V=$TOOLS/out/vpwrap
MP=$ROOT/miniports/out
R=$OUT/root

if ! make -s -C "$TOOLS" >"$OUT/build.log" 2>&1 || ! make -s -C "$ROOT/miniports" >>"$OUT/build.log" 2>&1; then
	fail "tools: build vpwrap and miniports" "$(grep -m1 -E 'error|Error' "$OUT/build.log")"
	exit 0
fi
pass "tools: build vpwrap and miniports"

# has NAME FILE LINE: FILE holds exactly this line.
has() {
	if grep -qxF -- "$3" "$2" 2>/dev/null; then pass "$1"; else fail "$1" "no line '$3' in $2"; fi
}

# A driver package as a user unpacks it: the INF next to its arch folders.
package() {	# DIR CARD NAME
	mkdir -p "$1/x86_64" "$1/i686"
	cp "$ROOT/miniports/$2/$3.inf" "$1/"
	cp "$MP/x86_64/$3.sys" "$1/x86_64/"
	cp "$MP/i686/$3.sys" "$1/i686/"
}

# --- install / list / remove ---------------------------------------------
package "$OUT/bochs" bochs vpbochs
package "$OUT/cirrus" cirrus vpcirrus
FW=$R/lib/firmware/vpwrap
expect "install: vpbochs.inf for x86_64" 0 "^installed vpbochs: " \
	"$V" install "$OUT/bochs/vpbochs.inf" --arch x86_64 --root "$R"
check "install: vpbochs.sys is the x86_64 image" cmp "$FW/vpbochs.sys" "$MP/x86_64/vpbochs.sys"
has "install: settings name the image" "$FW/vpbochs.conf" "image vpbochs.sys"
has "install: settings hold the PCI ID" "$FW/vpbochs.conf" "pci 1234:1111"
has "install: settings hold AddReg dword" "$FW/vpbochs.conf" "reg dword DefaultSettings.XResolution 1024"
has "install: settings hold AddReg multi_sz" "$FW/vpbochs.conf" 'reg multi_sz InstalledDisplayDrivers "vga"'
has "install: modprobe alias for 1234:1111" "$R/etc/modprobe.d/vpwrap-vpbochs.conf" \
	"alias pci:v00001234d00001111sv*sd*bc*sc*i* vpwrap"
if grep -q '^options' "$R/etc/modprobe.d/vpwrap-vpbochs.conf"; then
	fail "install: no options line (drivers are picked by PCI ID)" "found one"
else
	pass "install: no options line (drivers are picked by PCI ID)"
fi
expect "install: vpcirrus.inf with VPWRAP_ROOT" 0 "^installed vpcirrus: " \
	env VPWRAP_ROOT="$R" "$V" install "$OUT/cirrus/vpcirrus.inf" --arch x86_64
has "install: modprobe alias for 1013:00b8" "$R/etc/modprobe.d/vpwrap-vpcirrus.conf" \
	"alias pci:v00001013d000000B8sv*sd*bc*sc*i* vpwrap"
expect "list: both drivers" 0 "^vpcirrus	vpcirrus.sys	1013:00b8$" "$V" list --root "$R"
expect "list: vpbochs" 0 "^vpbochs	vpbochs.sys	1234:1111$" "$V" list --root "$R"
expect "remove: vpbochs" 0 "^removed vpbochs$" "$V" remove vpbochs --root "$R"
if [ ! -e "$FW/vpbochs.sys" ] && [ ! -e "$FW/vpbochs.conf" ] && \
   [ ! -e "$R/etc/modprobe.d/vpwrap-vpbochs.conf" ] && [ -e "$FW/vpcirrus.conf" ]; then
	pass "remove: vpbochs files gone, vpcirrus kept"
else
	fail "remove: vpbochs files gone, vpcirrus kept" "$(ls "$FW" "$R/etc/modprobe.d" | tr '\n' ' ')"
fi
expect "remove: unknown driver fails" 1 "vpbochs is not installed" "$V" remove vpbochs --root "$R"
expect "remove: bad name fails" 1 "is not a driver name" "$V" remove ../etc --root "$R"

R2=$OUT/root-i686
expect "install: --arch i686 takes the i686 image" 0 "^installed vpbochs: " \
	"$V" install "$OUT/bochs/vpbochs.inf" --arch i686 --root "$R2"
check "install: i686 vpbochs.sys copied" cmp "$R2/lib/firmware/vpwrap/vpbochs.sys" "$MP/i686/vpbochs.sys"

# --- install failures write nothing ------------------------------------------
R3=$OUT/root-bad
mkdir -p "$OUT/wrongarch/i686"
cp "$ROOT/miniports/bochs/vpbochs.inf" "$OUT/wrongarch/"
cp "$MP/x86_64/vpbochs.sys" "$OUT/wrongarch/i686/"
expect "install: an x86_64 image in the i686 folder is refused" 1 "a AMD64 image, not i686" \
	"$V" install "$OUT/wrongarch/vpbochs.inf" --arch i686 --root "$R3"
mkdir -p "$OUT/nosys"
cp "$ROOT/miniports/bochs/vpbochs.inf" "$OUT/nosys/"
expect "install: a missing .sys is named" 1 "vpbochs.sys: not found \(looked for .*x86_64/vpbochs.sys\)" \
	"$V" install "$OUT/nosys/vpbochs.inf" --arch x86_64 --root "$R3"
mkdir -p "$OUT/badinf"
sed 's/^ServiceBinary .*/ServiceBinary = "%12%\\vpbochs.sys/' "$ROOT/miniports/bochs/vpbochs.inf" >"$OUT/badinf/vpbochs.inf"
line=$(grep -n '^ServiceBinary' "$OUT/badinf/vpbochs.inf" | cut -d: -f1)
expect "install: a malformed INF is reported with file and line" 1 \
	"badinf/vpbochs.inf:$line: unterminated quoted string" \
	"$V" install "$OUT/badinf/vpbochs.inf" --root "$R3"
if [ -z "$(find "$R3" -type f 2>/dev/null)" ]; then
	pass "install: failures wrote nothing"
else
	fail "install: failures wrote nothing" "$(find "$R3" -type f | head -n 3 | tr '\n' ' ')"
fi

# --- the INF corpus ------------------------------------------------------------
corpus_run "$V" "$MP" "$OUT/corpus"

# --- status from a fake sysfs ------------------------------------------------
S=$OUT/sysfs
mkdir -p "$S"
expect "status: module absent" 1 "^vpwrap module not loaded$" env VPWRAP_SYSFS="$S" "$V" status
D=$S/bus/pci/drivers/vpwrap/0000:00:02.0
mkdir -p "$S/module/vpwrap/parameters" "$D/vpwrap" "$D/drm/card0"
printf 'vpbochs\n' >"$S/module/vpwrap/parameters/miniport"
printf 'vpbochs\n' >"$D/vpwrap/miniport"
printf '1024x768 32bpp 60Hz\n' >"$D/vpwrap/mode"
printf 'reg dword LastMode 3\n' >"$D/vpwrap/registry"
expect "status: module loaded, miniport=" 0 "^vpwrap module loaded, miniport=vpbochs$" env VPWRAP_SYSFS="$S" "$V" status
expect "status: bound device and mode" 0 "^  mode +1024x768 32bpp 60Hz$" env VPWRAP_SYSFS="$S" "$V" status
expect "status: DRM node" 0 "^  drm +/dev/dri/card0$" env VPWRAP_SYSFS="$S" "$V" status
expect "status: registry written by the miniport" 0 "^    reg dword LastMode 3$" env VPWRAP_SYSFS="$S" "$V" status

# --- inspect -------------------------------------------------------------------
for sys in vpbochs vpcirrus; do
	n=$(x86_64-w64-mingw32-objdump -p "$MP/x86_64/$sys.sys" | grep -cE '^\s+[0-9a-f]+\s+[0-9]+\s+VideoPort')
	expect "inspect: $sys.sys x86_64 headers" "*" "^format +PE32\+, machine AMD64" "$V" inspect "$MP/x86_64/$sys.sys"
	expect "inspect: $sys.sys lists its $n imports" "*" "^imports +videoprt.sys \($n\)$" "$V" inspect "$MP/x86_64/$sys.sys"
	if [ -f "$ROOT/videoport/out/exports.txt" ]; then
		expect "inspect: $sys.sys x86_64 all implemented" 0 " 0 missing: can load$" \
			"$V" inspect "$MP/x86_64/$sys.sys"
	else
		expect "inspect: $sys.sys without an export list says so" 3 "export list not available" \
			"$V" inspect "$MP/x86_64/$sys.sys"
	fi
done
expect "inspect: an i686 image cannot load on x86_64" 1 "cannot load: i386 image, the module runs x86_64" \
	"$V" inspect "$MP/i686/vpbochs.sys" --arch x86_64
head -c 300 "$MP/x86_64/vpbochs.sys" >"$OUT/truncated.sys"
expect "inspect: a truncated image is malformed" 2 "refused by the loader" "$V" inspect "$OUT/truncated.sys"
expect "inspect: a missing file" 2 "cannot read" "$V" inspect "$OUT/nonexistent.sys"

# A driver with a missing import, judged by a build with a test export list
# (and by the real list once videoport publishes it).
x86_64-w64-mingw32-dlltool -d "$TOOLS/testdata/missing_imports.def" -l "$OUT/libvpm.a" &&
x86_64-w64-mingw32-gcc -O2 -ffreestanding -nostdlib -Wl,--subsystem,native \
	-Wl,--entry,DriverEntry -o "$OUT/missing.sys" "$TOOLS/testdata/missing_imports.c" "$OUT/libvpm.a" \
	>>"$OUT/build.log" 2>&1
if make -s -C "$TOOLS" TOOLS_OUT="$OUT/tools-test" EXPORTS_TXT=testdata/exports-test.txt >>"$OUT/build.log" 2>&1 &&
   [ -f "$OUT/missing.sys" ]; then
	VT=$OUT/tools-test/vpwrap
	expect "inspect: missing import listed" 1 "^  VideoPortDoesNotExist +missing$" "$VT" inspect "$OUT/missing.sys"
	expect "inspect: unsupported-by-design import marked" 1 "^  VideoPortDisableInterrupt +unsupported$" "$VT" inspect "$OUT/missing.sys"
	expect "inspect: implemented import marked" 1 "^  VideoPortInitialize +implemented$" "$VT" inspect "$OUT/missing.sys"
	expect "inspect: verdict counts" 1 "^result +1 implemented, 1 unsupported, 1 missing: cannot load$" "$VT" inspect "$OUT/missing.sys"
else
	fail "inspect: build the missing-imports fixture and test tool" "$(tail -n 1 "$OUT/build.log")"
fi
if [ -f "$ROOT/videoport/out/exports.txt" ]; then
	expect "inspect: missing import against the module's list" 1 "^  VideoPortDoesNotExist +missing$" "$V" inspect "$OUT/missing.sys"
fi

# A driver importing __C_specific_handler (structured exception handling,
# implemented on x64: videoport/seh64.c) can load.
x86_64-w64-mingw32-dlltool -d "$TOOLS/testdata/seh_import.def" -l "$OUT/libseh.a" &&
x86_64-w64-mingw32-gcc -O2 -ffreestanding -nostdlib -Wl,--subsystem,native \
	-Wl,--entry,DriverEntry -o "$OUT/seh.sys" "$TOOLS/testdata/seh_import.c" "$OUT/libvpm.a" \
	"$OUT/libseh.a" >>"$OUT/build.log" 2>&1
if [ -f "$OUT/seh.sys" ]; then
	if [ -f "$ROOT/videoport/out/exports.txt" ]; then
		expect "inspect: __C_specific_handler implemented" 0 \
			"^  __C_specific_handler +implemented$" "$V" inspect "$OUT/seh.sys"
		expect "inspect: an SEH driver can load" 0 \
			"^result +2 implemented, 0 unsupported, 0 missing: can load$" \
			"$V" inspect "$OUT/seh.sys"
	fi
else
	fail "inspect: build the __C_specific_handler fixture" "$(tail -n 1 "$OUT/build.log")"
fi

# --- make install --------------------------------------------------------------
if make -s -C "$TOOLS" install DESTDIR="$OUT/dest" PREFIX=/usr >>"$OUT/build.log" 2>&1 &&
   [ -x "$OUT/dest/usr/sbin/vpwrap" ] && grep -q '^\.TH VPWRAP 8' "$OUT/dest/usr/share/man/man8/vpwrap.8"; then
	pass "make install: tool and vpwrap(8) under DESTDIR"
else
	fail "make install: tool and vpwrap(8) under DESTDIR" "$(ls -R "$OUT/dest" 2>&1 | tr '\n' ' ')"
fi
exit 0
