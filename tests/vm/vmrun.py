#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot a cached Debian kernel under QEMU/TCG with a busybox initramfs and run
a guest script in it.

The kernel console goes to ttyS0 (saved as OUT/console.log); the guest script
talks to us over ttyS1, a line protocol of our own:

    PASS: name / FAIL: name: why   forwarded to our stdout (the suite counts them)
    @@SCREENDUMP name              we save QEMU's screen dump to OUT/name.ppm and
                                   answer "ok" on ttyS1
    @@WAKEUP                       we answer "ok", wait until QEMU reports the
                                   guest suspended to RAM, then wake it (QMP)
    @@HALT name                    we answer "ok"; the guest halts (the kernel
                                   shuts its devices down); once the kernel
                                   reports it halted we save the screen dump
                                   OUT/name.ppm, and the guest has finished
    @@DONE rc                      the script finished with exit code rc

After the guest stops we add one check of our own: the kernel log must hold no
oops, BUG, WARNING, general protection fault or call trace, and no report of
the memory and lock debuggers.  Every boot runs with the memory checks that the
stock kernels carry switched on (DEBUG_BOOT below): SLUB sanity checks, red
zones, poisoning and user tracking, KFENCE sampling, and page poisoning; a
debug kernel adds its own (KASAN, UBSAN, lockdep, debug objects).  A guest that
does not finish within --timeout is killed and fails.

