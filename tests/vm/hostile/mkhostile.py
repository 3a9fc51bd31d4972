#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Generate malformed miniport images from a good one, for the in-kernel
hostile-input test (suite 80).

Each image damages one structure the loader must validate: truncation at
every header boundary and at random points, bad DOS/NT/optional headers,
section tables that overlap or point past the file or SizeOfImage, data
directories out of range, relocation blocks with bad sizes or types, import
descriptors and names pointing outside the image, random byte flips in the
headers, and valid images whose code at the entry point is damaged (the
"code-" images: each fault is contained and DriverEntry fails).  PE32 (i386)
and PE32+ (AMD64) images both: the machine and optional-header checks get
the other x86 architecture's values, relocations the other width (DIR64 in
a PE32 image, a HIGHLOW or DIR64 crossing SizeOfImage), the code- images the
architecture's own instruction encodings.  Every image
gets its CheckSum recomputed, so it is refused for the damage it carries;
one keeps the stale CheckSum of a patched code byte.  The generator is
deterministic (seeded), so a failure can be reproduced from its file name.

usage: mkhostile.py GOOD.sys OUTDIR [COUNT [PREFIX]]
  PREFIX: of the first COUNT mutations, only those whose label starts
          with it ("code-")
"""
import os
import random
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../scripts'))
import pe_checksum  # noqa: E402


class Pe:
    def __init__(self, data):
        self.data = bytearray(data)
        self.e_lfanew = struct.unpack_from("<I", data, 0x3C)[0]
        self.coff = self.e_lfanew + 4
        self.nsec = struct.unpack_from("<H", data, self.coff + 2)[0]
        self.opt_size = struct.unpack_from("<H", data, self.coff + 16)[0]
        self.opt = self.coff + 20
        self.magic = struct.unpack_from("<H", data, self.opt)[0]
        pe64 = self.magic == 0x20B
        self.ndirs_off = self.opt + (108 if pe64 else 92)
        self.dirs = self.ndirs_off + 4
        self.sec = self.opt + self.opt_size
        self.size_of_image_off = self.opt + 56
        self.size_of_headers_off = self.opt + 60

    def dir(self, i):
        return struct.unpack_from("<II", self.data, self.dirs + 8 * i)

    def set_dir(self, i, rva, size):
        struct.pack_into("<II", self.data, self.dirs + 8 * i, rva, size)

    def section(self, i):
        o = self.sec + 40 * i
        vsize, va, rawsize, rawptr = struct.unpack_from("<IIII", self.data, o + 8)
        return o, vsize, va, rawsize, rawptr

    def rva_to_off(self, rva):
        for i in range(self.nsec):
            _, vsize, va, rawsize, rawptr = self.section(i)
            if va <= rva < va + max(vsize, rawsize):
                return rawptr + (rva - va)
        return None

    def u32(self, off, val):
        struct.pack_into("<I", self.data, off, val & 0xFFFFFFFF)

    def u16(self, off, val):
        struct.pack_into("<H", self.data, off, val & 0xFFFF)

    def unrelocate(self, rva, size):
        """Base relocations that would change bytes [rva, rva + size) become
        IMAGE_REL_BASED_ABSOLUTE (padding), so those bytes load as written."""
        rrva, rsize = self.dir(5)
        off = self.rva_to_off(rrva) if rsize else None
        end = off + rsize if off is not None else 0
        while off is not None and off + 8 <= end:
            page, block = struct.unpack_from("<II", self.data, off)
            if block < 8:
                break
            for e in range(off + 8, off + block, 2):
                v = struct.unpack_from("<H", self.data, e)[0]
                width = {3: 4, 10: 8}.get(v >> 12, 0)
                at = page + (v & 0xFFF)
                if width and at < rva + size and at + width > rva:
                    self.u16(e, 0)
            off += block


def mutations(good, rng):
    """Yield (label, bytes) pairs, deterministic for a given rng."""
    pe = Pe(good)
    pe32 = pe.magic == 0x10B
    n = len(good)
    # Truncations at every header boundary, then at random points.
    cuts = [0, 1, 2, 0x3C, 0x40, pe.e_lfanew, pe.coff, pe.coff + 10, pe.opt,
            pe.opt + 24, pe.ndirs_off, pe.dirs, pe.sec, pe.sec + 20,
            pe.sec + 40 * pe.nsec - 1]
    # A section's loaded bytes are min(SizeOfRawData, VirtualSize), as on
    # Windows: cutting only the file alignment padding after them is harmless,
    # so the cuts fall inside what is loaded.
    for i in range(pe.nsec):
        o, vsize, _, rawsize, rawptr = pe.section(i)
        loaded = min(rawsize, vsize)
        if loaded:
            cuts += [rawptr, rawptr + loaded // 2, rawptr + loaded - 1]
    for c in sorted(set(x for x in cuts if 0 <= x < n)):
        yield f"truncate-{c:#x}", good[:c]

    def edit(label, fn):
        p = Pe(good)
        fn(p)
        return label, bytes(p.data)

    # One byte of code changed after linking, CheckSum left as it was.
    entry = struct.unpack_from("<I", good, pe.opt + 16)[0]
    text = pe.rva_to_off(entry)
    stale = bytearray(good)
    stale[text] ^= 0x40
    yield "checksum-stale", bytes(stale)

    # Structurally valid, damaged code: DriverEntry's first bytes replaced
    # by an instruction that faults right there, with nothing of the
    # prolog run yet (so the unwind data describes the frame exactly); the
    # base relocations that would patch those bytes become padding.
    # Each fault is contained and fails DriverEntry.  Accesses go to fixed
    # addresses, never through whatever a register holds at the entry.
    # x86 (PE32) has no non-canonical address: its #GP is loading a selector
    # past the end of the GDT (QEMU's TCG checks no segment limits).
    if pe.magic == 0x20B:
        # mov 0x8000000000000000, %rax: non-canonical (#GP)
        gp = ("code-noncanonical-load-at-entry", b"\x48\xa1" + bytes(7) + b"\x80")
    else:
        # mov $0xfff8, %ax; mov %ax, %es: no such descriptor (#GP)
        gp = ("code-bad-selector-load-at-entry", b"\x66\xb8\xf8\xff\x8e\xc0")
    for label, code in (("code-ud2-at-entry", b"\x0f\x0b"),
                        ("code-int3-at-entry", b"\xcc"),
                        gp,
                        # mov 0x0, %eax: page fault at address 0 (both modes)
                        ("code-null-load-at-entry", b"\x8b\x04\x25" + bytes(4))):
        def damage(p, c=code):
            p.data[text:text + len(c)] = c
            p.unrelocate(entry, len(c))
        yield edit(label, damage)

    yield edit("bad-mz", lambda p: p.u16(0, 0x5A4E))
    yield edit("lfanew-past-end", lambda p: p.u32(0x3C, n + 16))
    yield edit("lfanew-huge", lambda p: p.u32(0x3C, 0xFFFFFFF0))
    yield edit("lfanew-misaligned", lambda p: p.u32(0x3C, 0x3D))
    yield edit("bad-pe-signature", lambda p: p.u32(p.e_lfanew, 0x00004550 ^ 0x100))
    yield edit("machine-arm", lambda p: p.u16(p.coff, 0x1C0))
    # the other x86: i386 with a PE32+ header, AMD64 with a PE32 one
    yield edit("machine-other-x86", lambda p: p.u16(p.coff, 0x8664 if pe32 else 0x14C))
    yield edit("opt-magic-other", lambda p: p.u16(p.opt, 0x20B if pe32 else 0x10B))
    yield edit("zero-sections", lambda p: p.u16(p.coff + 2, 0))
    yield edit("many-sections", lambda p: p.u16(p.coff + 2, 0xFFFF))
    yield edit("optsize-small", lambda p: p.u16(p.coff + 16, 8))
    yield edit("optsize-huge", lambda p: p.u16(p.coff + 16, 0xFFFF))
    yield edit("bad-opt-magic", lambda p: p.u16(p.opt, 0x10C))
    yield edit("sizeofimage-zero", lambda p: p.u32(p.size_of_image_off, 0))
    yield edit("sizeofimage-huge", lambda p: p.u32(p.size_of_image_off, 0xFFFFF000))
    yield edit("sizeofheaders-huge", lambda p: p.u32(p.size_of_headers_off, 0x7FFFFFFF))
    yield edit("ndirs-huge", lambda p: p.u32(p.ndirs_off, 0xFFFFFFFF))
    yield edit("entry-past-image",
               lambda p: p.u32(p.opt + 16, struct.unpack_from("<I", good, p.size_of_image_off)[0] + 0x1000))
    yield edit("file-alignment-zero", lambda p: p.u32(p.opt + 36, 0))
    yield edit("section-alignment-odd", lambda p: p.u32(p.opt + 32, 0x1001))
    for i in range(pe.nsec):
        o, vsize, va, rawsize, rawptr = pe.section(i)
        if min(rawsize, vsize):
            yield edit(f"sec{i}-raw-past-end", lambda p, o=o: p.u32(o + 20, n + 0x1000))
            yield edit(f"sec{i}-raw-and-vsize-huge",
                       lambda p, o=o: (p.u32(o + 16, 0x7FFFFFFF), p.u32(o + 8, 0x7FFFFFFF)))
        yield edit(f"sec{i}-va-past-image", lambda p, o=o: p.u32(o + 12, 0x7FFF0000))
        yield edit(f"sec{i}-vsize-huge", lambda p, o=o: p.u32(o + 8, 0xFFFFFFF0))
        yield edit(f"sec{i}-va-wrap", lambda p, o=o: (p.u32(o + 12, 0xFFFFF000), p.u32(o + 8, 0x2000)))
        if i > 0:
            prev_va = pe.section(i - 1)[2]
            yield edit(f"sec{i}-overlaps-prev", lambda p, o=o, v=prev_va: p.u32(o + 12, v))
    for d, name in ((1, "import"), (5, "reloc"), (0, "export"), (3, "pdata"),
                    (10, "loadcfg"), (13, "delayimport")):
        rva, size = pe.dir(d)
        yield edit(f"dir-{name}-past-image", lambda p, d=d: p.set_dir(d, 0x7FFFF000, 0x100))
        yield edit(f"dir-{name}-size-huge", lambda p, d=d, rva=rva: p.set_dir(d, rva or 0x1000, 0xFFFFFFF0))
        yield edit(f"dir-{name}-wrap", lambda p, d=d: p.set_dir(d, 0xFFFFFFF0, 0x20))
    # Import descriptors: names and thunks pointing outside the image.
    irva, isize = pe.dir(1)
    ioff = pe.rva_to_off(irva) if irva else None
    if ioff is not None:
        yield edit("import-dllname-outside", lambda p: p.u32(ioff + 12, 0x7FFFFFF0))
        yield edit("import-ilt-outside", lambda p: p.u32(ioff, 0x7FFFFFF0))
        yield edit("import-iat-outside", lambda p: p.u32(ioff + 16, 0x7FFFFFF0))
        yield edit("import-no-terminator", lambda p: p.set_dir(1, irva, 0x7FFF))
        ilt = struct.unpack_from("<I", good, ioff)[0] or struct.unpack_from("<I", good, ioff + 16)[0]
        ilt_off = pe.rva_to_off(ilt) if ilt else None
        if ilt_off is not None:
            yield edit("import-hintname-outside", lambda p: p.u32(ilt_off, 0x7FFFFFF0))
            yield edit("import-unknown-dll", lambda p: p.data.__setitem__(
                slice(pe.rva_to_off(struct.unpack_from("<I", good, ioff + 12)[0]),
                      pe.rva_to_off(struct.unpack_from("<I", good, ioff + 12)[0]) + 4), b"zzzz"))
            hn = struct.unpack_from("<I", good, ilt_off)[0]
            hn_off = pe.rva_to_off(hn) if hn and not hn & 0x80000000 else None
            if hn_off is not None:
                yield edit("import-name-unknown", lambda p: p.data.__setitem__(
                    slice(hn_off + 2, hn_off + 6), b"Zzzz"))
                yield edit("import-name-unterminated", lambda p: p.data.__setitem__(
                    slice(hn_off + 2, n), b"A" * (n - hn_off - 2)))
    # Relocation blocks with bad sizes and types.
    rrva, rsize = pe.dir(5)
    roff = pe.rva_to_off(rrva) if rrva else None
    if roff is not None and rsize >= 10:
        yield edit("reloc-block-size-zero", lambda p: p.u32(roff + 4, 0))
        yield edit("reloc-block-size-huge", lambda p: p.u32(roff + 4, 0x7FFFFFF0))
        yield edit("reloc-block-size-odd", lambda p: p.u32(roff + 4, 9))
        yield edit("reloc-page-outside", lambda p: p.u32(roff, 0x7FFFF000))
        # HIGHLOW (3) and DIR64 (10) are the two a driver needs; DIR64 only in PE32+
        for t in (1, 2, 4, 5, 7, 9, 11) + ((10,) if pe32 else ()):
            yield edit(f"reloc-type-{t}", lambda p, t=t: p.u16(roff + 8, (t << 12) | 0x10))
        last_page = struct.unpack_from("<I", good, pe.size_of_image_off)[0] - 0x1000
        # the image's own width (HIGHLOW's 4 bytes, DIR64's 8), crossing the end
        wide = (3 << 12) | 0xFFE if pe32 else (10 << 12) | 0xFFC
        yield edit("reloc-target-crosses-end", lambda p: (p.u32(roff, last_page),
                                                          p.u16(roff + 8, wide)))
    # Random corruption of structural fields: the rest of the count.  Every
    # value chosen is invalid on its own (an offset or size with the top bit
    # set is past any file or image we accept; a machine or magic outside the
    # supported set), so each image must be refused; which field and value is
    # random.
    fields32 = [("lfanew", 0x3C), ("sizeofimage", pe.size_of_image_off),
                ("sizeofheaders", pe.size_of_headers_off), ("ndirs", pe.ndirs_off),
                ("entry", pe.opt + 16)]
    for d in (0, 1, 5):
        if pe.dir(d)[0]:
            fields32 += [(f"dir{d}-rva", pe.dirs + 8 * d), (f"dir{d}-size", pe.dirs + 8 * d + 4)]
    for i in range(pe.nsec):
        o = pe.sec + 40 * i
        # SizeOfRawData alone is no target: only min(raw, virtual) is read.
        fields32 += [(f"sec{i}-vsize", o + 8), (f"sec{i}-va", o + 12)]
        if min(pe.section(i)[3], pe.section(i)[1]):
            fields32.append((f"sec{i}-rawptr", o + 20))
    i = 0
    while True:
        i += 1
        p = Pe(good)
        kind = rng.randrange(10)
        if kind == 0:
            val = rng.choice([v for v in range(0x10000) if v not in (0x8664, 0x14C)][:4096])
            p.u16(p.coff, val)
            label = f"machine-{val:#x}"
        elif kind == 1:
            val = rng.choice([v for v in range(0x10000) if v not in (0x10B, 0x20B)][:4096])
            p.u16(p.opt, val)
            label = f"magic-{val:#x}"
        else:
            name, off = rng.choice(fields32)
            val = rng.randrange(0x80000000, 0x100000000)
            p.u32(off, val)
            label = f"{name}-{val:#x}"
        yield f"rand{i}-{label}", bytes(p.data)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    good = open(sys.argv[1], "rb").read()
    out = sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    prefix = sys.argv[4] if len(sys.argv) > 4 else ""
    os.makedirs(out, exist_ok=True)
    rng = random.Random(0x76707772)
    made = tried = 0
    for label, data in mutations(good, rng):
        # the mutations never end: with a PREFIX, COUNT of them are looked at
        tried += 1
        if prefix and tried > count:
            break
        if data == good or not label.startswith(prefix):
            continue
        if not label.startswith("checksum-"):
            data = pe_checksum.fix(data)
        with open(os.path.join(out, f"{made:04d}-{label}.sys"), "wb") as f:
            f.write(data)
        made += 1
        if made >= count:
            break
    print(f"mkhostile: {made} images in {out}")


if __name__ == "__main__":
    main()
