#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The mode list a bundled miniport reports, for a device and its VRAM size.

    expected-modes.py bochs 16M        -> 640x480x8, 640x480x16, ... one a line
    expected-modes.py cirrus 4M --line -> the same on one line, space-separated

Mirrors the drivers: common/resolutions.c (the resolution table, in order),
common/modes.c (resolution-major, depth-minor; a mode fits when
UsableVram // stride >= height), and each driver's probe (depths and limits
in bochs/bochs_main.c and cirrus/cirrus_main.c).  The order is the
ModeIndex order of IOCTL_VIDEO_QUERY_AVAIL_MODES.

VRAM is what the driver detects: for bochs the DISPI VIDEO_MEMORY_64K
register (QEMU: -global VGA.vgamem_mb=N, default 16), bounded by BAR0; for
cirrus the DRAM control register SR0F, which QEMU's CL-GD5446 always sets to
4 MiB, whatever vgamem_mb says.
"""
import argparse
import sys

# (width, height) of common/resolutions.c, in table order.
RESOLUTIONS = [
    (640, 480), (800, 600), (1024, 768), (1152, 864), (1280, 720),
    (1280, 800), (1280, 960), (1280, 1024), (1440, 900), (1600, 900),
    (1600, 1200), (1680, 1050), (1920, 1080),
]

CIRRUS_CURSOR_AREA = 16 * 1024

DEVICES = {
    # depths, max width, max height, max stride, bytes reserved at the end
    "bochs": dict(depths=(8, 16, 24, 32), max_w=0xFFFF, max_h=0xFFFF,
                  max_stride=0xFFFFFFFF, reserved=0),
    "cirrus": dict(depths=(8, 16, 24), max_w=2048, max_h=1024,
                   max_stride=0x1FF * 8, reserved=CIRRUS_CURSOR_AREA),
}


def parse_size(text):
    """'16M', '4096K', '0x1000000' or plain bytes."""
    text = text.strip().upper()
    for suffix, mult in (("M", 1 << 20), ("K", 1 << 10)):
        if text.endswith(suffix):
            return int(text[:-1], 0) * mult
    return int(text, 0)


def expected_modes(device, vram):
    """[(width, height, bpp)] in the driver's ModeIndex order."""
    d = DEVICES[device]
    usable = vram - d["reserved"]
    modes = []
    for w, h in RESOLUTIONS:
        for bpp in d["depths"]:
            stride = w * ((bpp + 7) // 8)
            if w > d["max_w"] or h > d["max_h"] or stride > d["max_stride"]:
                continue
            if usable <= 0 or usable // stride < h:
                continue
            modes.append((w, h, bpp))
    return modes


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("device", choices=sorted(DEVICES))
    ap.add_argument("vram", type=parse_size,
                    help="detected video memory: bytes, or with K/M suffix")
    ap.add_argument("--line", action="store_true",
                    help="one line, modes separated by spaces")
    args = ap.parse_args()
    names = ["%dx%dx%d" % m for m in expected_modes(args.device, args.vram)]
    sys.stdout.write((" ".join(names) if args.line else "\n".join(names)) + "\n")


if __name__ == "__main__":
    main()
