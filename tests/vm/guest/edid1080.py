#!/usr/bin/env python3
"""Write a 128-byte EDID 1.3 of an analog monitor whose only (and preferred)
timing is 1920x1080@60 (CEA/DMT 148.5 MHz), for the EDID override checks.

    edid1080.py OUT
"""
import struct
import sys


def dtd(clock_khz, ha, hb, hso, hsw, va, vb, vso, vsw):
    """An 18-byte detailed timing descriptor (no size, separate syncs +/+)."""
    return bytes([
        (clock_khz // 10) & 0xFF, (clock_khz // 10) >> 8,
        ha & 0xFF, hb & 0xFF, ((ha >> 8) << 4) | (hb >> 8),
        va & 0xFF, vb & 0xFF, ((va >> 8) << 4) | (vb >> 8),
        hso & 0xFF, hsw & 0xFF, ((vso & 0xF) << 4) | (vsw & 0xF),
        ((hso >> 8) << 6) | ((hsw >> 8) << 4) | ((vso >> 4) << 2) | (vsw >> 4),
        0, 0, 0, 0, 0, 0x1E,
    ])


def name_descriptor(text):
    body = text.encode()[:13] + b"\n"
    return bytes([0, 0, 0, 0xFC, 0]) + body.ljust(13, b" ")


def edid():
    e = bytearray(b"\x00\xff\xff\xff\xff\xff\xff\x00")
    # manufacturer "VPW" (5-bit letters), product 0x1080, serial 1, week 1 2024
    m = ((ord("V") - 64) << 10) | ((ord("P") - 64) << 5) | (ord("W") - 64)
    e += struct.pack(">H", m) + struct.pack("<HIBB", 0x1080, 1, 1, 2024 - 1990)
    e += bytes([1, 3])                      # EDID 1.3
    e += bytes([0x08, 53, 30, 120, 0x0A])   # analog, 53x30 cm, gamma 2.2, preferred timing in DTD 1
    e += bytes(10)                          # chromaticity (unspecified)
    e += bytes(3)                           # no established timings
    e += b"\x01\x01" * 8                    # no standard timings
    e += dtd(148500, 1920, 280, 88, 44, 1080, 45, 4, 5)
    e += name_descriptor("VPW 1080")
    e += bytes([0, 0, 0, 0x10, 0]) + bytes(13)  # dummy descriptors
    e += bytes([0, 0, 0, 0x10, 0]) + bytes(13)
    e += bytes([0])                         # no extensions
    assert len(e) == 127
    e.append((-sum(e)) & 0xFF)
    return bytes(e)


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as f:
        f.write(edid())
