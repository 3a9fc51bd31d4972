#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the calling convention of every export of an i386 vpwrap.ko.

    tests/abi/conventions.py VPWRAP_KO [MINGW_LIBDIR]

On x86 a wrong convention corrupts the caller's stack: a __stdcall export
must pop its arguments (`ret $N`), a __cdecl one must not (`ret`).  The
reference is independent of our code: the decorated names in mingw-w64's
i686 import libraries (libvideoprt.a, libntoskrnl.a, libhal.a):
_Name@N is __stdcall with N bytes of arguments, @Name@N __fastcall (the
first two 32-bit arguments in ECX/EDX, the rest on the stack), _Name
__cdecl.  The export rows come from the module's "vp_exports" section
(videoport/export.h), each naming its function; every `ret` in the
function's code (and its .cold part) must pop what the reference says.
Prints a FAIL line per export that does not match and one PASS line for
the rest (-v: one PASS line per export); exits 1 if any failed.
"""
import re
import struct
import subprocess
import sys

DLLS = ["videoprt", "ntoskrnl", "hal"]
ROW = 16		# struct vp_export on i386: two pointers, two u8, a bool, a pointer

# Exports mingw-w64's libraries do not list, with the prototypes the DDK
# documents: name -> bytes of __stdcall arguments.
EXTRA_STDCALL = {
    "VideoPortCheckForDeviceExistance": 28,
    "VideoPortFlushRegistry": 4,
    "VideoPortIsNoVesa": 0,
    "VpNotifyEaData": 8,
    "WdDdiWatchdogDpcCallback": 16,
    # x64 names, exported on x86 too: the x86 headers make macros of them
    "KeAcquireSpinLockRaiseToDpc": 4,
    "RtlCopyMemory": 12,
}

# Where mingw-w64's decoration disagrees with the DDK's prototype (its
# libntoskrnl.a has _RtlRaiseException@24; the DDK declares one pointer).
DDK_STDCALL = {
    "RtlRaiseException": 4,
}


def reference(libdir):
    ref, imports = {}, set()
    for dll in DLLS:
        out = subprocess.run(["nm", f"{libdir}/lib{dll}.a"], capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] == "I":
                m = re.fullmatch(r"__imp__(\w+)", parts[2])
                if m:
                    imports.add((dll, m[1]))
                continue
            if len(parts) != 3 or parts[1] != "T":
                continue
            sym = parts[2]
            m = re.fullmatch(r"@(\w+)@(\d+)", sym)
            if m:
                ref.setdefault((dll, m[1]), ("fastcall", max(0, int(m[2]) - 8)))
                continue
            m = re.fullmatch(r"_(\w+)@(\d+)", sym)
            if m:
                ref.setdefault((dll, m[1]), ("stdcall", int(m[2])))
                continue
            m = re.fullmatch(r"_(\w+)", sym)
            if m:
                ref.setdefault((dll, m[1]), ("cdecl", 0))
    # an import without a code stub is data (KeTickCount)
    for key in imports:
        ref.setdefault(key, ("data", None))
    return ref


def elf32(path):
    elf = open(path, "rb").read()
    if elf[:5] != b"\x7fELF\x01" or struct.unpack_from("<H", elf, 18)[0] != 3:
        sys.exit(f"{path}: not an ELF32 i386 object")
    shoff, = struct.unpack_from("<I", elf, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x2e)
    secs = []
    for i in range(shnum):
        f = struct.unpack_from("<IIIIIIIIII", elf, shoff + i * shentsize)
        secs.append(dict(name=f[0], type=f[1], off=f[4], size=f[5], link=f[6], info=f[7]))
    stroff = secs[shstrndx]["off"]
    for s in secs:
        s["sname"] = elf[stroff + s["name"]:elf.index(b"\0", stroff + s["name"])].decode()
    return elf, secs


def cstr(elf, off):
    return elf[off:elf.index(b"\0", off)].decode()


def func_at(elf, symtab, strtab, shndx, value):
    """The name of the function symbol at section @shndx + @value: a
    relocation names a static function by its section and offset."""
    for i in range(symtab["size"] // 16):
        st_name, st_value, st_size, st_info, st_other, st_shndx = \
            struct.unpack_from("<IIIBBH", elf, symtab["off"] + i * 16)
        if st_info & 0xf == 2 and st_shndx == shndx and st_value == value:
            return cstr(elf, strtab["off"] + st_name)
    return None


def rows(path):
    """[(dll index, export name, function symbol)] of the vp_exports section;
    an export with a fast form (VP_EXPORT_FAST) has a second row naming it."""
    elf, secs = elf32(path)
    vx = [i for i, s in enumerate(secs) if s["sname"] == "vp_exports"]
    if not vx:
        sys.exit("no vp_exports section")
    vx = vx[0]
    data = elf[secs[vx]["off"]:secs[vx]["off"] + secs[vx]["size"]]
    rel = [s for s in secs if s["type"] == 9 and s["info"] == vx]
    if not rel:
        sys.exit("no relocations for vp_exports")
    rel = rel[0]
    symtab = secs[rel["link"]]
    strtab = secs[symtab["link"]]
    name_of, func_of, fast_of = {}, {}, {}
    for i in range(rel["size"] // 8):
        off, info = struct.unpack_from("<II", elf, rel["off"] + i * 8)
        st_name, st_value, st_size, st_info, st_other, st_shndx = \
            struct.unpack_from("<IIIBBH", elf, symtab["off"] + (info >> 8) * 16)
        addend, = struct.unpack_from("<i", data, off)
        if off % ROW == 0:	# the name: a string in a section
            target = secs[st_shndx]
            name_of[off // ROW] = cstr(elf, target["off"] + st_value + addend)
        elif off % ROW == 4:	# the address: the function's symbol
            func_of[off // ROW] = cstr(elf, strtab["off"] + st_name)
            if not func_of[off // ROW] and st_shndx < len(secs):
                # a static variable (a data export): section and offset
                func_of[off // ROW] = f"{secs[st_shndx]['sname']}+{addend}"
        elif off % ROW == 12:	# the fast form: a function, often a static one
            fast_of[off // ROW] = cstr(elf, strtab["off"] + st_name) or \
                func_at(elf, symtab, strtab, st_shndx, addend)
    out = []
    for i in range(len(data) // ROW):
        out.append((data[i * ROW + 8], name_of.get(i), func_of.get(i)))
        if i in fast_of:
            out.append((data[i * ROW + 8], name_of.get(i), fast_of[i]))
    return out


def rets(path):
    """function symbol -> the byte counts its ret instructions pop."""
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", path],
                         capture_output=True, text=True, check=True).stdout
    found, cur = {}, None
    for line in out.splitlines():
        m = re.match(r"^[0-9a-f]+ <([^>]+)>:$", line)
        if m:
            cur = m[1].split(".cold")[0]
            found.setdefault(cur, [])
            continue
        m = re.match(r"^\s+[0-9a-f]+:\s+ret\s*(\$0x([0-9a-f]+))?\s*$", line)
        if m and cur:
            found[cur].append(int(m[2], 16) if m[2] else 0)
    return found


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    ko = args[0]
    libdir = args[1] if len(args) > 1 else "/usr/i686-w64-mingw32/lib"
    ref = reference(libdir)
    code = rets(ko)
    failed = passed = 0
    for dll, name, func in rows(ko):
        what = f"{DLLS[dll] if dll < len(DLLS) else dll}!{name}"
        if not name or not func:
            print(f"FAIL: convention: row {what}: unreadable")
            failed += 1
            continue
        conv, pops = ref.get((DLLS[dll], name), (None, None))
        if name in DDK_STDCALL:
            conv, pops = "stdcall", DDK_STDCALL[name]
        if conv is None and name in EXTRA_STDCALL:
            conv, pops = "stdcall", EXTRA_STDCALL[name]
        if conv is None:
            print(f"FAIL: convention: {what}: not in mingw-w64's import libraries nor in the extra table")
            failed += 1
            continue
        seen = sorted(set(code.get(func, [])))
        if conv == "data":
            # the row must name a variable, not code
            if func in code:
                print(f"FAIL: convention: {what}: a data export whose row names code ({func})")
                failed += 1
            else:
                passed += 1
            continue
        if not seen:
            # no ret at all: a function that never returns (KeBugCheckEx)
            # or ends in a tail call; neither can pop wrongly on its own
            passed += 1
            if verbose:
                print(f"PASS: convention: {what} ({conv}, no return)")
        elif seen == [pops]:
            passed += 1
            if verbose:
                print(f"PASS: convention: {what} ({conv}, pops {pops})")
        else:
            print(f"FAIL: convention: {what}: {func} pops {seen}, {conv} needs {pops}")
            failed += 1
    if not verbose and passed:
        print(f"PASS: convention: {passed} exports pop what mingw-w64's decorations say")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
