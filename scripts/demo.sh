#!/bin/bash
# make demo: boot QEMU's std VGA with the bundled Windows miniport driven by
# vpwrap, and write a PNG screenshot of the emulated display.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
KCACHE=$(scripts/kernel.sh fetch "${KVER:-}")
KREL=$(basename "$KCACHE")
VPWRAP_KO=$ROOT/.build/$KREL/vpwrap.ko
export KCACHE KREL VPWRAP_KO
make -s module KVER="$KREL"
make -s -C miniports
mkdir -p out/demo
gcc -O2 -static -o out/demo/fbpattern scripts/demo/fbpattern.c
python3 tests/vm/vmrun.py --out out/demo --name demo --profile std --timeout 180 \
	--add miniports/out/x86_64/vpbochs.sys:/vpbochs.sys \
	--add out/demo/fbpattern:/fbpattern \
	--append "fbcon=font:VGA8x16" scripts/demo/guest.sh | tee out/demo/result.txt
python3 - <<'PY'
import sys
sys.path.insert(0, "tests/vm")
import ppm
ppm.to_png(ppm.load("out/demo/demo.ppm"), "out/demo/vpwrap-demo.png")
PY
echo "demo: screenshot written to $ROOT/out/demo/vpwrap-demo.png"
! grep -q '^FAIL' out/demo/result.txt
