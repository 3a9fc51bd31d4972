#!/usr/bin/env python3
"""sigvariants.py SIGNED OUTDIR: from an image signed by scripts/sign-file,
write the damaged variants the trust suite loads:

  badasn1.sys   the PKCS#7 blob's outer SEQUENCE tag changed (malformed)
  badsig.sys    the last byte of the RSA signature value flipped
  tampered.sys  one byte of the signed image (its DOS stub text) changed

The signature block is located the way the kernel does: the trailing
"~Module signature appended~\\n" marker, the 12-byte module_signature
before it (sig_len big-endian in its last 4 bytes), the PKCS#7 before that.
"""
import struct
import sys

MARK = b"~Module signature appended~\n"


def main():
    data = bytearray(open(sys.argv[1], "rb").read())
    out = sys.argv[2]
    assert data.endswith(MARK), "not signed"
    info = len(data) - len(MARK) - 12
    sig_len = struct.unpack(">I", data[info + 8:info + 12])[0]
    sig = info - sig_len
    assert data[sig] == 0x30, "PKCS#7 does not start with a SEQUENCE"

    v = bytearray(data)
    v[sig] = 0x31
    open(out + "/badasn1.sys", "wb").write(v)

    v = bytearray(data)
    v[info - 1] ^= 0xff
    open(out + "/badsig.sys", "wb").write(v)

    v = bytearray(data)
    stub = v.find(b"This program")
    assert 0 < stub < 0x100, "no DOS stub text"
    v[stub] ^= 0x20
    open(out + "/tampered.sys", "wb").write(v)


main()
