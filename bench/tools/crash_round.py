#!/usr/bin/env python3
"""One crash of the crash-recovery scenario: kill -9 the od daemon of OD_HOME while its apps run,
start it again with --resurrect, and count what a user would care about.

Usage: crash_round.py --od OD --apps N --port PORT --markers M1,M2,... [--lines-dir DIR --lines-log GLOB]
                      [--timeout SECONDS] [--stderr FILE]

Before the kill, `od ls --json` must list N apps online (waited for up to the timeout). A thread polls http://127.0.0.1:PORT/
(one app is an HTTP server) every 2 ms from just before the kill. Then: SIGKILL to the pid in
$OD_HOME/daemon.pid, wait until it is gone, `od daemon start --resurrect`, then `od ls --json` back
to back until N apps are online (or the timeout), and one more successful HTTP answer after that.

Prints one line: `LOST DUPLICATES ORPHANS DOWNTIME_NS LINES_LOST`
  LOST        apps saved but not online after the restart (N minus the online count)
  DUPLICATES  extra copies: for each marker (one per app, unique in its command line), the live
              processes carrying it beyond the first
  ORPHANS     live processes carrying a marker whose pid is not an app pid `od ls` reports (a copy
              nobody manages)
  DOWNTIME_NS the longest interval without a successful HTTP answer between the kill and the first
              answer after all apps were online again (time.perf_counter_ns); FAIL when the port
              never answered again
  LINES_LOST  with --lines-dir: for each run of bench/tools/numbered_lines.py that has ended (killed when
              the new daemon ended the old one's apps), the lines it wrote successfully (DIR/written-<pid>)
              that are not in the log files matching --lines-log; "-" without it
Exit status 0 when the round could be measured, 1 otherwise (the reason on stderr).
"""

import argparse
import glob
import json
import re
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request


def listing(od: str) -> list[dict]:
    out = subprocess.run([od, "ls", "--json"], stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    if out.returncode != 0:
        return []
    return json.loads(out.stdout)["processes"]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except OSError:
        return False


def lines_lost(directory: str, logs: str) -> int:
    """Lines ended runs of numbered_lines.py wrote but the log files lack; their records are then removed."""
    written: dict[int, int] = {}
    for name in os.listdir(directory):
        pid = int(name[len("written-"):]) if name.startswith("written-") else 0
        if pid == 0 or alive(pid):
            continue  # still running: counted once it has ended
        with open(os.path.join(directory, name)) as f:
            text = f.read().strip()
        written[pid] = int(text) if text else 0
    if not written:
        return 0
    seen: dict[int, set[int]] = {pid: set() for pid in written}
    pattern = re.compile(r"lines (\d+) (\d+)")
    for log in glob.glob(logs):
        with open(log, errors="replace") as f:
            for line in f:
                match = pattern.search(line)
                if match and int(match.group(1)) in seen:
                    seen[int(match.group(1))].add(int(match.group(2)))
    lost = sum(count - sum(1 for n in seen[pid] if n <= count) for pid, count in written.items())
    print(f"crash_round: {len(written)} ended numbered-line run(s), {sum(written.values())} lines written, {lost} not in the log",
          file=sys.stderr)
    for pid in written:
        os.remove(os.path.join(directory, f"written-{pid}"))
    return lost


def marked(markers: list[str]) -> dict[str, list[int]]:
    found = {marker: [] for marker in markers}
    for entry in os.listdir("/proc"):
        # This script's own command line holds every marker (--markers): it is not an app.
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read().decode(errors="replace")
            with open(f"/proc/{entry}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if state in (b"Z", b"X"):
            continue
        for marker in markers:
            if marker in cmdline:
                found[marker].append(int(entry))
    return found


class Poller(threading.Thread):
    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.url = f"http://127.0.0.1:{port}/"
        self.successes: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                with urllib.request.urlopen(self.url, timeout=0.5) as response:
                    response.read()
                self.successes.append(time.perf_counter_ns())
            except OSError:
                pass
            time.sleep(0.002)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--od", required=True)
    parser.add_argument("--apps", type=int, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--markers", required=True)
    parser.add_argument("--lines-dir")
    parser.add_argument("--lines-log")
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--stderr")
    args = parser.parse_args()
    markers = args.markers.split(",")
    err = open(args.stderr, "ab") if args.stderr else subprocess.DEVNULL

    deadline = time.monotonic() + args.timeout
    before = [p for p in listing(args.od) if p["status"] == "online"]
    while len(before) < args.apps and time.monotonic() < deadline:
        time.sleep(0.05)
        before = [p for p in listing(args.od) if p["status"] == "online"]
    if len(before) != args.apps:
        print(f"crash_round: {len(before)} of {args.apps} apps online before the kill", file=sys.stderr)
        return 1
    with open(os.path.join(os.environ["OD_HOME"], "daemon.pid")) as f:
        daemon = int(f.read().split()[0])

    poller = Poller(args.port)
    poller.start()
    killed_at = time.perf_counter_ns()
    os.kill(daemon, signal.SIGKILL)
    while os.path.exists(f"/proc/{daemon}") and open(f"/proc/{daemon}/stat", "rb").read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X"):
        time.sleep(0.001)
    started = subprocess.run([args.od, "daemon", "start", "--resurrect"], stdin=subprocess.DEVNULL,
                             stdout=err, stderr=err, timeout=args.timeout)
    if started.returncode != 0:
        print("crash_round: od daemon start --resurrect failed", file=sys.stderr)
    deadline = time.monotonic() + args.timeout
    after: list[dict] = []
    while time.monotonic() < deadline:
        after = [p for p in listing(args.od) if p["status"] == "online"]
        if len(after) >= args.apps:
            break
    online_at = time.perf_counter_ns()
    while time.monotonic() < deadline and not (poller.successes and poller.successes[-1] > online_at):
        time.sleep(0.002)
    poller.stop.set()
    poller.join()

    found = marked(markers)
    managed = {p["pid"] for p in after if p.get("pid")}
    lost = args.apps - len(after)
    duplicates = sum(max(0, len(pids) - 1) for pids in found.values())
    orphans = sum(1 for pids in found.values() for pid in pids if pid not in managed)
    answers = [t for t in poller.successes if t >= killed_at]
    if not answers or answers[-1] <= online_at:
        downtime = "FAIL"
    else:
        points = [killed_at, *answers]
        downtime = str(max(b - a for a, b in zip(points, points[1:])))
    lines = str(lines_lost(args.lines_dir, args.lines_log)) if args.lines_dir else "-"
    print(f"{lost} {duplicates} {orphans} {downtime} {lines}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
