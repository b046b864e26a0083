#!/usr/bin/env python3
"""Waits until the crash app (crash_app.py) has started N+1 times and prints the respawn gaps.

Usage: respawn_gaps.py --want N [--timeout SECONDS] LOG

LOG holds lines `start <ns>` and `exit <ns>` (CLOCK_MONOTONIC) appended by each run of the app.
Once it holds N+1 starts, prints `MEDIAN_NS MIN_NS MAX_NS N`: the gaps exit(k) → start(k+1) of
the first N respawns. Exit status 1 (and the count reached on stderr) when N+1 starts did not
arrive within the timeout.
"""

import argparse
import statistics
import sys
import time


def read(path: str) -> list[tuple[str, int]]:
    events = []
    try:
        with open(path) as handle:
            for line in handle:
                if not line.endswith("\n"):
                    break  # a line still being written
                kind, _, value = line.strip().partition(" ")
                events.append((kind, int(value)))
    except FileNotFoundError:
        pass
    return events


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--want", type=int, required=True)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("log")
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout
    while True:
        events = read(args.log)
        starts = [value for kind, value in events if kind == "start"]
        if len(starts) > args.want or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    exits = [value for kind, value in events if kind == "exit"]
    gaps = [starts[k + 1] - exits[k] for k in range(min(len(starts) - 1, len(exits), args.want))]
    if len(gaps) < args.want:
        print(f"respawn_gaps: only {len(starts)} starts of {args.want + 1} within {args.timeout:g}s", file=sys.stderr)
        return 1
    if any(gap < 0 for gap in gaps):
        print("respawn_gaps: a run started before the previous one exited", file=sys.stderr)
        return 1
    print(int(statistics.median(gaps)), min(gaps), max(gaps), len(gaps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
