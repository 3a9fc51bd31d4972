#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The PE image checksum Windows verifies for kernel images.

  pe_checksum.py fix IMAGE...     write the correct CheckSum into each image
  pe_checksum.py check IMAGE...   exit 1 unless each CheckSum is set and right

The sum: 16-bit little-endian words of the file (an odd last byte padded
with zero), the CheckSum field counted as zero, the carry folded back after
each addition, plus the file length.  Importable: checksum(data),
field(data), fix(data).
"""
import struct
import sys


def field(data):
    """File offset of the CheckSum field (optional header + 64)."""
    return struct.unpack_from('<I', data, 0x3c)[0] + 24 + 64


def checksum(data):
    off = field(data)
    words = bytes(data) + b'\0' * (len(data) & 1)
    s = 0
    for i in range(0, len(words), 2):
        if off <= i < off + 4:
            continue
        s += words[i] | words[i + 1] << 8
        s = (s & 0xffff) + (s >> 16)
    return ((s & 0xffff) + len(data)) & 0xffffffff


def fix(data):
    """Returns data with its CheckSum recomputed (unchanged if it has no
    room for the field: such a file is refused before the checksum)."""
    d = bytearray(data)
    try:
        off = field(d)
    except struct.error:
        return bytes(d)
    if off + 4 > len(d):
        return bytes(d)
    struct.pack_into('<I', d, off, checksum(d))
    return bytes(d)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ('fix', 'check'):
        sys.exit(__doc__)
    bad = 0
    for path in sys.argv[2:]:
        data = open(path, 'rb').read()
        if sys.argv[1] == 'fix':
            open(path, 'wb').write(fix(data))
            continue
        have = struct.unpack_from('<I', data, field(data))[0]
        want = checksum(data)
        if have != want or not have:
            print('%s: CheckSum 0x%x, file sums to 0x%x' % (path, have, want))
            bad = 1
    sys.exit(bad)


if __name__ == '__main__':
    main()
