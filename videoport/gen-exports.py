#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the export table of a built vpwrap.ko as an exports.txt file.

    videoport/gen-exports.py .build/<release>/vpwrap.ko videoport/out

writes videoport/out/exports.txt for an x86_64 module and
videoport/out/exports-i386.txt for an i386 one (ELF class decides).

`make module` runs it after every build: the VP_EXPORT annotations in the
sources are the one definition of the export list, and this is how the rest
of the tree (the tool, the test miniports' import libraries, the tests) gets
it.  Reads the rows every VP_EXPORT leaves in the "vp_exports" section
(videoport/export.h: struct vp_export = name pointer, address, u8 dll,
u8 status, bool direct, fast form pointer, aligned to 8: 32 bytes a row on
x86_64, 16 on i386) and resolves the name pointers through the section's
relocations.  Reads x86_64 (ELF64) and i386 (ELF32) modules.
"""
import os
import struct
import sys

DLLS = ["videoprt.sys", "ntoskrnl.exe", "hal.dll"]
STATUS = ["implemented", "unsupported"]

HEADER = """\
# videoport exports: <dll> <name> <status>.  status: implemented, or
# unsupported (returns the documented failure by design).  Generated from
# the built module by videoport/gen-exports.py (make module); do not edit:
# the VP_EXPORT annotations in videoport/ are the list.
"""

# The two ELF classes differ in word size and in where a relocation keeps
# its addend: x86_64 modules carry RELA entries, i386 modules REL entries
# whose addend is the word already stored at the relocated place.
ELF64 = dict(shoff=("<Q", 0x28), shent=0x3a, shdr="<IIQQQQIIQQ",
             sym="<IBBHQQ", symsize=24, symorder="name info other shndx value size",
             rel="<QQq", relsize=24, reltype=4, symshift=32, ptr="<Q",
             row=32)
ELF32 = dict(shoff=("<I", 0x20), shent=0x2e, shdr="<IIIIIIIIII",
             sym="<IIIBBH", symsize=16, symorder="name value size info other shndx",
             rel="<II", relsize=8, reltype=9, symshift=8, ptr="<I",
             row=16)


def sections(elf, c):
    shoff, = struct.unpack_from(c["shoff"][0], elf, c["shoff"][1])
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, c["shent"])
    hdrs = []
    for i in range(shnum):
        name, typ, flags, addr, off, size, link, info, align, entsize = \
            struct.unpack_from(c["shdr"], elf, shoff + i * shentsize)
        hdrs.append(dict(name=name, type=typ, off=off, size=size, link=link,
                         info=info, entsize=entsize))
    strtab = hdrs[shstrndx]
    for h in hdrs:
        end = elf.index(b"\0", strtab["off"] + h["name"])
        h["sname"] = elf[strtab["off"] + h["name"]:end].decode()
    return hdrs


def relocations(elf, c, rel, data):
    """(offset, symbol index, addend) of each relocation in section rel."""
    for i in range(rel["size"] // c["relsize"]):
        ent = struct.unpack_from(c["rel"], elf, rel["off"] + i * c["relsize"])
        off, info = ent[0], ent[1]
        if len(ent) == 3:
            addend = ent[2]
        else:
            addend, = struct.unpack_from(c["ptr"], data, off)
        yield off, info >> c["symshift"], addend


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen-exports.py vpwrap.ko OUTDIR")
    elf = open(sys.argv[1], "rb").read()
    if elf[:4] != b"\x7fELF" or elf[4] not in (1, 2):
        sys.exit("not an ELF object")
    c = ELF64 if elf[4] == 2 else ELF32
    row = c["row"]
    secs = sections(elf, c)
    idx = [i for i, s in enumerate(secs) if s["sname"] == "vp_exports"]
    if not idx:
        sys.exit("no vp_exports section")
    vx = idx[0]
    data = elf[secs[vx]["off"]:secs[vx]["off"] + secs[vx]["size"]]
    rel = [s for s in secs if s["type"] == c["reltype"] and s["info"] == vx]
    if not rel:
        sys.exit("no relocations for vp_exports")
    symtab = secs[rel[0]["link"]]
    order = c["symorder"].split()
    names = {}
    for off, sym, addend in relocations(elf, c, rel[0], data):
        if off % row != 0:
            continue
        st = dict(zip(order, struct.unpack_from(
            c["sym"], elf, symtab["off"] + sym * c["symsize"])))
        pos = secs[st["shndx"]]["off"] + st["value"] + addend
        names[off // row] = elf[pos:elf.index(b"\0", pos)].decode()
    ptr = struct.calcsize(c["ptr"])
    rows = []
    for i in range(len(data) // row):
        dll, status = data[i * row + 2 * ptr], data[i * row + 2 * ptr + 1]
        if i not in names or dll >= len(DLLS) or status >= len(STATUS):
            sys.exit(f"row {i} is malformed")
        rows.append(f"{DLLS[dll]} {names[i]} {STATUS[status]}")
    out = os.path.join(sys.argv[2], "exports%s.txt" % ("" if elf[4] == 2 else "-i386"))
    os.makedirs(sys.argv[2], exist_ok=True)
    with open(out + ".tmp", "w") as f:
        f.write(HEADER + "".join(r + "\n" for r in sorted(rows)))
    os.replace(out + ".tmp", out)
    print(f"module: export list {out}")


if __name__ == "__main__":
    main()
