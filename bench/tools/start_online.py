#!/usr/bin/env python3
"""Starts the apps of a configuration file and waits until a given number of them is online.

Usage: start_online.py --kind od|pm2|sup --want N [--timeout SECONDS] [--stderr FILE]
                       --start JSON_ARGV --list JSON_ARGV

Runs the start command (od: `od start apps.yaml`; pm2: `pm2 start ecosystem.config.js`;
supervisord: `supervisorctl update` after the include file was written) and times it from spawn to
reap (time.perf_counter_ns, monotonic). Once it has exited, runs the listing command back to back
(od: `od ls --json`, counting processes[].status == "online"; pm2: `pm2 jlist`, counting
[].pm2_env.status == "online"; supervisord: `supervisorctl status`, counting lines in state
RUNNING — it exits 3 while some are not) until one listing counts at least N online. The listings
start only after the start command has exited, so they never compete with it for the CPU; after
a failed start there is one listing (its count goes to FILE) and no waiting.

Prints one line: `START_NS ONLINE_NS LISTINGS`, where START_NS is the wall time of the start
command, ONLINE_NS the time from its spawn until the first listing that counted N online had
returned (so it includes that one listing), and LISTINGS how many listings that took. A value
that could not be measured is FAIL (start command failed or overran; N never online before the
timeout). Exit status 0 when both were measured, 1 otherwise. The environment (OD_HOME /
PM2_HOME) is inherited. stdout of the commands is discarded or parsed, stderr goes to FILE.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time


def run(command: list[str], timeout: float, stdout, stderr) -> tuple[int | None, bytes]:
    """Runs COMMAND to its end; returns (exit code, stdout bytes when piped), or (None, ...) when it
    overran TIMEOUT and was killed. The reaping is a blocking waitpid and a timer thread does the
    kill: Popen.wait(timeout=...) polls with sleeps of up to 50 ms, which would round the times up
    (see timeit.py)."""
    overran = threading.Event()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr)

    def overrun() -> None:
        overran.set()
        process.kill()  # a no-op once the process has been reaped

    timer = threading.Timer(timeout, overrun)
    timer.daemon = True
    timer.start()
    try:
        out, _ = process.communicate()  # reads stdout if piped, then a blocking waitpid
    except KeyboardInterrupt:
        process.kill()
        process.wait()
        raise
    finally:
        timer.cancel()
    return (None if overran.is_set() else process.returncode), out or b""


def count_online(kind: str, text: str) -> int:
    if kind == "sup":
        return sum(1 for line in text.splitlines() if line.split()[1:2] == ["RUNNING"])
    try:
        data = json.loads(text)
    except ValueError:
        return -1
    if kind == "od":
        return sum(1 for p in data.get("processes", []) if p.get("status") == "online")
    return sum(1 for p in data if (p.get("pm2_env") or {}).get("status") == "online")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=("od", "pm2", "sup"), required=True)
    parser.add_argument("--want", type=int, required=True)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--stderr", default=os.devnull)
    parser.add_argument("--start", required=True, type=json.loads)
    parser.add_argument("--list", required=True, type=json.loads)
    args = parser.parse_args()
    listing = args.list
    listed_ok = (0, 3) if args.kind == "sup" else (0,)

    with open(args.stderr, "ab") as err:
        start = time.perf_counter_ns()
        deadline = start + int(args.timeout * 1e9)
        try:
            code, _ = run(args.start, args.timeout, subprocess.DEVNULL, err)
        except KeyboardInterrupt:
            return 130
        start_ns = "FAIL"
        if code == 0:
            start_ns = str(time.perf_counter_ns() - start)
        elif code is None:
            print(f"start_online: {' '.join(args.start)} overran {args.timeout:g}s and was killed", file=sys.stderr)
        else:
            print(f"start_online: {' '.join(args.start)} exited with {code}", file=sys.stderr)

        online_ns = "FAIL"
        listings = 0
        last = None
        if start_ns == "FAIL":
            # A failed start is a failed run: one listing for the log, no waiting.
            deadline = min(deadline, time.perf_counter_ns() + 1)
        while listings == 0 or time.perf_counter_ns() < deadline:
            remaining = (deadline - time.perf_counter_ns()) / 1e9
            try:
                code, out = run(listing, max(remaining, 60.0), subprocess.PIPE, err)
            except KeyboardInterrupt:
                return 130
            if code is None:
                break
            listings += 1
            last = count_online(args.kind, out.decode("utf-8", "replace")) if code in listed_ok else -1
            if last >= args.want:
                online_ns = str(time.perf_counter_ns() - start)
                break
            time.sleep(0.05)
        if online_ns == "FAIL":
            print(f"start_online: {args.want} not online (last listing: {last} online, {listings} listings)", file=sys.stderr)

    print(start_ns, online_ns, listings)
    return 0 if "FAIL" not in (start_ns, online_ns) else 1


if __name__ == "__main__":
    sys.exit(main())
