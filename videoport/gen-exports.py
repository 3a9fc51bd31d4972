#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print the export table of a built vpwrap.ko as exports.txt lines.

    videoport/gen-exports.py .build/<release>/vpwrap.ko > videoport/out/exports.txt

`make module` runs it after every build: the VP_EXPORT annotations in the
sources are the one definition of the export list, and this is how the rest
of the tree (the tool, the test miniports' import libraries, the tests) gets
it.  Reads the rows every VP_EXPORT leaves in the "vp_exports" section
(videoport/export.h: struct vp_export = name pointer, address, u8 dll,
u8 status, padded to 24 bytes) and resolves the name pointers through the
section's relocations.
"""
import struct
import sys

DLLS = ["videoprt.sys", "ntoskrnl.exe", "hal.dll"]
STATUS = ["implemented", "unsupported"]
ROW = 24

HEADER = """\
# videoport exports: <dll> <name> <status>.  status: implemented, or
# unsupported (returns the documented failure by design).  Generated from
# the built module by videoport/gen-exports.py (make module); do not edit:
# the VP_EXPORT annotations in videoport/ are the list.
"""


def sections(elf):
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3a)
    hdrs = []
    for i in range(shnum):
        name, typ, flags, addr, off, size, link, info, align, entsize = \
            struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize)
        hdrs.append(dict(name=name, type=typ, off=off, size=size, link=link,
                         info=info, entsize=entsize))
    strtab = hdrs[shstrndx]
    for h in hdrs:
        end = elf.index(b"\0", strtab["off"] + h["name"])
        h["sname"] = elf[strtab["off"] + h["name"]:end].decode()
    return hdrs


def main():
    elf = open(sys.argv[1], "rb").read()
    if elf[:4] != b"\x7fELF" or elf[4] != 2:
        sys.exit("not an ELF64 object")
    secs = sections(elf)
    idx = [i for i, s in enumerate(secs) if s["sname"] == "vp_exports"]
    if not idx:
        sys.exit("no vp_exports section")
    vx = idx[0]
    data = elf[secs[vx]["off"]:secs[vx]["off"] + secs[vx]["size"]]
    rela = [s for s in secs if s["type"] == 4 and s["info"] == vx]
    if not rela:
        sys.exit("no relocations for vp_exports")
    rela = rela[0]
    symtab = secs[rela["link"]]
    names = {}
    for i in range(rela["size"] // 24):
        off, info, addend = struct.unpack_from("<QQq", elf, rela["off"] + i * 24)
        if off % ROW != 0:
            continue
        sym = info >> 32
        st_name, st_info, st_other, st_shndx, st_value, st_size = \
            struct.unpack_from("<IBBHQQ", elf, symtab["off"] + sym * 24)
        target = secs[st_shndx]
        pos = target["off"] + st_value + addend
        names[off // ROW] = elf[pos:elf.index(b"\0", pos)].decode()
    rows = []
    for i in range(len(data) // ROW):
        dll, status = data[i * ROW + 16], data[i * ROW + 17]
        if i not in names or dll >= len(DLLS) or status >= len(STATUS):
            sys.exit(f"row {i} is malformed")
        rows.append(f"{DLLS[dll]} {names[i]} {STATUS[status]}")
    sys.stdout.write(HEADER + "".join(r + "\n" for r in sorted(rows)))


if __name__ == "__main__":
    main()
