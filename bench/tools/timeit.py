#!/usr/bin/env python3
"""Runs one command and prints its whole-process wall time in nanoseconds.

Usage: timeit.py [--timeout SECONDS] [--stderr FILE] -- COMMAND [ARGS...]

The clock (time.perf_counter_ns, monotonic) is read right before the process is spawned and
right after it has been reaped, so the figure is what a user waits for: exec, runtime start,
the work, exit. Python's own start-up is outside the measured interval. The reaping is a blocking
waitpid, and a timer thread kills the command if it overruns: Popen.wait(timeout=...) must not be
used here, as it polls with sleeps of 1, 2, 4, ... 50 ms, which rounds every figure up to the next
poll (1, 3, 7, 15, 31, 63, 113, 163 ms ...); bench/RESULTS.md says which sections carry that
rounding. stdout is discarded and
stderr goes to a file (never a pipe: a daemon that inherits a pipe would keep it open and make a
reader wait forever). Exit status: 0 and the figure on stdout when the command succeeded;
1 when it failed (its exit code is printed to stderr); 124 when it overran the timeout and was
killed; 130 on Ctrl-C (the command is killed).
"""

import argparse
import os
import subprocess
import sys
import threading
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--stderr", default=os.devnull)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    overran = threading.Event()

    def overrun(process: subprocess.Popen) -> None:
        overran.set()
        process.kill()  # a no-op once the process has been reaped

    with open(args.stderr, "ab") as err:
        start = time.perf_counter_ns()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        timer = threading.Timer(args.timeout, overrun, (process,))
        timer.daemon = True
        timer.start()
        try:
            code = process.wait()  # blocking waitpid: returns as soon as the command has exited
        except KeyboardInterrupt:  # Ctrl-C: the command got it too; do not leave it behind
            process.kill()
            process.wait()
            return 130
        finally:
            timer.cancel()
        elapsed = time.perf_counter_ns() - start
        if overran.is_set():
            print(f"timeit: {command[0]} overran {args.timeout:g}s and was killed", file=sys.stderr)
            return 124

    if code != 0:
        print(f"timeit: {' '.join(command)} exited with {code}", file=sys.stderr)
        return 1
    print(elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
