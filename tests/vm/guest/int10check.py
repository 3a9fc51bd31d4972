#!/usr/bin/env python3
"""int10check.py NAME DIR BPP: the screen dumps of tests/vm/guest/int10.sh.

vbe_1024x768.ppm must hold vpvbe.sys's pattern (VBE_PATTERN in
tests/vm/miniports/vbe/vbe.h) at every pixel (at 16 bpp: the RGB565 top
bits of each channel); text_mode.ppm must be the
720x400 of 80x25 text mode, and so must after_rmmod.ppm (the teardown).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import ppm  # noqa: E402


def pattern(x, y):
    return (x & 0xff, y & 0xff, ((x + y) >> 3) & 0xff)


def check_vbe(name, path, bpp):
    check = f"{name}: VBE 1024x768x{bpp} pattern through the LFB, every pixel"
    masks = (0xff, 0xff, 0xff) if bpp == 32 else (0xf8, 0xfc, 0xf8)
    if not os.path.exists(path):
        print(f"FAIL: {check}: no screen dump")
        return
    img = ppm.load(path)
    if (img.width, img.height) != (1024, 768):
        print(f"FAIL: {check}: screen is {img.width}x{img.height}")
        return
    bad = 0
    first = None
    for y in range(768):
        for x in range(1024):
            got = tuple(c & m for c, m in zip(img.pixel(x, y), masks))
            want = tuple(c & m for c, m in zip(pattern(x, y), masks))
            if got != want:
                bad += 1
                if first is None:
                    first = (x, y, img.pixel(x, y), pattern(x, y))
    if bad:
        x, y, got, want = first
        print(f"FAIL: {check}: {bad} pixels differ, first at {x},{y}: {got} != {want}")
    else:
        print(f"PASS: {check}")


def check_text(name, path, what):
    check = f"{name}: {what} is 80x25 text (720x400)"
    if not os.path.exists(path):
        print(f"FAIL: {check}: no screen dump")
        return
    img = ppm.load(path)
    if (img.width, img.height) == (720, 400):
        print(f"PASS: {check}")
    else:
        print(f"FAIL: {check}: screen is {img.width}x{img.height}")


def main(argv):
    name, d, bpp = argv[1], argv[2], int(argv[3])
    check_vbe(name, os.path.join(d, "vbe_1024x768.ppm"), bpp)
    check_text(name, os.path.join(d, "text_mode.ppm"), "INT 10h AH=00h mode 3")
    check_text(name, os.path.join(d, "after_rmmod.ppm"), "the screen after rmmod")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
