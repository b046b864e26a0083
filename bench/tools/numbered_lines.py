#!/usr/bin/env python3
"""The numbered-line app of the crash-recovery scenario: prints `lines <pid> <n>` to stdout 100 times a
second, flushing each, and after each flush that succeeded records n in DIR/written-<pid>. A line it
recorded but that is not in its log file was lost by the manager. A broken pipe (the daemon holding the
read end died) ends it: what it could not write is not counted as written.

Usage: numbered_lines.py DIR [MARKER]
"""

import os
import sys
import time


def main() -> int:
    pid = os.getpid()
    record = os.open(os.path.join(sys.argv[1], f"written-{pid}"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    out = sys.stdout.buffer
    n = 0
    while True:
        n += 1
        try:
            out.write(f"lines {pid} {n}\n".encode())
            out.flush()
        except BrokenPipeError:
            return 0
        os.pwrite(record, f"{n:12d}\n".encode(), 0)
        time.sleep(0.01)


if __name__ == "__main__":
    sys.exit(main())
