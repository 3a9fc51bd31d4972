#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host side of kmstest: check QEMU screen dumps pixel by pixel.

    kmscheck.py pattern DIR [--lenient]   every p-WxH-FMT[-TAG].ppm in DIR
                                          (-zc-aN: pattern A alone)
    kmscheck.py cursor PPM X Y [LABEL]    pattern A with the cursor at X,Y
    kmscheck.py nocursor PPM LABEL        pattern A, no cursor anywhere
    kmscheck.py fbcon PPM                 console text in the top rows
    kmscheck.py textback BOOT PPM LABEL   the VGA text screen BOOT is back
    kmscheck.py conmore A B LABEL         console B: A's text lines exactly,
                                          and more text
    kmscheck.py rect PPM X Y W H R,G,B LABEL  the rectangle all that colour

The pictures are the ones tests/vm/guest/pattern.h draws; keep them in step.
A screen in a lower depth than the framebuffer shows quantised colours: the
comparison masks both sides to the depth's significant bits (QEMU expands
5/6-bit components by repeating their high bits).  XRGB8888/ARGB8888 must
come out exact unless --lenient (for drivers that scan out at 16 bpp).
A -v16 tag: VGA's 16-colour planar mode; C8 shows the index's low 4 bits
through the LUT's first 16 entries, XRGB8888 the nearest of the 16 default
VGA colours, both through the 6-bit DAC.
Prints PASS:/FAIL: lines.
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import ppm  # noqa: E402

CURSOR = 32
# significant bits per channel
QUANT = {"888": (8, 8, 8), "565": (5, 6, 5), "555": (5, 5, 5), "666": (6, 6, 6)}
FORMAT_QUANTS = {
    "XR24": ["888"], "AR24": ["888"], "RG16": ["565"], "XR15": ["555"],
    "C8": ["888", "666"],
}
LENIENT_QUANTS = ["888", "565", "555"]
# -dNN tag: the screen depth an XRGB8888 framebuffer was converted to
DEPTH_QUANT = {"32": "888", "24": "888", "16": "565", "15": "555"}


def rgb(x, y, which):
    r = (x * 29 + y * 7) & 255
    g = ((x * 13) ^ (y * 3)) & 255
    b = (x * 3 + y * 17) & 255
    if which:
        return 255 - r, 255 - g, 255 - b
    return r, g, b


def index(x, y, which):
    return (x * 11 + y * 5 + 128) & 255 if which else (x * 29 + y * 7) & 255


PALETTE = [(i, (i * 7) & 255, (255 - i * 3) & 255) for i in range(256)]
# the VGA's 16 default colours, in index order
VGA16 = [(0, 0, 0), (0, 0, 0xaa), (0, 0xaa, 0), (0, 0xaa, 0xaa),
         (0xaa, 0, 0), (0xaa, 0, 0xaa), (0xaa, 0x55, 0), (0xaa, 0xaa, 0xaa),
         (0x55, 0x55, 0x55), (0x55, 0x55, 0xff), (0x55, 0xff, 0x55),
         (0x55, 0xff, 0xff), (0xff, 0x55, 0x55), (0xff, 0x55, 0xff),
         (0xff, 0xff, 0x55), (0xff, 0xff, 0xff)]


def vga16_nearest(c):
    """Index of the nearest VGA colour (squared distance, lower index on a tie)."""
    best, best_d = 0, None
    for i, v in enumerate(VGA16):
        d = sum((c[k] - v[k]) ** 2 for k in range(3))
        if best_d is None or d < best_d:
            best, best_d = i, d
    return best


