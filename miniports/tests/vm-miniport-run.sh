#!/bin/bash
# vm-miniport-run.sh DEVICE SYS VRAM_MB OUT: boot QEMU with DEVICE (bochs or
# cirrus) and VRAM_MB of video memory, load vpwrap with the miniport SYS,
# run vm-miniport.sh in the guest (mode list against expected-modes.py, mode
# set, palette, pointer, power), then check the screen dumps here.  Prints
# PASS:/FAIL: lines.  Needs KREL, KCACHE, VPWRAP_KO (tests/check.sh sets
# them) and a vpwrap.ko whose videoport exports what the driver imports.
set -u
dev=$1 sys=$2 vram_mb=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$out"

case $dev in
bochs) profile=std qemu=(--qemu-arg=-global --qemu-arg="VGA.vgamem_mb=$vram_mb") ;;
cirrus) profile=cirrus qemu=() ;;	# the CL-GD5446 has 4 MiB, whatever vgamem_mb
*) echo "FAIL: vm-miniport: unknown device $dev"; exit 0 ;;
esac

# What MAP_VIDEO_MEMORY maps: all of VRAM (bochs), VRAM less the 16 KiB
# of cursor patterns (cirrus, always 4 MiB).
case $dev in
bochs) map=$((vram_mb << 20)) ;;
cirrus) map=$(((4 << 20) - (16 << 10))) ;;
esac
printf 'DEVICE=%s\nMAP_LENGTH=%s\n' "$dev" "$map" >"$out/params"
python3 "$root/miniports/expected-modes.py" "$dev" "${vram_mb}M" >"$out/expected-modes"

python3 "$root/tests/vm/vmrun.py" --out "$out" --profile "$profile" --timeout 300 \
	--name "$dev miniport" "${qemu[@]}" \
	--add "$sys:/miniport.sys" --add "$out/params:/params" \
	--add "$out/expected-modes:/expected-modes" \
	"$here/vm-miniport.sh"

if grep -q '^SKIP: ' "$out/guest.log" 2>/dev/null; then
	grep '^SKIP: ' "$out/guest.log"
	exit 0
fi

# Pixel checks on the dumps the guest asked for.
python3 - "$out" "$dev" <<'EOF'
import os, sys
sys.path.insert(0, os.path.join(os.environ.get("ROOT", "."), "tests/vm"))
import ppm
out, dev = sys.argv[1], sys.argv[2]

def check(name, dump, x, y, want):
    path = os.path.join(out, dump + ".ppm")
    if not os.path.exists(path):
        print("FAIL: %s: %s: no screen dump %s" % (dev, name, dump))
        return
    img = ppm.load(path)
    got = img.pixel(x, y)
    size = (img.width, img.height)
    if size == (640, 480) and got == want:
        print("PASS: %s: %s" % (dev, name))
    else:
        print("FAIL: %s: %s: %dx%d, pixel (%d,%d) is %s, want %s"
              % (dev, name, size[0], size[1], x, y, got, want))

check("640x480x8 cleared to index 0, index 0 red", "red8", 320, 240, (255, 0, 0))
check("frame corner red too", "red8", 639, 479, (255, 0, 0))
if dev == "cirrus":
    check("pointer drawn white at (100,50)+(10,10)", "cursor", 110, 60, (255, 255, 255))
    check("pointer ends at x 132", "cursor", 133, 60, (255, 0, 0))
check("monitor off blanks the screen", "off", 320, 240, (0, 0, 0))
check("monitor on shows the frame again", "on", 320, 240, (255, 0, 0))
EOF