Stock modules may be compressed (Debian's 7.x kernels ship .ko.xz): they are
decompressed into the initramfs, whose busybox cannot read them otherwise.
vpwrap.ko goes in without its debug information, as Debian installs its own
modules (INSTALL_MOD_STRIP): the kernel reads and copies the whole file on
every insmod, and the DWARF makes it seventeen times larger.
"""
import argparse
import json
import lzma
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# Oopses, BUG()/WARN(), and what the debuggers print: SLUB ("BUG kmalloc-64
# (...): Poison overwritten" and its FIX/INFO lines), KFENCE and KASAN ("BUG:
# KFENCE: ...", "BUG: KASAN: ..."), page poisoning ("pagealloc: memory
# corruption"), UBSAN, debug objects (ODEBUG), lockdep (a WARNING, or "INFO:
# ..." for its lighter reports) and a sleeping call in atomic context.
BAD_LOG = re.compile(r"Oops|BUG[: ]|WARNING:|general protection|Call Trace|"
                     r"Kernel panic|KFENCE:|KASAN:|UBSAN:|ODEBUG:|pagealloc: |"
                     r"Poison overwritten|Redzone overwritten|Object padding|"
                     r"INFO: (possible|lockdep)|"
                     r"kmemleak:.*suspected")

# Memory checks every boot runs with: SLUB consistency checks (F), red zones
# (Z), poisoning (P) and alloc/free tracking (U); KFENCE guarding one
# allocation every 10 ms; freed pages poisoned and checked on reuse.
DEBUG_BOOT = "slub_debug=FZPU kfence.sample_interval=10 page_poison=1"


# A page fault in miniport code that vpwrap contained: the kernel prints its
# report before the die notifier can act (docs/trust-model.md).  Such a report
# is not a failure when vpwrap's CONTAINED line ends it; the kernel's "CR2"
# and end marker follow within a few lines.
PF_REPORT = re.compile(r"BUG: unable to handle page fault|BUG: kernel NULL pointer dereference")
CONTAINED = re.compile(r"vpwrap: \S+: the oops above is the driver's and is contained")
END_TRACE = re.compile(r"---\[ end trace")
CR2 = re.compile(r"\bCR2: ")


def strip_contained(lines):
    """The log lines without the page-fault reports vpwrap contained."""
    out, held, skip = [], None, 0
    for line in lines:
        if PF_REPORT.search(line):
            out += held or []
            held = []
        if held is not None:
            held.append(line)
            if CONTAINED.search(line):
                held, skip = None, 4
            continue
        if skip:
            skip -= 1
            if END_TRACE.search(line):
                skip = 0
            if END_TRACE.search(line) or CR2.search(line):
                continue
        out.append(line)
    return out + (held or [])


def log_is_clean(text):
    """Return the first offending kernel log line, or None."""
    for line in strip_contained(text.splitlines()):
        if BAD_LOG.search(line):
            return line.strip()
    return None


def parse_modules_dep(moddir):
    deps = {}
    names = {}
    with open(os.path.join(moddir, "modules.dep")) as f:
        for line in f:
            mod, _, rest = line.partition(":")
            deps[mod] = rest.split()
            base = os.path.basename(mod).split(".ko")[0].replace("-", "_")
            names[base] = mod
    return deps, names


def modinfo_depends(ko):
    out = subprocess.run(["modinfo", "-F", "depends", ko],
                         capture_output=True, text=True).stdout.strip()
    return [d for d in out.split(",") if d]


def copy_module(src, dst):
    """Copy one stock module, decompressing .ko.xz / .ko.zst to .ko."""
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    if src.endswith(".xz"):
        with lzma.open(src) as f, open(dst[:-3], "wb") as out:
            shutil.copyfileobj(f, out)
    elif src.endswith(".zst"):
        with open(dst[:-4], "wb") as out:
            subprocess.run(["zstd", "-dc", src], stdout=out, check=True)
    else:
        shutil.copy(src, dst)


# Where Debian's i386 dynamic loader looks (multiarch first, as it does).
I386_LIB_DIRS = ("/lib/i386-linux-gnu", "/usr/lib/i386-linux-gnu", "/lib32", "/usr/lib32")


def i386_libraries(path):
    """The loader and the libraries, recursively, of an i386 program: ldd
    cannot tell when the host kernel runs no 32-bit programs, so they are
    read with readelf and looked up in Debian's i386 library directories."""
    def readelf(opt, f):
        return subprocess.run(["readelf", opt, f], capture_output=True, text=True).stdout

    m = re.search(r"interpreter: (/\S+)\]", readelf("-l", path))
    libs = [m.group(1)] if m else []
    todo, seen = [path], set()
    while todo:
        for name in re.findall(r"\(NEEDED\)\s+Shared library: \[(\S+)\]", readelf("-d", todo.pop())):
            if name in seen:
                continue
            seen.add(name)
            found = [os.path.join(d, name) for d in I386_LIB_DIRS
                     if os.path.exists(os.path.join(d, name))]
            if not found:
                sys.exit(f"vmrun: {path} needs {name}, not found in {', '.join(I386_LIB_DIRS)}")
            libs.append(found[0])
            todo.append(found[0])
    return libs


def copy_binary(spec, root):
    """Copy a dynamically linked host program (HOST[:GUEST], default
    /usr/bin/<name>) and the libraries it needs."""
    path, _, guest = spec.partition(":")
    guest = guest or os.path.join("/usr/bin", os.path.basename(path))
    dst = os.path.join(root, guest.lstrip("/"))
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copy(path, dst)
    with open(path, "rb") as f:
        head = f.read(20)
    if head[:4] == b"\x7fELF" and head[18:20] == b"\x03\x00":	# e_machine EM_386
        libs = i386_libraries(path)
    else:
        out = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
        libs = [m.group(1) for m in (re.search(r"(/\S+)\s+\(0x", line)
                                     for line in out.splitlines()) if m]
    for lib in libs:
        dst = os.path.join(root, lib.lstrip("/"))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy(os.path.realpath(lib), dst)


def build_initramfs(args, work):
    kcache = os.environ["KCACHE"]
    krel = os.environ["KREL"]
    moddir = os.path.join(kcache, "modules")
    root = os.path.join(work, "root")
    for d in ("bin", "sbin", "dev", "proc", "sys", "tmp", "lib", "etc", "mnt",
              "run", "usr/bin", "usr/sbin"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    # An i386 kernel's cache holds an i386 busybox (scripts/kernel.sh).
    busybox = os.path.join(kcache, "busybox")
    if not os.path.exists(busybox):
        busybox = "/bin/busybox"
    shutil.copy(busybox, os.path.join(root, "bin/busybox"))
    os.symlink("busybox", os.path.join(root, "bin/sh"))

    # Stock modules: the requested ones, what vpwrap.ko needs, and their deps.
    deps, names = parse_modules_dep(moddir)
    wanted = [m.strip().replace("-", "_") for m in args.modules.split(",") if m.strip()]
    ko = os.environ.get("VPWRAP_KO")
    ko_deps = []
    if ko and os.path.exists(ko):
        ko_deps = [d.replace("-", "_") for d in modinfo_depends(ko)]
        wanted += ko_deps
    todo = []
    for w in wanted:
        if w not in names:
            sys.exit(f"vmrun: no module {w} in {moddir}")
        todo.append(names[w])
    seen = set()
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        todo += deps.get(m, [])
    dst_moddir = os.path.join(root, "lib/modules", krel)
    os.makedirs(dst_moddir, exist_ok=True)
    for m in seen:
        copy_module(os.path.join(moddir, m), os.path.join(dst_moddir, m))
    for f in ("modules.order", "modules.builtin", "modules.builtin.modinfo"):
        if os.path.exists(os.path.join(moddir, f)):
            shutil.copy(os.path.join(moddir, f), dst_moddir)
    if ko and os.path.exists(ko):
        os.makedirs(os.path.join(dst_moddir, "extra"), exist_ok=True)
        subprocess.run(["strip", "--strip-debug", "-o",
                        os.path.join(root, "vpwrap.ko"), ko], check=True)
        shutil.copy(os.path.join(root, "vpwrap.ko"),
                    os.path.join(dst_moddir, "extra/vpwrap.ko"))
    subprocess.run(["depmod", "-b", root, krel], check=True)
    # init loads these first, so that a plain `insmod /vpwrap.ko` works.
    with open(os.path.join(root, "etc/vpwrap-deps"), "w") as f:
        f.write("\n".join(ko_deps) + "\n")

    for spec in args.add:
        host, _, guest = spec.partition(":")
        guest = guest or "/" + os.path.basename(host)
        dst = os.path.join(root, guest.lstrip("/"))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.isdir(host):
            shutil.copytree(host, dst, dirs_exist_ok=True, symlinks=False)
        else:
            shutil.copy(host, dst)
    for binary in args.bin:
        copy_binary(binary, root)
    shutil.copy(os.path.join(HERE, "vmlib.sh"), os.path.join(root, "lib/vmlib.sh"))
    shutil.copy(os.path.join(HERE, "init.sh"), os.path.join(root, "init"))
    shutil.copy(args.script, os.path.join(root, "test.sh"))
    os.chmod(os.path.join(root, "init"), 0o755)

    initrd = os.path.join(work, "initrd.cpio.gz")
    subprocess.run(f"cd '{root}' && find . | cpio -o -H newc --quiet | gzip -1 > '{initrd}'",
                   shell=True, check=True)
    return initrd


class Qmp:
    def __init__(self, sock):
        self.sock = sock
        self.f = self.sock.makefile("rw")
        self.f.readline()  # greeting
        self.cmd("qmp_capabilities")

    def cmd(self, name, **arguments):
        msg = {"execute": name}
        if arguments:
            msg["arguments"] = arguments
        self.f.write(json.dumps(msg) + "\n")
        self.f.flush()
        while True:
            reply = json.loads(self.f.readline())
            if "return" in reply or "error" in reply:
                return reply


def wake_when_suspended(qmp, limit=300):
    """The guest asked to be woken from suspend to RAM: wait until QEMU
    reports it suspended, then press the (emulated) wake-up button."""
    end = time.time() + limit
    while time.time() < end:
        status = qmp.cmd("query-status").get("return", {}).get("status")
        if status == "suspended":
            return "error" not in qmp.cmd("system_wakeup")
        time.sleep(0.2)
    return False


def dump_when_halted(qmp, console, shot, limit=300):
    """The guest is halting: once the kernel says it has halted, save the
    screen as the devices' shutdown left it."""
    end = time.time() + limit
    while time.time() < end:
        with open(console, errors="replace") as f:
            if "reboot: System halted" in f.read():
                return "return" in qmp.cmd("screendump", filename=shot)
        time.sleep(0.2)
    return False


def connect_when_ready(path, proc, limit=30):
    """Connect to one of QEMU's sockets once it listens.  The socket file
    appears at bind(), a moment before listen(): until then a connection is
    refused, and on a loaded host that moment is long enough to hit."""
    end = time.time() + limit
    while proc.poll() is None and time.time() < end:
        sock = socket.socket(socket.AF_UNIX)
        try:
            sock.connect(path)
            return sock
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
            time.sleep(0.05)
    return None


def qemu_argv(args, initrd, work):
    kcache = os.environ["KCACHE"]
    argv = ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg",
            "-m", str(args.mem), "-smp", str(args.smp),
            "-display", "none", "-no-reboot",
            "-kernel", os.path.join(kcache, "vmlinuz"), "-initrd", initrd,
            "-append", " ".join(["console=ttyS0,115200 panic=-1",
                                 DEBUG_BOOT if args.debug else "", args.append]),
            "-serial", "file:" + os.path.join(args.out, "console.log"),
            "-chardev", f"socket,id=ctl,path={work}/ctl.sock,server=on,wait=off",
            "-serial", "chardev:ctl",
            "-qmp", f"unix:{work}/qmp.sock,server=on,wait=off",
            "-net", "none"]
    if args.profile == "std":
        argv += ["-vga", "std"]
    elif args.profile == "cirrus":
        argv += ["-vga", "none", "-device", "cirrus-vga"]
    else:
        argv += ["-vga", "none"]
    return argv + args.qemu_arg


def run(args):
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="vmrun.")
    name = args.name or os.path.splitext(os.path.basename(args.script))[0]
    failed = False
    proc = None

    def report(ok, what, why=""):
        nonlocal failed
        failed |= not ok
        print(f"PASS: {name}: {what}" if ok else f"FAIL: {name}: {what}: {why}",
              flush=True)

    try:
        initrd = build_initramfs(args, work)
        proc = subprocess.Popen(qemu_argv(args, initrd, work),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        ctl = connect_when_ready(f"{work}/ctl.sock", proc)
        qsock = ctl and connect_when_ready(f"{work}/qmp.sock", proc)
        if not qsock:
            if proc.poll() is None:
                proc.kill()
            report(False, "qemu started", proc.stderr.read().decode()[-500:])
            return 1
        qmp = Qmp(qsock)
        ctl.settimeout(0.5)
        deadline = time.time() + args.timeout
        buf = b""
        done = None
        halted = False
        guest_log = open(os.path.join(args.out, "guest.log"), "w")
        while time.time() < deadline and done is None and not halted:
            try:
                data = ctl.recv(65536)
                if not data:
                    break
            except socket.timeout:
                if proc.poll() is not None:
                    break
                continue
            buf += data
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                line = raw.decode(errors="replace").rstrip("\r")
                guest_log.write(line + "\n")
                guest_log.flush()
                if line.startswith("PASS: ") or line.startswith("FAIL: "):
                    failed |= line.startswith("FAIL: ")
                    print(f"{line[:6]}{name}: {line[6:]}", flush=True)
                elif line.startswith("@@SCREENDUMP "):
                    shot = os.path.join(args.out, line.split()[1] + ".ppm")
                    r = qmp.cmd("screendump", filename=shot)
                    ctl.sendall(b"ok\n" if "return" in r else b"error\n")
                elif line.startswith("@@WAKEUP"):
                    ctl.sendall(b"ok\n")
                    woke = wake_when_suspended(qmp)
                    guest_log.write(f"@@ host: system_wakeup {'sent' if woke else 'not sent: guest never suspended'}\n")
                elif line.startswith("@@HALT "):
                    ctl.sendall(b"ok\n")
                    shot = os.path.join(args.out, line.split()[1] + ".ppm")
                    ok = dump_when_halted(qmp, os.path.join(args.out, "console.log"), shot)
                    guest_log.write(f"@@ host: halted, {'screen dumped' if ok else 'no halt seen or no dump'}\n")
                    done = "halted" if ok else None
                    halted = True
                    break
                elif line.startswith("@@DONE"):
                    done = line.split()[1] if len(line.split()) > 1 else "?"
                elif args.verbose:
                    print("  guest: " + line, flush=True)
        if done is None:
            report(False, "guest finished", f"no @@DONE within {args.timeout}s")
        elif not halted:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        time.sleep(0.2)
        with open(os.path.join(args.out, "console.log"), errors="replace") as f:
            bad = log_is_clean(f.read())
        report(bad is None, "kernel log clean", bad or "")
        return 1 if failed else 0
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", help="directory for console.log, guest.log, dumps")
    p.add_argument("--profile", choices=["std", "cirrus", "none"], default="std")
    p.add_argument("--smp", type=int, default=1)
    p.add_argument("--mem", type=int, default=512)
    p.add_argument("--timeout", type=int, default=180)
    p.add_argument("--modules", default="", help="stock modules to include, comma separated")
    p.add_argument("--add", action="append", default=[], help="HOST[:GUEST] file or dir")
    p.add_argument("--bin", action="append", default=[],
                   help="HOST[:GUEST] program to copy (default to /usr/bin) with its shared libraries")
    p.add_argument("--append", default="", help="extra kernel command line")
    p.add_argument("--no-debug", dest="debug", action="store_false",
                   default=os.environ.get("VPWRAP_VM_DEBUG", "1") != "0",
                   help="boot without the memory checks (benchmarks; also VPWRAP_VM_DEBUG=0)")
    p.add_argument("--qemu-arg", action="append", default=[], help="extra QEMU argument")
    p.add_argument("--name", help="scenario name used in PASS/FAIL lines")
    p.add_argument("--check-log", action="store_true",
                   help="only check the kernel log given as SCRIPT and report")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("script")
    args = p.parse_args()
    if args.check_log:
        with open(args.script, errors="replace") as f:
            bad = log_is_clean(f.read())
        print("clean" if bad is None else "dirty: " + bad)
        return 0 if bad is None else 1
    if not args.out:
        p.error("--out is required")
    for var in ("KCACHE", "KREL"):
        if var not in os.environ:
            sys.exit(f"vmrun: {var} is not set (run from tests/check.sh or export it)")
    try:
        return run(args)
    except Exception as e:
        # a harness failure must still show up as a failed check: a suite
        # does not look at vmrun's exit code, only at its PASS/FAIL lines
        name = args.name or os.path.splitext(os.path.basename(args.script))[0]
        print(f"FAIL: {name}: vmrun: {type(e).__name__}: {e}", flush=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
