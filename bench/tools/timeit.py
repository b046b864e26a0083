#!/usr/bin/env python3
"""Runs one command and prints its whole-process wall time in nanoseconds.

Usage: timeit.py [--timeout SECONDS] [--stderr FILE] [--retry-last] -- COMMAND [ARGS...] [--then COMMAND [ARGS...]]...

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

With `--then`, the commands run one after the other and the figure runs from the spawn of the
first to the reap of the last; every one must succeed. With `--retry-last`, a failing last command
is run again (after 5 ms) until it succeeds or the timeout is reached: supervisord's cold start is
`supervisord -c CONF --then supervisorctl -c CONF status` (the daemonizing parent of supervisord
exits before the daemon serves requests). The timeout applies to the whole sequence.
"""

import argparse
import os
import subprocess
import sys
import threading
import time


def split_commands(words: list[str]) -> list[list[str]]:
    commands: list[list[str]] = [[]]
    for word in words:
        if word == "--then":
            commands.append([])
        else:
            commands[-1].append(word)
    return commands


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--stderr", default=os.devnull)
    parser.add_argument("--retry-last", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    words = args.command[1:] if args.command[:1] == ["--"] else args.command
    commands = split_commands(words)
    if not all(commands):
        parser.error("no command given (or an empty one around --then)")

    overran = threading.Event()
    current: list[subprocess.Popen] = []

    def overrun() -> None:
        overran.set()
        for process in current:
            process.kill()  # a no-op once the process has been reaped

    with open(args.stderr, "ab") as err:
        start = time.perf_counter_ns()
        timer = threading.Timer(args.timeout, overrun)
        timer.daemon = True
        timer.start()
        try:
            for index, command in enumerate(commands):
                last = index == len(commands) - 1
                while True:
                    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
                    current[:] = [process]
                    if overran.is_set():
                        process.kill()
                    code = process.wait()  # blocking waitpid: returns as soon as the command has exited
                    if code == 0 or overran.is_set() or not (last and args.retry_last):
                        break
                    time.sleep(0.005)
                if code != 0 or overran.is_set():
                    break
        except KeyboardInterrupt:  # Ctrl-C: the command got it too; do not leave it behind
            for process in current:
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
