#!/usr/bin/env python3
"""bench/unsign.py IN OUT: write kernel module IN to OUT without its signature.

A signed module ends with the signature, a struct module_signature (12
bytes, the signature's length big-endian in its last 4) and the marker
below; the module loader checks the signature over the rest of the file.
The bench loads the native driver this way so that it is compared with
vpwrap.ko as built here (unsigned) like for like.  .ko.xz and .ko.zst are
decompressed first.  Exit status 1: IN carries no signature.
"""
import lzma
import struct
import subprocess
import sys

MARKER = b"~Module signature appended~\n"


def read_module(path):
    if path.endswith(".xz"):
        with lzma.open(path) as f:
            return f.read()
    if path.endswith(".zst"):
        return subprocess.run(["zstd", "-dc", path], stdout=subprocess.PIPE,
                              check=True).stdout
    with open(path, "rb") as f:
        return f.read()


def main():
    data = read_module(sys.argv[1])
    if not data.endswith(MARKER):
        sys.exit(1)
    end = len(data) - len(MARKER)
    (sig_len,) = struct.unpack(">I", data[end - 4:end])
    modlen = end - 12 - sig_len
    if modlen <= 0:
        sys.exit(f"{sys.argv[1]}: signature length {sig_len} past the file's start")
    with open(sys.argv[2], "wb") as f:
        f.write(data[:modlen])


if __name__ == "__main__":
    main()
