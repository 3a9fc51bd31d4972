#!/usr/bin/env python3
"""Pair bench/trace.sh's p_FUNC/r_FUNC kprobe events per task into calls and
print them in start order, nested: start and duration in ms from the first event."""
import re
import sys

EVENT = re.compile(r"^\s*(.+)-(\d+)\s+\[\d+\]\s+\S+\s+([\d.]+):\s+([pr])_(\w+):")


def main():
    stacks, calls, t0 = {}, [], None
    with open(sys.argv[1]) as f:
        for line in f:
            m = EVENT.match(line)
            if not m:
                continue
            comm, pid, ts, kind, fn = m.groups()
            ms = float(ts) * 1e3
            t0 = ms if t0 is None else t0
            stack = stacks.setdefault(pid, [])
            if kind == "p":
                stack.append((fn, ms, len(calls)))
                calls.append(None)
                continue
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == fn:
                    _, start, slot = stack[i]
                    calls[slot] = f"{start - t0:9.3f} {ms - start:8.3f} ms {'  ' * i}{fn} [{comm.strip()}]"
                    del stack[i:]
                    break
    print("    start duration")
    for c in calls:
        if c:
            print(c)


if __name__ == "__main__":
    main()
