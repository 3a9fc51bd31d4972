#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the guest logs of `make bench` into bench/results.md and results.json.

    report.py OUTDIR RESULTS.md RESULTS.json

OUTDIR (out/bench) holds one directory per boot, DEVICE-DRIVER-ROUND, with the
guest's guest.log (BENCH / BENCH_NA / BENCH_INFO / BENCH_SPINLOCK lines, see
bench/guest/bench.h) and the screen dumps of the damage placement probe, plus
meta.txt written by bench/run.sh.  Every figure printed here comes from those
logs; a figure that is missing is printed as "n/a" with the reason logged.
"""
import json
import os
import re
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "vm"))
import ppm  # noqa: E402

DEVICES = {"std": "QEMU std VGA (native bochs vs vpwrap + vpbochs.sys)",
           "cirrus": "QEMU cirrus-vga (native cirrus vs vpwrap + vpcirrus.sys)"}
DRIVERS = ("native", "vpwrap")

# key, label, unit, which way is better, goal for vpwrap/native (None: no goal)
METRICS = [
    ("full_xrgb8888_fps", "full-screen update 1024x768 XRGB8888", "frames/s", "higher", 1.0),
    ("full_rgb565_fps", "full-screen update 1024x768 RGB565", "frames/s", "higher", 1.0),
    ("small_xrgb8888_ups", "64x64 update XRGB8888", "updates/s", "higher", 1.0),
    ("small_rgb565_ups", "64x64 update RGB565", "updates/s", "higher", 1.0),
    ("modeset_ms", "modeset 1024x768 <-> 800x600", "ms", "lower", 1.5),
    ("modeset_same_ms", "modeset keeping 1024x768 (new mode blob and framebuffer)", "ms",
     "lower", 1.5),
    ("load_ms", "modprobe -> /dev/dri/card0 opens", "ms", "lower", 1.5),
    ("modprobe_ms", "modprobe returns", "ms", "lower", None),
    ("modprobe_cpu_ms", "CPU time of modprobe (probe included; the rest is sleep)", "ms",
     "lower", None),
    ("mem_slab_kb", "slab delta after load", "kB", "lower", None),
    ("mem_vmalloc_kb", "vmalloc delta after load", "kB", "lower", None),
    ("mem_modules_kb", "module sizes added by load", "kB", "lower", None),
    ("console_line_us", "console: 80-character line to tty1, scrolling, until on screen "
     "(a line at a time)", "µs", "lower", 1.0),
    ("console_cpu_line_us", "console: CPU time per line (writer and flush worker)", "µs",
     "lower", None),
    ("console_bulk_line_us", "console: lines back to back, until on screen (flushes "
     "coalesce as scheduling falls)", "µs", "lower", 1.0),
    ("console_bulk_cpu_line_us", "console: CPU time per line back to back", "µs", "lower",
     None),
    ("vblank_hz", "vblank events (none: commits never wait)", "Hz", "higher", None),
    ("ref_write_mbps", "reference: same writes to plain RAM (host load)", "MB/s", "higher", None),
]
# The driver's share of each update (the rest is the CPU writing pixels), and
# the CPU time within it (the rest of it is waiting, e.g. for a vblank).
COMMIT = [
    ("full_xrgb8888_write", "full XRGB8888 update: writing the pixels"),
    ("full_xrgb8888_commit", "full XRGB8888 update: commit"),
    ("full_rgb565_write", "full RGB565 update: writing the pixels"),
    ("full_rgb565_commit", "full RGB565 update: commit"),
    ("small_xrgb8888_write", "64x64 XRGB8888 update: writing the pixels"),
    ("small_xrgb8888_commit", "64x64 XRGB8888 update: commit"),
    ("small_rgb565_write", "64x64 RGB565 update: writing the pixels"),
    ("small_rgb565_commit", "64x64 RGB565 update: commit"),
    ("modeset", "modeset: SETCRTC"),
    ("modeset_same", "modeset keeping the mode: atomic commit"),
]
# Timing modes: boots named DEVICE-DRIVER-icount ran under QEMU -icount (guest
# time counts instructions: deterministic, blind to how costly an emulated
# device access is); DEVICE-DRIVER-N ran on the wall clock.
MODES = [
    ("icount", "Deterministic: QEMU -icount (1 instruction = 1 ns of guest time), one boot each, "
               "{icount_seconds} s of guest time per rate"),
    ("wall", "Wall clock under TCG: {runs} boots each, alternating, {seconds_each} s per rate"),
]
SPIN_GOAL = 1.2
# Console figures: the guest's runs within one boot (drmbench console), by
# the key of the figure, the guest's key prefix and what the runs are.
CONSOLE = {"console_line_us": ("console", "a line at a time"),
           "console_bulk_line_us": ("console_bulk", "back to back")}
# Measured in the -icount boots only: no row where neither driver has it.
OPTIONAL = {"console_bulk_line_us", "console_bulk_cpu_line_us"}
# The spin-lock pairs videoport's debugfs bench times (videoport/lockbench.c),
# by the name of the acquire on its answer's lines (pair=...), with the
# native pair each is measured against.
SPIN_PAIRS = {
    "VideoPortAcquireSpinLock": ("VideoPortAcquire/ReleaseSpinLock",
                                 "raw_spin_lock_irqsave/unlock_irqrestore"),
    "VideoPortAcquireSpinLockAtDpcLevel": ("VideoPortAcquireSpinLockAtDpcLevel/"
                                           "ReleaseSpinLockFromDpcLevel",
                                           "raw_spin_lock/unlock"),
    "KeAcquireSpinLockAtDpcLevel": ("KeAcquireSpinLockAtDpcLevel/ReleaseSpinLockFromDpcLevel",
                                    "raw_spin_lock/unlock"),
    "KeAcquireSpinLockRaiseToDpc": ("KeAcquireSpinLockRaiseToDpc/KeReleaseSpinLock",
                                    "raw_spin_lock_bh/unlock_bh"),
    "KfAcquireSpinLock": ("KfAcquireSpinLock/KfReleaseSpinLock (i386)",
                          "raw_spin_lock_bh/unlock_bh"),
}
SPIN_FIRST = "VideoPortAcquireSpinLock"
WHITE = 200


def parse_log(path):
    """(values, not-available reasons, info, spinlock lines, log lines)."""
    vals, na, info, spin, logs = {}, {}, {}, [], []
    if not os.path.exists(path):
        return vals, na, info, spin, logs
    with open(path, errors="replace") as f:
        for line in f:
            tag, _, rest = line.rstrip("\n").partition(" ")
            key, _, text = rest.partition(" ")
            if tag == "BENCH":
                try:
                    vals[key] = float(text)
                except ValueError:
                    na[key] = f"unparsable value {text!r}"
            elif tag == "BENCH_NA":
                na[key] = text
            elif tag == "BENCH_INFO":
                info.setdefault(key, []).append(text)
            elif tag == "BENCH_SPINLOCK":
                spin.append(rest)
            elif tag == "BENCH_LOG":
                logs.append(rest)
    return vals, na, info, spin, logs


def spin_ratio(lines):
    """{pair name: (its pair / native pair, the same without the loop, ns per
    pair {videoport, native, loop})}: medians over the lines of one boot.

    Accepted forms: videoport's debugfs bench answer, one line per pair
    '[pair=NAME] pairs=N videoport_ns=X native_ns=Y [loop_ns=Z] ...' (Z: the
    same loop calling two empty functions; no pair= is VideoPort's pair), or
    a log line '... spinlock pair ... videoport X ns ... native Y ns' or
    '... ratio R'."""
    acc = {}
    for line in lines:
        name = re.search(r"pair=(\S+)", line)
        name = name.group(1) if name else SPIN_FIRST
        ratios, nets, per = acc.setdefault(
            name, ([], [], {"videoport": [], "native": [], "loop": []}))
        m = re.search(r"videoport_ns=(\d+)\s+native_ns=(\d+)", line)
        if not m:
            m = re.search(r"videoport[^0-9]*([0-9.]+) ?ns.*native[^0-9]*([0-9.]+) ?ns", line, re.I)
        if m and float(m.group(2)) > 0:
            vp, nat = float(m.group(1)), float(m.group(2))
            ratios.append(vp / nat)
            loop = re.search(r"loop_ns=(\d+)", line)
            pairs = re.search(r"pairs=(\d+)", line)
            if loop and float(loop.group(1)) < min(nat, vp):
                nets.append((vp - float(loop.group(1))) / (nat - float(loop.group(1))))
            if pairs and int(pairs.group(1)):
                n = int(pairs.group(1))
                per["videoport"].append(vp / n)
                per["native"].append(nat / n)
                if loop:
                    per["loop"].append(float(loop.group(1)) / n)
            continue
        m = re.search(r"ratio[ =:]+([0-9.]+)", line)
        if m:
            ratios.append(float(m.group(1)))
    def med(v):
        return statistics.median(v) if v else None
    return {name: (med(r), med(n), {k: med(v) for k, v in p.items() if v})
            for name, (r, n, p) in acc.items()}


def probe_check(path, x, y, size):
    """Did the white probe rectangle land at (x, y)?  (ok, text)."""
    img = ppm.load(path)
    inside = 0
    xs, ys = [], []
    for yy in range(img.height):
        row = img.data[yy * img.width * 3:(yy + 1) * img.width * 3]
        for xx in range(img.width):
            if min(row[3 * xx:3 * xx + 3]) >= WHITE:
                xs.append(xx)
                ys.append(yy)
                inside += x <= xx < x + size and y <= yy < y + size
    if inside == size * size and len(xs) == inside:
        return True, "at the damaged rectangle"
    if not xs:
        return False, "not on screen"
    return False, f"drawn at x {min(xs)}..{max(xs)}, y {min(ys)}..{max(ys)}, expected x {x}..{x + size - 1}, y {y}..{y + size - 1}"


def read_meta(outdir):
    meta, na = {}, {}
    path = os.path.join(outdir, "meta.txt")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                key, _, val = line.rstrip("\n").partition(" ")
                if key == "vpwrap_na":
                    dev, _, why = val.partition(" ")
                    na[dev] = why
                else:
                    meta[key] = val
    return meta, na


def collect(outdir):
    """runs[mode][dev][drv] = list of per-boot dicts."""
    runs = {m: {d: {v: [] for v in DRIVERS} for d in DEVICES} for m, _ in MODES}
    for name in sorted(os.listdir(outdir)):
        m = re.fullmatch(r"(\w+)-(native|vpwrap)-(\d+|icount)", name)
        if not m or m.group(1) not in DEVICES:
            continue
        d = os.path.join(outdir, name)
        vals, na, info, spin, logs = parse_log(os.path.join(d, "guest.log"))
        probes = {}
        for text in info.get("probe", []):
            pname, x, y, size = text.split()
            path = os.path.join(d, pname + ".ppm")
            if os.path.exists(path):
                probes[pname.replace("probe_", "")] = probe_check(path, int(x), int(y), int(size))
        mode = "icount" if m.group(3) == "icount" else "wall"
        fails = []
        if os.path.exists(os.path.join(d, "vmrun.log")):
            with open(os.path.join(d, "vmrun.log"), errors="replace") as f:
                fails = [line.strip() for line in f if line.startswith("FAIL: ")]
        runs[mode][m.group(1)][m.group(2)].append({
            "fails": fails,
            "round": m.group(3), "values": vals, "na": na, "info": info,
            "spinlock": spin, "log": logs, "probes": probes})
    return runs


def summary(values):
    if not values:
        return None
    q = statistics.quantiles(values, n=4) if len(values) >= 2 else [values[0]] * 3
    return {"values": values, "n": len(values), "median": statistics.median(values),
            "min": min(values), "max": max(values), "q1": q[0], "q3": q[2]}


def stats_for(boots, key):
    s = summary([b["values"][key] for b in boots if key in b["values"]])
    if s is None:
        reasons = sorted({b["na"][key] for b in boots if key in b["na"]})
        return {"na": "; ".join(reasons) or "not measured"}
    return s


def console_runs(boots, prefix):
    """Every run's µs per line of every boot, from BENCH_INFO PREFIX_runs."""
    out = []
    for b in boots:
        for text in b["info"].get(prefix + "_runs", []):
            out += [float(x) for x in text.partition(":")[2].split()]
    return out


def console_facts(r):
    """The consoles' modes and the runs' spread, per driver."""
    fbs = {d: sorted({t for b in r["runs"][d] for t in b["info"].get("console_fb", [])})
           for d in DRIVERS}
    facts = {"fb": fbs}
    mode = {d: {t.split(" ", 1)[1].split(", text")[0] for t in fbs[d]} for d in DRIVERS}
    if all(mode.values()):
        facts["same_mode"] = mode["native"] == mode["vpwrap"] and len(mode["native"]) == 1
    for key, (prefix, _) in CONSOLE.items():
        one = {}
        for d in DRIVERS:
            runs = console_runs(r["runs"][d], prefix)
            spread = stats_for(r["runs"][d], prefix + "_spread_pct")
            if runs:
                one[d] = {"runs": runs, "spread_pct": spread}
        if one:
            facts[key] = one
    return facts


def analyse(runs, vpwrap_na):
    res = {}
    for dev in DEVICES:
        res[dev] = {"metrics": {}, "commit": {}, "methods": {}, "probes": {}, "spinlock": None,
                    "boots": sum(len(b) for b in runs[dev].values()), "runs": runs[dev]}
        for key, label, unit, better, goal in METRICS:
            row = {"label": label, "unit": unit, "better": better, "goal": goal}
            for drv in DRIVERS:
                row[drv] = stats_for(runs[dev][drv], key)
            if not runs[dev]["vpwrap"] and dev in vpwrap_na:
                row["vpwrap"] = {"na": vpwrap_na[dev]}
            n, v = row["native"], row["vpwrap"]
            if "median" in n and "median" in v and n["median"]:
                ratio = v["median"] / n["median"]
                row["ratio"] = ratio
                if goal is not None:
                    row["goal_met"] = ratio >= goal if better == "higher" else ratio <= goal
                # Boot-to-boot noise: do the two ranges overlap at all?
                row["ranges_overlap"] = not (v["min"] > n["max"] or v["max"] < n["min"])
            res[dev]["metrics"][key] = row
        res[dev]["console"] = console_facts(res[dev])
        for key in CONSOLE:
            row, c = res[dev]["metrics"][key], res[dev]["console"].get(key, {})
            # One boot each: whether the runs' ranges overlap tells the noise.
            if "ratio" in row and len(c) == 2 and row["native"]["n"] == 1 == row["vpwrap"]["n"]:
                n, v = c["native"]["runs"], c["vpwrap"]["runs"]
                row["ranges_overlap"] = not (min(v) > max(n) or max(v) < min(n))
        for key, label in COMMIT:
            row = {"label": label}
            for d in DRIVERS:
                row[d] = stats_for(runs[dev][d], key + "_ms")
                if not key.endswith("_write"):
                    row[d + "_cpu"] = stats_for(runs[dev][d], key + "_cpu_ms")
            res[dev]["commit"][key] = row
        for drv in DRIVERS:
            methods = set()
            for b in runs[dev][drv]:
                for k, texts in b["info"].items():
                    if k.startswith("method_"):
                        methods.update(f"{k[7:]}: {t}" for t in texts)
                for fmt, (ok, text) in b["probes"].items():
                    res[dev]["probes"][f"{drv} {fmt}"] = {"ok": ok, "text": text}
            res[dev]["methods"][drv] = sorted(methods)
        spins = [spin_ratio(b["spinlock"]) for b in runs[dev]["vpwrap"]]
        names = list(dict.fromkeys(n for sp in spins for n in sp))
        res[dev]["spinlock_pairs"] = {}
        for name in names:
            one = [sp[name] for sp in spins if name in sp]
            ratios = [s[0] for s in one if s[0]]
            nets = [s[1] for s in one if s[1]]
            per = {}
            for s in one:
                for k, v in s[2].items():
                    per.setdefault(k, []).append(v)
            res[dev]["spinlock_pairs"][name] = {
                "ratio": summary(ratios) if ratios else None,
                "net": summary(nets) if nets else None,
                "per_pair": {k: statistics.median(v) for k, v in per.items()}}
        first = res[dev]["spinlock_pairs"].get(SPIN_FIRST) or {}
        res[dev]["spinlock"] = first.get("ratio")
        if first.get("net"):
            res[dev]["spinlock_net"] = first["net"]
        res[dev]["spinlock_per_pair"] = first.get("per_pair") or {}
    return res


def fmt_num(x):
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def cell(s):
    if "median" not in s:
        return "n/a"
    if s["n"] == 1:
        return fmt_num(s["median"])
    return f"{fmt_num(s['median'])} ({fmt_num(s['min'])}–{fmt_num(s['max'])})"


def verdict(row):
    if "ratio" not in row:
        return "—"
    if row.get("goal") is None:
        return "(no goal)"
    op = "≥" if row["better"] == "higher" else "≤"
    met = "met" if row["goal_met"] else "**missed**"
    noise = " (ranges overlap)" if row["ranges_overlap"] else ""
    return f"{met} ({op} {row['goal']}×){noise}"


def explain(r):
    """Facts from the run on each missed time goal: ioctl share, CPU, vblank."""
    lines = []
    vb = r["metrics"]["vblank_hz"]
    for key, row in r["metrics"].items():
        if row.get("goal_met") is not False:
            continue
        ckey = key[:-3] if key.startswith("modeset") else key.rsplit("_", 1)[0] + "_commit"
        c = r["commit"].get(ckey)
        if not c or "median" not in c["native"] or "median" not in c["vpwrap"]:
            continue
        if key.startswith("modeset"):
            text = (f"{row['label']}: {row['vpwrap']['median']:.3g} ms with vpwrap against "
                    f"{row['native']['median']:.3g} ms native")
        else:
            text = (f"{row['label']}: {1e3 / row['vpwrap']['median']:.3g} ms per update with "
                    f"vpwrap against {1e3 / row['native']['median']:.3g} ms native; the ioctl "
                    f"takes {c['vpwrap']['median']:.3g} ms of it (native "
                    f"{c['native']['median']:.3g} ms)")
        slept = None
        ref = r["metrics"]["ref_write_mbps"].get("ratio")
        host_load = row.get("ranges_overlap") and ref and abs(ref - 1) > 0.1
        if "median" in c["vpwrap_cpu"]:
            slept = c["vpwrap"]["median"] - c["vpwrap_cpu"]["median"]
            text += (f", of which {c['vpwrap_cpu']['median']:.3g} ms is CPU work in the driver "
                     f"(native {c['native_cpu']['median']:.3g} ms) and the rest sleeping")
        period = 1e3 / vb["vpwrap"]["median"] if "median" in vb["vpwrap"] else None
        if (period and slept is not None and slept > period / 4
                and "median" not in vb["native"]):
            # the sleep is about a frame: the commit waited for vpwrap's vblank
            text += (f". vpwrap's CRTC has a {vb['vpwrap']['median']:.3g} Hz vblank and native has "
                     f"none, so with vpwrap only, the commit sleeps until the next vblank (up "
                     f"to {period:.3g} ms)")
        elif host_load:
            # The same writes into plain RAM, no driver involved, moved as much.
            text += (f". The two drivers' ranges overlap, and the reference row (the same "
                     f"writes into plain RAM, no driver involved) is {ref:.2f}x in the same "
                     "boots: the vpwrap boots met different host load, so this ratio is not "
                     "a measured difference between the drivers (the -icount row is)")
        elif slept is not None:
            text += (f". The commit hardly sleeps ({slept:.2g} ms): the difference is the "
                     "driver's CPU work")
        lines.append(text + ".")
    return lines


def device_block(w, dev, r, vpwrap_na):
    """Tables and facts of one device in one timing mode."""
    w("| figure | unit | native | vpwrap | ratio | goal |")
    w("|---|---|---|---|---|---|")
    for key, row in r["metrics"].items():
        if key in OPTIONAL and all(row[d].get("na") == "not measured" for d in DRIVERS):
            continue
        ratio = f"{row['ratio']:.2f}×" if "ratio" in row else "—"
        w(f"| {row['label']} | {row['unit']} | {cell(row['native'])} | "
          f"{cell(row['vpwrap'])} | {ratio} | {verdict(row)} |")
    for name, pair in (r.get("spinlock_pairs") or {}).items():
        label, native = SPIN_PAIRS.get(name, (name, "native pair"))
        sp, net = pair["ratio"], pair["net"]
        if sp:
            met = "met" if sp["median"] <= SPIN_GOAL else "**missed**"
            w(f"| spin locks: {label} / {native}, on one loop (calls included) | ratio | — | "
              f"{cell(sp)} | {sp['median']:.2f}× | {met} (≤ {SPIN_GOAL}×) |")
        if net:
            met = "met" if net["median"] <= SPIN_GOAL else "**missed**"
            w(f"| spin locks: {label} / {native}, the pairs alone (the loop's own cost "
              f"subtracted) | ratio | — | {cell(net)} | {net['median']:.2f}× | "
              f"{met} (≤ {SPIN_GOAL}×) |")
    if not r["spinlock"] and dev == "std":
        w("| spinlock pair, VideoPort / native | ratio | — | n/a | — | "
          f"≤ {SPIN_GOAL}×: not measured in these boots (see notes) |")
    w("")
    w("Where the time goes — medians in ms: writing the pixels into the dumb buffer (VRAM for")
    w("native bochs, RAM for shadow-plane drivers), and each call of the driver's ioctl (DIRTYFB,")
    w("atomic commit, SETCRTC) with the CPU time our thread spent in it (the driver's work; the")
    w("rest is sleep, e.g. until a vblank).")
    w("")
    w("| step | native | native CPU | vpwrap | vpwrap CPU |")
    w("|---|---|---|---|---|")
    for row in r["commit"].values():
        cpu = {d: cell(row[d + "_cpu"]) if d + "_cpu" in row else "—" for d in DRIVERS}
        w(f"| {row['label']} | {cell(row['native'])} | {cpu['native']} | "
          f"{cell(row['vpwrap'])} | {cpu['vpwrap']} |")
    w("")
    for text in explain(r):
        w(f"- goal missed — {text}")
    for name, pair in (r.get("spinlock_pairs") or {}).items():
        per = pair["per_pair"]
        if per:
            w(f"- spin locks, {SPIN_PAIRS.get(name, (name,))[0]}: ns per pair (medians): " +
              ", ".join(f"{k} {per[k]:.1f}" for k in ("videoport", "native", "loop") if k in per))
    sm = stats_for(r["runs"]["vpwrap"], "modeset_same_setmode")
    if "median" in sm:
        ok = "met" if sm["max"] == 0 else "**missed**"
        w(f"- SET_CURRENT_MODE requests per modeset that keeps the mode, vpwrap: "
          f"{fmt_num(sm['max']) if sm['max'] else 0} ({ok}: goal 0)")
    con = r["console"]
    if any(con["fb"].values()):
        same = con.get("same_mode")
        w("- console: " + "; ".join(f"{d} {', '.join(con['fb'][d]) or 'n/a'}" for d in DRIVERS)
          + (" (same size and depth)" if same else " (**sizes or depths differ**)"
             if same is False else ""))
    for key, (prefix, what) in CONSOLE.items():
        c = con.get(key)
        if not c:
            continue
        parts = []
        for d in DRIVERS:
            if d not in c:
                continue
            sp = c[d]["spread_pct"]
            if "median" not in sp:
                continue
            if sp["n"] == 1:
                parts.append(f"{d} {' '.join(fmt_num(x) for x in c[d]['runs'])} µs per line "
                             f"(spread {sp['median']:.2g}%)")
            else:
                parts.append(f"{d} median {sp['median']:.2g}% (up to {sp['max']:.2g}%)")
        if parts:
            w(f"- console, {what}, runs within a boot and their spread (max-min)/median: "
              + "; ".join(parts))
    for drv in DRIVERS:
        if r["methods"][drv]:
            w(f"- damage path, {drv}: " + "; ".join(r["methods"][drv]))
    for name, p in sorted(r["probes"].items()):
        w(f"- placement probe (64x64 damage at x 501, y 301), {name}: "
          + ("correct" if p["ok"] else f"**wrong** — {p['text']}"))
    for drv in DRIVERS:
        for b in r["runs"][drv]:
            for line in b["fails"]:
                w(f"- **{drv} boot {b['round']} failed a check**: {line[6:]}")
    nas = {}
    for key, row in r["metrics"].items():
        if key in OPTIONAL and all(row[d].get("na") == "not measured" for d in DRIVERS):
            continue
        for drv in DRIVERS:
            if "na" in row[drv] and not (drv == "vpwrap" and dev in vpwrap_na):
                nas.setdefault(row[drv]["na"], []).append(f"{drv} {key}")
    for why, keys in nas.items():
        w(f"- n/a ({', '.join(keys)}): {why}")
    w("")


def markdown(meta, res, vpwrap_na):
    out = []
    w = out.append
    w("# vpwrap against the native DRM drivers")
    w("")
    w("Written by `make bench` (bench/run.sh, bench/report.py); every figure below comes from")
    w("the guest logs of this run (out/bench/). Do not edit by hand.")
    w("")
    w(f"- date: {meta.get('date', '?')}")
    w(f"- kernel: {meta.get('kernel', '?')} (Debian), guest under QEMU TCG, 1 vCPU, 512 MB")
    w(f"- QEMU: {meta.get('qemu', '?')}")
    w(f"- host CPU: {meta.get('cpu', '?')}, {meta.get('cores', '?')} cores "
      f"(shared; load average {meta.get('loadavg_start', '?')} at start, "
      f"{meta.get('loadavg_end', '?')} at end)")
    w(f"- boots: one deterministic (-icount) boot per driver and device, then "
      f"{meta.get('runs', '?')} wall-clock boots per driver and device (planned "
      f"{meta.get('runs_planned', '?')}), native and vpwrap alternating, order swapped "
      f"every round; {meta.get('switches', '?')} modesets per boot; "
      f"`make bench` took {meta.get('elapsed_s', '?')} s")
    w("")
    w("Two timings of the same guest program. **Deterministic**: QEMU `-icount`, where guest time")
    w("advances by instructions executed, so host load cannot move it and one boot per driver is")
    w("exact; it counts every guest instruction alike, so what an emulated device access costs")
    w("QEMU (VRAM dirty tracking, port I/O) does not show. **Wall clock**: plain TCG, what a user")
    w("of this emulated machine sees, noisy between boots (design.md §6) on this shared host.")
    w("")
    w("Cells: median over boots (min–max). Ratio = vpwrap median / native median; \"ranges")
    w("overlap\": the min–max ranges of the two drivers overlap, i.e. the difference is not clearly")
    w("above boot-to-boot noise.")
    for dev, title in DEVICES.items():
        w("")
        w(f"## {title}")
        w("")
        if dev in vpwrap_na:
            w(f"vpwrap: **not available** — {vpwrap_na[dev]}")
            w("")
        for mode, heading in MODES:
            if res[mode][dev]["boots"]:
                w(f"### {heading.format(**meta)}")
                w("")
                device_block(w, dev, res[mode][dev], vpwrap_na)
    w("")
    w("## Notes")
    w("")
    lines_ = meta.get("console_lines")
    if lines_ and lines_ != "0":
        w("- Console: after load, before the DRM figures (the console as at boot: no DRM client")
        w(f"  has taken the screen yet), drmbench writes runs of {lines_} lines of 80 characters to")
        w(f"  /dev/tty1 ({meta.get('console_runs', '?')} runs in the -icount boot, "
          f"{meta.get('console_wall_runs', '?')} in each wall-clock")
        w("  boot; the figure is their median), one write() per line, on a full screen so that")
        w("  every line scrolls it; each driver's fbdev console keeps the mode it picks (size")
        w("  and depth listed per device, with whether the two match). \"A line at a time\": the writer")
        w("  yields after each line, so a driver that copies a shadow buffer to the screen from")
        w("  a worker does so after every line, at fixed points. \"Back to back\" (-icount boot")
        w("  only): no yield, the worker's copies cover as many lines as scheduling lets pile")
        w("  up, which moves from run to run. A run ends once the CPU has gone idle")
        w("  (/proc/schedstat's task time stops growing over 0.5 ms), i.e. the last line is on")
        w("  screen; the CPU row is that task time. Under -icount the same boot repeated gives")
        w("  the same figure within the runs' spread, with one exception seen: a line at a time,")
        w("  native bochs took 977-983 µs per line in 8 boots of 6.1 and 922 µs in one (as much as")
        w("  back to back): in most boots about 57 µs of other work runs at each line's yield, in")
        w("  that one it did not; what that work is has not been found.")
        w("  Where the time goes: both native drivers' consoles draw into a RAM shadow (6.1's")
        w("  generic fbdev; bochs asks for it, prefer_shadow_fbdev, as reading VRAM is slow) that")
        w("  a worker copies to the screen after the writer yields: into bochs's buffer in VRAM,")
        w("  and for cirrus with a commit per flush that copies it again into VRAM. vpwrap's")
        w("  console draws straight into the miniport's frame buffer while its framebuffer is")
        w("  shown in the current mode's layout (drm-glue/fbdev.c: no damage, no worker, no")
        w("  commit), and moves back to RAM, with what the screen shows, when another client")
        w("  takes the screen or the mode changes.")
    w("- Rates: each update writes the pixels into the dumb buffer, then hands the damage to the")
    w("  driver by the cheapest path it offers, as a client would try them: DIRTYFB (Xorg's")
    w("  modesetting driver, fbdev), else an atomic commit with FB_DAMAGE_CLIPS, else an atomic page")
    w("  flip for drivers that scan out the dumb buffer itself without DIRTYFB (native bochs keeps")
    w("  it in VRAM). vpwrap scans out a buffer shown twice in a row in place where the mode's")
    w("  layout allows (zero-copy), so its DIRTYFB then has nothing to copy.")
    w("- The reference row writes the same pixels into plain guest RAM in every boot: it")
    w("  involves no driver, so its ratio far from 1 means the two drivers' boots met different")
    w("  host load (this machine is shared), and their other ratios carry that bias.")
    w("- Load time is measured in the guest: CLOCK_MONOTONIC before modprobe until")
    w("  /dev/dri/card0 opens. Each driver's stock dependencies (DRM core and helpers: ttm and")
    w("  drm_vram_helper for bochs, drm_shmem_helper for cirrus and vpwrap) are loaded before,")
    w("  so load time and memory deltas are the driver module's own.")
    w("  vpwrap.ko is loaded without debug info (strip --strip-debug), as Debian ships bochs.ko")
    w("  and cirrus.ko.")
    w("  Memory: /proc/meminfo Slab and VmallocUsed after dropping caches, before and 1 s after")
    w("  the device appeared, and the /proc/modules sizes the load added.")
    w("- Where the load time goes (kprobe events under -icount, 6.1; bench/trace.sh): the time")
    w("  to /dev/dri/card0 is the module loader's work plus the probe up to drm_dev_register;")
    w("  fbdev and the console's first draws come after it (in \"modprobe returns\").")
    w("  Debian's bochs.ko and cirrus.ko are signed, and checking that signature (an RSA")
    w("  verification) is about 12 ms of their 14-15 ms. The vpwrap.ko built here is unsigned,")
    w("  so the native module is loaded without its signature (bench/unsign.py): like for like.")
    w("  From load_module to the driver's init, the loader takes 6.7 ms for vpwrap (native")
    w("  1.2 ms): sorting the ORC unwind table (2.4 ms for 2571 entries: the table grows with")
    w("  the code, 122 kB of it, and the sort is n log n), resolving its 374 imported kernel")
    w("  symbols (2.1 ms: the modversions check scans the __versions entries for each")
    w("  symbol, 1.4 ms, and the export search 0.5 ms), relocating (0.5 ms), patching the 676")
    w("  return sites (0.4 ms) and 0.9 ms of reading, copying and bookkeeping. Its init")
    w("  before the PCI probe takes 1.2 ms (registering the kprobe that finds")
    w("  kallsyms_lookup_name 0.6 ms, of which the kernel's check that the address is no")
    w("  jump label 0.5 ms; the .sys read, linked and DriverEntry), the probe to")
    w("  drm_dev_register done 1.0 ms (native 0.6 ms). Signed, both pay the RSA check once,")
    w("  and vpwrap also hashes its 490 kB file (about 54 ns a byte of SHA-256, per keyring")
    w("  the kernel tries; native's file is 20 kB).")
    w("- Native cirrus on 6.1 places damage clips wrongly when it converts XRGB8888 to 24 bpp")
    w("  at widths above 1022 (design.md §5): the placement probe above shows where its rectangle")
    w("  lands. Its XRGB8888 64x64 rate copies the right amount of data to the wrong place, so")
    w("  the figure is comparable in cost but its picture is wrong.")
    w("- Spin locks: the conformance miniport runs one loop per pair it imports (the VideoPort")
    w("  pair: 11 instructions per iteration, two calls through function pointers) three ways,")
    w("  alternating over 9 rounds: with its imports as linked into a miniport, with the")
    w("  kernel's inline bodies of the native pair of the same meaning in functions of the same")
    w("  convention (VideoPortAcquireSpinLock: raw_spin_lock_irqsave/unlock_irqrestore; the")
    w("  AtDpcLevel forms: raw_spin_lock/unlock, the loop itself at DISPATCH_LEVEL;")
    w("  KeAcquireSpinLockRaiseToDpc/KeReleaseSpinLock, on i386 KfAcquireSpinLock/")
    w("  KfReleaseSpinLock: raw_spin_lock_bh/unlock_bh, since DISPATCH_LEVEL masks DPCs, not")
    w("  interrupts), and with two empty functions (the loop's own cost, calls and returns")
    w("  included). \"One loop\" is the imports / native as timed; \"alone\" subtracts the empty")
    w("  loop from both. The fast forms vpwrap links (videoport/spinlock.c, nt_spinlock.h) keep")
    w("  the IRQL contract and refuse bad lock objects; they use the plain instructions the")
    w("  kernel patches its own paravirt sites into (not on Xen PV or with paravirtualized")
    w("  unlock, where the complete exports are linked) and take no preemption count, since")
    w("  miniport code runs with preemption off.")
    w("- Goals missed, and what meeting them would take:")
    w("  - std VGA modeset: native bochs keeps the dumb buffer in VRAM and a mode change")
    w("    reprograms resolution, pitch (VIRT_WIDTH) and scanout start: nothing is copied.")
    w("    A miniport scans out from one fixed place with the stride of the mode it set")
    w("    (SET_CURRENT_MODE then MAP_VIDEO_MEMORY; IOCTL_VIDEO_* has no display-start or")
    w("    pitch request), so vpwrap's modeset copies the framebuffer into the new layout:")
    w("    the bench shows one 1024x768 buffer alternately in 1024x768 (3 MB copied) and")
    w("    800x600 (its 4096-byte rows into 3200-byte ones, 1.9 MB); the miniport's part")
    w("    and the commit around the copy are a few hundredths of a ms. Zero-copy places a")
    w("    buffer only when its layout is the mode's, so the 800x600 half can never skip")
    w("    the copy, and a buffer resident in VRAM would have to be moved out for it. Meeting")
    w("    1.5x would need the miniport's modes to share one stride (ScreenStride is the")
    w("    miniport's choice: vpbochs could give every mode up to 1024 wide a 4096-byte")
    w("    stride), buffers kept resident across mode sets that do not clear video memory")
    w("    (VIDEO_MODE_NO_ZERO_MEMORY), and zero-copy for a buffer larger than the screen.")
    w("  - Cirrus XRGB8888 64x64 updates: the CL-GD5446 has no 32 bpp mode at 1024x768, so")
    w("    both drivers convert every damaged rectangle to 24 bpp with the same helper, a line")
    w("    at a time into a buffer that memcpy_toio copies to the frame buffer. Native cirrus")
    w("    on 6.1 puts a rectangle at x*4 bytes of its 3-byte-per-pixel frame buffer (the")
    w("    wrong place: placement probe above), so its copies always start 4-byte aligned;")
    w("    vpwrap puts it at x*3, and memcpy_toio pays its byte and word steps on most lines.")
    w("    Built with native's offset, vpwrap measures 0.9995x of native (-icount): the commit")
    w("    around the copy costs what native's does (function_graph traces of both; a commit")
    w("    that sets no mode skips the helpers' modeset steps and the vblank constants). The")
    w("    -icount rate also moves by about 0.3% with the slab allocator's state, as the")
    w("    helper allocates its line buffer per call on 6.1. Meeting 1.0x with the picture in")
    w("    the right place would take a converter writing whole 32-bit words into the frame")
    w("    buffer instead of the shared helper.")
    w("  - load (modprobe to /dev/dri/card0), like for like (both modules unsigned): the")
    w("    module loader's work grows with the module, and vpwrap.ko carries the whole Video")
    w("    Port, ntoskrnl and HAL export table, the PE loader and the DRM glue (122 kB of")
    w("    code and 374 kernel imports against native's 16 kB): of its 7.8 ms above native,")
    w("    5.5 ms are the loader's work, 1.6 ms its init and probe beyond native's probe and")
    w("    0.6 ms the rest, mostly reading a file 7 times larger; a loader as cheap as")
    w("    native's would still leave about 1.8x. The ORC table is already halved (functions")
    w("    unaligned, frame pointers, load-time code built for size: 5180 -> 2571 entries).")
    w("    Meeting 1.5x would take all of: a module of a few tens of kB with a few dozen")
    w("    imports (the ORC sort is n log n in the code size, the modversions check n^2 in")
    w("    the imports), i.e. the exports and services a miniport does not call before")
    w("    card0 opens in a second module loaded after it (the .sys's imports are linked")
    w("    before DriverEntry, ahead of the PCI probe, so that also takes binding imports")
    w("    on their first call), and executable memory without the kallsyms kprobe (0.6 ms).")
    w("  - KeAcquireSpinLockRaiseToDpc/KeReleaseSpinLock (and i386's Kf* pair): lowering from")
    w("    DISPATCH_LEVEL must run the DPCs that became pending, i.e. call the kernel's")
    w("    out-of-line local_bh_enable(), as spin_unlock_bh does; from a Windows-ABI function")
    w("    that call costs saving and restoring RDI and RSI and one more call level, and the")
    w("    emulated IRQL (read, raise, lower) and the lock-word checks (address, alignment,")
    w("    a read through an exception-table entry) add the rest: 67 against 46 instructions")
    w("    per pair at the last measurement. Meeting 1.2x would take lowering without calling")
    w("    the kernel's function: an inline copy of __local_bh_enable_ip's fast path (drop the")
    w("    bottom-half count, call out only when a softirq is pending), i.e. a hand-written copy")
    w("    of kernel internals that differ on PREEMPT_RT; not done.")
    w("  - wall clock under TCG: the fast forms do a few memory accesses the native pairs do")
    w("    not, and TCG charges interrupt-flag changes far more than other instructions. Steps")
    w("    from the native VideoPort pair to the fast form in one boot (no preemption count,")
    w("    + IRQL store, + OldIrql write, + the lock-object checks) put the pair at 0.93-1.04x")
    w("    native, the interrupt flag (pushf/cli/sti) being most of both pairs' cost. The")
    w("    1.7-1.9x of earlier runs was taken in the first seconds after the conformance")
    w("    miniport was loaded, where all of that bench's answers fell; now each answer times")
    w("    four pairs and only the first one falls there (1.67x, then 0.91-0.99x in the same")
    w("    boot). What slows the VideoPort pair in that window has not been found.")
    if not any(res[m][d]["spinlock"] for m, _ in MODES for d in DEVICES):
        spin = meta.get("spinlock_miniport") or ""
        w("- Spinlock pair: " + (
            f"found {spin}, but BENCH_SPINLOCK_IOCTL (its private timing IOCTL) is not set."
            if spin and not meta.get("spinlock_ioctl") else
            f"{spin} was loaded but gave no 'videoport_ns=… native_ns=…' answer "
            "(see BENCH_LOG lines in out/bench/std-vpwrap-*/guest.log)."
            if spin else
            "not measured: the videoport conformance miniport ("
            "tests/vm/miniports/out/vpconform.sys) is not built. bench/run.sh loads it in the "
            "std vpwrap boots (pci_ids=1234:1111), writes '<IOCTL_CONF_BENCH> <pairs>' to "
            "/sys/kernel/debug/vpwrap-videoport/<adapter>/bench "
            "five times and reports the median of videoport_ns / native_ns."))
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: report.py OUTDIR RESULTS.md RESULTS.json")
    outdir, md_path, json_path = sys.argv[1:]
    meta, vpwrap_na = read_meta(outdir)
    meta.setdefault("date", __import__("datetime").datetime.now().strftime("%Y-%m-%d %H:%M"))
    runs = collect(outdir)
    res = {mode: analyse(runs[mode], vpwrap_na) for mode, _ in MODES}
    with open(md_path, "w") as f:
        f.write(markdown(meta, res, vpwrap_na))
    with open(json_path, "w") as f:
        json.dump({"meta": meta, "vpwrap_not_available": vpwrap_na, "modes": res},
                  f, indent=1, sort_keys=True)
    print(markdown(meta, res, vpwrap_na))


if __name__ == "__main__":
    main()
