#!/usr/bin/env python3
"""Waits until the log spammers' lines are on disk, then counts them exactly.

Usage: log_count.py --dir DIR --apps K --lines L --stamps DIR [--pid PID] [--timeout S] [--quiet S]

The spammers (log_spam.js) print lines "BENCHLINE <app> <seq> ..." and write their start time
(wall clock, ms) into the stamps directory. This tool polls every log file in --dir: plain files
incrementally (by inode, so a file renamed by rotation keeps its count), compressed rotated files
(*.gz) once each, ignoring a .gz whose plain file still exists and *.tmp files (compression in
progress), and files that vanish between listing and reading (renamed by rotation: they are read
under their new name). It
stops waiting when K×L markers are on disk, when every app has started (its stamp is there) and
the count has not grown for --quiet seconds since (lines lost), or at --timeout. It counts markers, not lines, so any wrapping a manager adds (a
timestamp, a JSON entry) does not matter.

At that moment it notes the newest mtime of the plain log files (the last line on disk) and, with
--pid, the daemon's CPU time so far (utime + stime in clock ticks, /proc/PID/stat). When the count is not
exactly K×L it reads every file again and counts the distinct (app, seq) pairs, so duplicates are
not counted as lines (with exactly K×L markers, the lines are taken as complete).

Prints one line: DISTINCT DUPLICATES FIRST_START_NS LAST_LINE_NS CPU_TICKS
(FIRST_START_NS: the earliest start stamp, LAST_LINE_NS: that newest mtime, both wall clock in ns;
CPU_TICKS: - without --pid). Exit status 0 when all K×L lines were found, 1 otherwise.
"""

import argparse
import gzip
import os
import re
import sys
import time

MARKER = b"BENCHLINE "
LINE = re.compile(rb"BENCHLINE (\d+) (\d+) ")


def cpu_ticks(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return str(int(fields[11]) + int(fields[12]))
    except (OSError, IndexError, ValueError):
        return "-"


class Counter:
    """Incremental marker count over the current files of a directory."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.plain: dict[int, tuple[int, int, bytes]] = {}  # inode -> (offset, count, partial tail)
        self.packed: dict[tuple[str, int, int], int] = {}  # (name, size, mtime) -> count

    def files(self) -> list[os.DirEntry]:
        try:
            return [entry for entry in os.scandir(self.directory) if entry.is_file()]
        except FileNotFoundError:
            return []

    def count(self) -> tuple[int, int]:
        """Returns (markers on disk, newest mtime of the plain files in ns)."""
        entries = self.files()
        names = {entry.name for entry in entries}
        total, newest = 0, 0
        present: set[int] = set()
        for entry in entries:
            if entry.name.endswith(".tmp"):
                continue  # a rotated file being compressed: its lines are still in the plain file
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue  # renamed or removed by rotation since the directory was read
            if entry.name.endswith(".gz"):
                if entry.name[:-3] in names:
                    continue  # being compressed: its lines are still counted in the plain file
                key = (entry.name, stat.st_size, stat.st_mtime_ns)
                if key not in self.packed:
                    try:
                        with gzip.open(entry.path) as handle:
                            self.packed[key] = handle.read().count(MARKER)
                    except (OSError, EOFError):
                        continue  # still being written
                total += self.packed[key]
                continue
            newest = max(newest, stat.st_mtime_ns)
            present.add(stat.st_ino)
            offset, found, tail = self.plain.get(stat.st_ino, (0, 0, b""))
            if stat.st_size < offset:  # truncated (copytruncate rotation): start over
                offset, found, tail = 0, 0, b""
            if stat.st_size > offset:
                try:
                    with open(entry.path, "rb") as handle:
                        handle.seek(offset)
                        data = tail + handle.read()
                except FileNotFoundError:
                    continue  # renamed since: it is read again under its new name next time
                offset += len(data) - len(tail)
                # A marker may be cut at the end of what was written so far: the last
                # len(MARKER) - 1 bytes are read again next time (they cannot hold a whole marker,
                # so nothing is counted twice).
                found += data.count(MARKER)
                tail = data[-(len(MARKER) - 1):]
                self.plain[stat.st_ino] = (offset, found, tail)
            total += found
        # A file gone from the directory is forgotten, so a new file that reuses its inode number
        # is read from its start.
        self.plain = {inode: value for inode, value in self.plain.items() if inode in present}
        return total, newest


def exact(directory: str, apps: int, lines: int) -> tuple[int, int]:
    """(distinct app/seq pairs, duplicates) over every file of the directory."""
    seen = [bytearray(lines) for _ in range(apps)]
    distinct = duplicates = 0
    for entry in os.scandir(directory):
        if not entry.is_file() or entry.name.endswith(".tmp"):
            continue
        try:
            if entry.name.endswith(".gz"):
                if os.path.exists(entry.path[:-3]):
                    continue
                with gzip.open(entry.path) as handle:
                    data = handle.read()
            else:
                with open(entry.path, "rb") as handle:
                    data = handle.read()
        except (FileNotFoundError, EOFError, OSError):
            continue
        for match in LINE.finditer(data):
            app, seq = int(match.group(1)), int(match.group(2))
            if app >= apps or seq >= lines:
                continue
            if seen[app][seq]:
                duplicates += 1
            else:
                seen[app][seq] = 1
                distinct += 1
    return distinct, duplicates


def started(stamps: str) -> int:
    """How many apps have written their start stamp (have started)."""
    try:
        return len(os.listdir(stamps))
    except FileNotFoundError:
        return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--apps", type=int, required=True)
    parser.add_argument("--lines", type=int, required=True)
    parser.add_argument("--stamps", required=True)
    parser.add_argument("--pid", type=int)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--quiet", type=float, default=5.0)
    args = parser.parse_args()
    want = args.apps * args.lines
    counter = Counter(args.dir)
    start = time.monotonic()
    last_change, last_total, newest, ticks = start, -1, 0, "-"
    while True:
        total, newest = counter.count()
        now = time.monotonic()
        if total >= want:
            ticks = cpu_ticks(args.pid) if args.pid else "-"
            break
        if total != last_total:
            last_total, last_change = total, now
        elif now - last_change > args.quiet and started(args.stamps) >= args.apps:
            ticks = cpu_ticks(args.pid) if args.pid else "-"
            print(f"log_count: {total} of {want} lines, no growth for {args.quiet:g}s", file=sys.stderr)
            break
        if now - start > args.timeout:
            ticks = cpu_ticks(args.pid) if args.pid else "-"
            print(f"log_count: {total} of {want} lines after {args.timeout:g}s", file=sys.stderr)
            break
        time.sleep(0.02)

    stamps = []
    for name in os.listdir(args.stamps):
        try:
            with open(os.path.join(args.stamps, name)) as handle:
                stamps.append(int(float(handle.read().strip()) * 1e6))
        except (OSError, ValueError):
            pass
    first = min(stamps) if stamps else 0
    if len(stamps) != args.apps:
        print(f"log_count: {len(stamps)} of {args.apps} apps wrote a start stamp", file=sys.stderr)
    if total == want:
        distinct, duplicates = total, 0  # the common case; parsing 1M lines would take seconds
    else:
        distinct, duplicates = exact(args.dir, args.apps, args.lines)
    print(distinct, duplicates, first, newest, ticks)
    return 0 if distinct == want else 1


if __name__ == "__main__":
    sys.exit(main())