def clips(w, h):
    c = [(1, 1, 18, 10),
         ((w // 3) | 1, h // 4, ((w // 3) | 1) + 101, h // 4 + 37),
         ((w - 200) | 1, h // 2 + 1, ((w - 200) | 1) + 151, h // 2 + 41),
         (w - 7, h - 5, w, h)]
    if w > 1100:
        c.append((1023, h // 3, w - 1, h // 3 + 20))
    return c


def expected_rows(w, h, fmt, damage=True, vga16=False):
    """Yield (r bytes, g bytes, b bytes) per row of the expected screen."""
    cl = clips(w, h) if damage else []
    nearest = {}
    for y in range(h):
        which = [0] * w
        for (x1, y1, x2, y2) in cl:
            if y1 <= y < y2:
                for x in range(x1, x2):
                    which[x] = 1
        if vga16 and fmt.startswith("C8"):
            px = [PALETTE[index(x, y, which[x]) & 15] for x in range(w)]
        elif vga16:
            px = []
            for x in range(w):
                c = rgb(x, y, which[x])
                if c not in nearest:
                    nearest[c] = VGA16[vga16_nearest(c)]
                px.append(nearest[c])
        elif fmt.startswith("C8"):
            px = [PALETTE[index(x, y, which[x])] for x in range(w)]
        else:
            px = [rgb(x, y, which[x]) for x in range(w)]
        yield (bytes(p[0] for p in px), bytes(p[1] for p in px),
               bytes(p[2] for p in px))


def mask_table(bits):
    m = (0xff << (8 - bits)) & 0xff
    return bytes(v & m for v in range(256))


def compare(img, rows, quant, cursor=None):
    """Count mismatching pixels; first mismatch as (x, y, got, want)."""
    tables = [mask_table(b) for b in QUANT[quant]]
    w = img.width
    bad = 0
    first = None
    for y, exp in enumerate(rows):
        exp = list(exp)
        if cursor:
            cursor(y, exp)
        line = img.data[y * w * 3:(y + 1) * w * 3]
        got = [line[c::3].translate(tables[c]) for c in range(3)]
        want = [exp[c].translate(tables[c]) for c in range(3)]
        if got == want:
            continue
        for x in range(w):
            if any(got[c][x] != want[c][x] for c in range(3)):
                bad += 1
                if first is None:
                    first = (x, y, img.pixel(x, y),
                             tuple(exp[c][x] for c in range(3)))
    return bad, first


def check_pattern(path, lenient):
    name = os.path.basename(path)[:-4]
    m = re.match(r"p-(\d+)x(\d+)-([A-Z0-9]+)"
                 r"(?:-d(\d+)|-dpms|-same|-s3|-halt|-con|-zc-(a|ab)\d+|(-v16))?$", name)
    if not m:
        print(f"FAIL: {name}: not a pattern dump name")
        return False
    w, h, fmt = int(m.group(1)), int(m.group(2)), m.group(3)
    img = ppm.load(path)
    if (img.width, img.height) != (w, h):
        print(f"FAIL: {name}: screen is {img.width}x{img.height}, want {w}x{h}")
        return False
    # -zc-a: pattern A alone; every other dump: A with B in the clips
    damage = m.group(5) != "a"
    vga16 = m.group(6) is not None
    quants = FORMAT_QUANTS.get(fmt, ["888"])
    if vga16:
        quants = ["666"]	# the 6-bit DAC (QEMU widens 0x15 to 0x57)
    elif fmt in ("XR24", "AR24") and m.group(4):
        quants = [DEPTH_QUANT.get(m.group(4), "888")]
    elif lenient and fmt in ("XR24", "AR24"):
        quants = LENIENT_QUANTS
    result = None
    for q in quants:
        bad, first = compare(img, expected_rows(w, h, fmt, damage, vga16), q)
        if not bad:
            print(f"PASS: {name}: pixels exact ({q})")
            return True
        if result is None:
            result = (q, bad, first)
    q, bad, first = result
    x, y, got, want = first
    print(f"FAIL: {name}: {bad} pixels differ ({q}); first at {x},{y}: "
          f"got {got}, want {want}")
    return False


def cursor_pixel(x, y):
    if x + y > 40:
        return None
    if x < 2 or y < 2 or x >= CURSOR - 2 or y >= CURSOR - 2:
        return (0, 0, 0)
    return (255, 255, 255)


def check_cursor(path, cx, cy, what=None):
    what = what or f"cursor at {cx},{cy}: shape and position exact"
    img = ppm.load(path)
    w, h = img.width, img.height

    def overlay(y, exp):
        if not cy <= y < cy + CURSOR:
            return
        chans = [bytearray(e) for e in exp]
        for x in range(max(cx, 0), min(cx + CURSOR, w)):
            c = cursor_pixel(x - cx, y - cy)
            if c:
                for i in range(3):
                    chans[i][x] = c[i]
        exp[:] = [bytes(c) for c in chans]

    bad, first = compare(img, expected_rows(w, h, "XR24", damage=False), "888",
                         cursor=overlay)
    if not bad:
        print(f"PASS: {what}")
        return True
    x, y, got, want = first
    print(f"FAIL: {what}: {bad} pixels differ; first at {x},{y}: "
          f"got {got}, want {want}")
    return False


def check_fbcon(path, rows=16, need=200):
    img = ppm.load(path)
    counts = {}
    for i in range(0, img.width * rows * 3, 3):
        p = img.data[i:i + 3]
        counts[p] = counts.get(p, 0) + 1
    bg = max(counts, key=counts.get)
    ink = img.width * rows - counts[bg]
    if ink >= need and len(counts) >= 2:
        print(f"PASS: fbcon: {ink} text pixels in the top {rows} rows")
        return True
    print(f"FAIL: fbcon: {ink} text pixels in the top {rows} rows (want >= {need})")
    return False


def check_text_back(boot_path, path, what):
    """The VGA text screen at boot is back: the same size (QEMU dumps text
    mode at its own size), and every pixel the same but for at most one
    character cell (9x16), where the blinking text cursor may differ."""
    boot, img = ppm.load(boot_path), ppm.load(path)
    if len(set(boot.data[i:i + 3] for i in range(0, len(boot.data), 3))) < 2:
        print(f"FAIL: {what}: the boot screen {boot_path} holds no text")
        return False
    if (img.width, img.height) != (boot.width, boot.height):
        print(f"FAIL: {what}: screen is {img.width}x{img.height}, "
              f"the boot text screen was {boot.width}x{boot.height}")
        return False
    diff = [(i // 3 % img.width, i // 3 // img.width)
            for i in range(0, len(img.data), 3)
            if img.data[i:i + 3] != boot.data[i:i + 3]]
    if diff:
        xs, ys = [d[0] for d in diff], [d[1] for d in diff]
        if max(xs) - min(xs) >= 9 or max(ys) - min(ys) >= 16:
            print(f"FAIL: {what}: {len(diff)} pixels differ from the boot "
                  f"screen, from {min(xs)},{min(ys)} to {max(xs)},{max(ys)}")
            return False
    print(f"PASS: {what} ({img.width}x{img.height}, {len(diff)} cursor pixels)")
    return True


def ink_bands(img, bg, band):
    """Per band of @band rows: how many pixels are not @bg."""
    row = img.width * 3
    out = []
    for y0 in range(0, img.height - band + 1, band):
        chunk = img.data[y0 * row:(y0 + band) * row]
        out.append(sum(1 for i in range(0, len(chunk), 3)
                       if chunk[i:i + 3] != bg))
    return out


def check_conmore(a_path, b_path, what, band=16, need=200):
    """Console dump B holds every text line of A, pixel for pixel (A's last
    inked band aside: the blinking cursor may be there), and more text."""
    a, b = ppm.load(a_path), ppm.load(b_path)
    if (a.width, a.height) != (b.width, b.height):
        print(f"FAIL: {what}: {b.width}x{b.height}, was {a.width}x{a.height}")
        return False
    counts = {}
    for i in range(0, len(a.data), 3):
        p = a.data[i:i + 3]
        counts[p] = counts.get(p, 0) + 1
    bg = max(counts, key=counts.get)
    ia, ib = ink_bands(a, bg, band), ink_bands(b, bg, band)
    inked = [i for i, n in enumerate(ia) if n]
    row = a.width * 3
    text = inked[:-1]
    if sum(ia[i] for i in text) < need:
        print(f"FAIL: {what}: {a_path} holds no text lines")
        return False
    for i in text:
        lo, hi = i * band * row, (i + 1) * band * row
        if a.data[lo:hi] != b.data[lo:hi]:
            print(f"FAIL: {what}: text line {i} (rows {i * band}-"
                  f"{(i + 1) * band - 1}) differs")
            return False
    if sum(ib) < sum(ia) + need:
        print(f"FAIL: {what}: {sum(ib)} text pixels, {sum(ia)} before: "
              f"no new text")
        return False
    print(f"PASS: {what} ({len(text)} lines exact, {sum(ib) - sum(ia)} "
          f"new text pixels)")
    return True


def check_rect(path, x0, y0, w, h, rgb, what):
    img = ppm.load(path)
    for y in range(y0, y0 + h):
        for x in range(x0, x0 + w):
            if img.pixel(x, y) != rgb:
                print(f"FAIL: {what}: {x},{y} is {img.pixel(x, y)}, want {rgb}")
                return False
    print(f"PASS: {what} ({w}x{h} at {x0},{y0})")
    return True


def main(argv):
    if len(argv) >= 3 and argv[1] == "pattern":
        files = sorted(glob.glob(os.path.join(argv[2], "p-*.ppm")))
        if not files:
            print(f"FAIL: pattern dumps: none in {argv[2]}")
            return 1
        ok = [check_pattern(f, "--lenient" in argv) for f in files]
        return 0 if all(ok) else 1
    if len(argv) == 5 and argv[1] == "cursor":
        return 0 if check_cursor(argv[2], int(argv[3]), int(argv[4])) else 1
    if len(argv) == 6 and argv[1] == "cursor":
        return 0 if check_cursor(argv[2], int(argv[3]), int(argv[4]),
                                 argv[5]) else 1
    if len(argv) == 4 and argv[1] == "nocursor":
        # a cursor far off screen: pattern A only, every pixel
        return 0 if check_cursor(argv[2], -4096, -4096, argv[3]) else 1
    if len(argv) == 5 and argv[1] == "textback":
        return 0 if check_text_back(argv[2], argv[3], argv[4]) else 1
    if len(argv) == 5 and argv[1] == "conmore":
        return 0 if check_conmore(argv[2], argv[3], argv[4]) else 1
    if len(argv) == 9 and argv[1] == "rect":
        rgb = tuple(int(c) for c in argv[7].split(","))
        return 0 if check_rect(argv[2], *(int(v) for v in argv[3:7]), rgb,
                               argv[8]) else 1
    if len(argv) == 3 and argv[1] == "fbcon":
        return 0 if check_fbcon(argv[2]) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
