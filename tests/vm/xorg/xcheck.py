#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host side of tests/vm/guest/xorg.sh: check the X screen dumps.

    xcheck.py DIR DRIVER [REFDIR REFDRIVER]

Every DIR/x-DRIVER-N-WxH.ppm: the screen is WxH; outside the xterm (32x6
cells of the built-in 6x13 "fixed" font plus its 2-pixel inner border, at
96,64) every pixel is xsetroot's root colour; inside it every pixel is the
xterm's background or foreground colour, with text drawn in the foreground.
With a reference (the same clients on a stock DRM driver): both dumps of the
same step are identical, pixel for pixel.  Prints PASS:/FAIL: lines.
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import ppm  # noqa: E402

ROOT = (0x20, 0x40, 0x80)
BG, FG = (0xc0, 0x00, 0x00), (0xff, 0xff, 0x00)
XTERM = (96, 64, 32 * 6 + 4, 6 * 13 + 4)	# x, y, width, height
MIN_TEXT = 200	# foreground pixels of the three lines of /xterm.txt


def check(path):
    name = os.path.basename(path)[:-4]
    m = re.match(r"x-[a-z0-9_]+-\d+-(\d+)x(\d+)$", name)
    img = ppm.load(path)
    w, h = int(m.group(1)), int(m.group(2))
    if (img.width, img.height) != (w, h):
        print(f"FAIL: {name}: the screen is {img.width}x{img.height}, want {w}x{h}")
        return
    x0, y0, xw, xh = XTERM
    root_bad = inside_bad = fg = 0
    first = None
    for y in range(h):
        for x in range(w):
            p = img.pixel(x, y)
            if x0 <= x < x0 + xw and y0 <= y < y0 + xh:
                if p == FG:
                    fg += 1
                elif p != BG:
                    inside_bad += 1
                    first = first or (x, y, p)
            elif p != ROOT:
                root_bad += 1
                first = first or (x, y, p)
    what = f"{name}: root window and xterm drawn as the clients asked"
    if root_bad or inside_bad or fg < MIN_TEXT:
        print(f"FAIL: {what}: {root_bad} pixels off the root colour, "
              f"{inside_bad} odd pixels in the xterm, {fg} text pixels; first odd {first}")
    else:
        print(f"PASS: {what} ({fg} text pixels)")


def main():
    d, drv = sys.argv[1], sys.argv[2]
    dumps = sorted(glob.glob(os.path.join(d, f"x-{drv}-*.ppm")))
    if not dumps:
        print(f"FAIL: X screen dumps of {drv}: none")
    for path in dumps:
        check(path)
    if len(sys.argv) < 5:
        return
    rd, rdrv = sys.argv[3], sys.argv[4]
    for path in dumps:
        name = os.path.basename(path)
        ref = os.path.join(rd, name.replace(f"x-{drv}-", f"x-{rdrv}-", 1))
        what = f"{name[:-4]}: the same pixels as {rdrv}"
        if not os.path.exists(ref):
            print(f"FAIL: {what}: no {os.path.basename(ref)}")
            continue
        a, b = ppm.load(path), ppm.load(ref)
        if (a.width, a.height) != (b.width, b.height):
            print(f"FAIL: {what}: {a.width}x{a.height} vs {b.width}x{b.height}")
        elif a.data != b.data:
            n = sum(1 for i in range(0, len(a.data), 3) if a.data[i:i + 3] != b.data[i:i + 3])
            print(f"FAIL: {what}: {n} pixels differ")
        else:
            print(f"PASS: {what}")


if __name__ == "__main__":
    main()
