# SPDX-License-Identifier: GPL-2.0
"""Read QEMU screen dumps (binary PPM, P6) and check their pixels."""


class Image:
    def __init__(self, width, height, data):
        self.width = width
        self.height = height
        self.data = data

    def pixel(self, x, y):
        """(r, g, b) at (x, y)."""
        o = (y * self.width + x) * 3
        return tuple(self.data[o:o + 3])

    def with_pixel(self, x, y, rgb):
        """A copy with one pixel changed (used by the harness self-test)."""
        data = bytearray(self.data)
        o = (y * self.width + x) * 3
        data[o:o + 3] = bytes(rgb)
        return Image(self.width, self.height, bytes(data))


def _tokens(f):
    """Header tokens of a PPM file, skipping comments."""
    while True:
        line = f.readline()
        if not line:
            raise ValueError("truncated PPM header")
        line = line.split(b"#")[0]
        for tok in line.split():
            yield tok


def load(path):
    with open(path, "rb") as f:
        toks = _tokens(f)
        magic = next(toks)
        if magic != b"P6":
            raise ValueError(f"{path}: not a binary PPM ({magic!r})")
        width, height, maxval = int(next(toks)), int(next(toks)), int(next(toks))
        if maxval != 255:
            raise ValueError(f"{path}: maxval {maxval} unsupported")
        data = f.read(width * height * 3)
        if len(data) != width * height * 3:
            raise ValueError(f"{path}: truncated pixel data")
        return Image(width, height, data)


def mismatches(img, expect, limit=10):
    """Compare img against expect(x, y) -> (r, g, b) or None (don't care).

    Returns (count, first few mismatches as (x, y, got, want))."""
    count = 0
    first = []
    for y in range(img.height):
        for x in range(img.width):
            want = expect(x, y)
            if want is None:
                continue
            got = img.pixel(x, y)
            if got != tuple(want):
                count += 1
                if len(first) < limit:
                    first.append((x, y, got, tuple(want)))
    return count, first


def diff(a, b):
    """Number of pixels that differ between two images of the same size."""
    if (a.width, a.height) != (b.width, b.height):
        return max(a.width * a.height, b.width * b.height)
    n = 0
    for i in range(0, len(a.data), 3):
        if a.data[i:i + 3] != b.data[i:i + 3]:
            n += 1
    return n


def to_png(img, path):
    """Write img as PNG with the standard library only."""
    import struct
    import zlib
    raw = b"".join(b"\0" + img.data[y * img.width * 3:(y + 1) * img.width * 3]
                   for y in range(img.height))

    def chunk(kind, body):
        c = struct.pack(">I", len(body)) + kind + body
        return c + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", img.width, img.height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))
