#!/bin/bash
# vm-miniport-run.sh DEVICE SYS VRAM_MB OUT: boot QEMU with DEVICE (bochs or
# cirrus) and VRAM_MB of video memory, load vpwrap with the miniport SYS,
# run vm-miniport.sh in the guest (load, mode list against expected-modes.py).
# Prints
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

printf 'DEVICE=%s\n' "$dev" >"$out/params"
python3 "$root/miniports/expected-modes.py" "$dev" "${vram_mb}M" >"$out/expected-modes"

python3 "$root/tests/vm/vmrun.py" --out "$out" --profile "$profile" --timeout 300 \
	--name "$dev miniport" "${qemu[@]}" \
	--add "$sys:/miniport.sys" --add "$out/params:/params" \
	--add "$out/expected-modes:/expected-modes" \
	"$here/vm-miniport.sh"
