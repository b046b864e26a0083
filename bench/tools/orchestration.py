#!/usr/bin/env python3
"""Measurements of the orchestration scenario (issue 15): watch restarts, cron accuracy, inotify watches.

Usage:
  orchestration.py watch-restart --od OD --app NAME --touch FILE [--timeout SECONDS]
      Reads the app's pid from `od ls --json`, writes FILE, and polls `od ls --json` (back to back) until
      the app runs under another pid and is online. Prints the nanoseconds from the write to that listing.
  orchestration.py cron-offsets FILE
      FILE holds one start time per line (ns since the epoch, `date +%s%N` of each run). Prints, in
      nanoseconds, the median, the 99th percentile and the largest distance of a run's start from the
      whole second it was scheduled at (the second at or before it), and the number of runs.
  orchestration.py inotify-watches PID
      Prints the number of inotify watches the process holds (`inotify wd:` lines of /proc/PID/fdinfo).

The environment (OD_HOME) says which daemon `od` talks to. Exit status 1 when nothing could be measured.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def app_row(od: str, app: str):
    out = subprocess.run([od, "ls", "--json"], capture_output=True, timeout=30)
    if out.returncode != 0:
        return None
    rows = [p for p in json.loads(out.stdout).get("processes", []) if p.get("name") == app]
    return rows[0] if rows else None


def watch_restart(args: list[str]) -> int:
    options = dict(zip(args[::2], args[1::2]))
    od, app, touch = options["--od"], options["--app"], options["--touch"]
    timeout = float(options.get("--timeout", "30"))
    row = app_row(od, app)
    if not row or row.get("status") != "online" or not row.get("pid"):
        print(f"watch-restart: {app} is not online before the change: {row}", file=sys.stderr)
        return 1
    before = row["pid"]
    start = time.perf_counter_ns()
    with open(touch, "a", encoding="utf-8") as file:
        file.write(f"{start}\n")
    deadline = start + int(timeout * 1e9)
    while time.perf_counter_ns() < deadline:
        row = app_row(od, app)
        if row and row.get("pid") not in (None, before) and row.get("status") == "online":
            print(time.perf_counter_ns() - start)
            return 0
    print(f"watch-restart: {app} was not restarted within {timeout:g}s (last: {row})", file=sys.stderr)
    return 1


def cron_offsets(path: str) -> int:
    with open(path, encoding="utf-8") as file:
        starts = [int(line) for line in file if line.strip().isdigit()]
    if not starts:
        print("cron-offsets: no runs recorded", file=sys.stderr)
        return 1
    offsets = sorted(start % 1_000_000_000 for start in starts)
    p99 = offsets[min(len(offsets) - 1, int(round(0.99 * (len(offsets) - 1))))]
    print(int(statistics.median(offsets)), p99, offsets[-1], len(offsets))
    return 0


def inotify_watches(pid: str) -> int:
    total = 0
    directory = f"/proc/{pid}/fdinfo"
    for name in os.listdir(directory):
        try:
            with open(os.path.join(directory, name), encoding="utf-8") as file:
                total += sum(1 for line in file if line.startswith("inotify wd:"))
        except OSError:
            continue  # a descriptor closed while we read
    print(total)
    return 0


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "watch-restart":
        return watch_restart(rest)
    if command == "cron-offsets":
        return cron_offsets(rest[0])
    if command == "inotify-watches":
        return inotify_watches(rest[0])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
