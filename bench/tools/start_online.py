#!/usr/bin/env python3
"""Starts the apps of a configuration file and waits until a given number of them is online.

Usage: start_online.py --kind od|pm2 --want N [--timeout SECONDS] [--stderr FILE] CLI CONFIG

Runs `CLI start CONFIG` (od: `od start apps.yaml`; pm2: `pm2 start ecosystem.config.js`) and
times it from spawn to reap (time.perf_counter_ns, monotonic). Once it has exited, lists the apps
back to back (od: `od ls --json`, counting processes[].status == "online"; pm2: `pm2 jlist`,
counting [].pm2_env.status == "online") until one listing counts at least N online. The listings
start only after the start command has exited, so they never compete with it for the CPU.

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
import time


def count_online(kind: str, text: str) -> int:
    try:
        data = json.loads(text)
    except ValueError:
        return -1
    if kind == "od":
        return sum(1 for p in data.get("processes", []) if p.get("status") == "online")
    return sum(1 for p in data if (p.get("pm2_env") or {}).get("status") == "online")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=("od", "pm2"), required=True)
    parser.add_argument("--want", type=int, required=True)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--stderr", default=os.devnull)
    parser.add_argument("cli")
    parser.add_argument("config")
    args = parser.parse_args()
    listing = [args.cli, "ls", "--json"] if args.kind == "od" else [args.cli, "jlist"]

    with open(args.stderr, "ab") as err:
        start = time.perf_counter_ns()
        deadline = start + int(args.timeout * 1e9)
        process = subprocess.Popen([args.cli, "start", args.config], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=err)
        start_ns = "FAIL"
        try:
            code = process.wait(timeout=args.timeout)
            if code == 0:
                start_ns = str(time.perf_counter_ns() - start)
            else:
                print(f"start_online: {args.cli} start exited with {code}", file=sys.stderr)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            print(f"start_online: {args.cli} start overran {args.timeout:g}s and was killed", file=sys.stderr)
        except KeyboardInterrupt:
            process.kill()
            process.wait()
            return 130

        online_ns = "FAIL"
        listings = 0
        last = None
        while time.perf_counter_ns() < deadline:
            remaining = (deadline - time.perf_counter_ns()) / 1e9
            try:
                result = subprocess.run(listing, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=err, timeout=max(remaining, 1.0))
            except subprocess.TimeoutExpired:
                break
            listings += 1
            last = count_online(args.kind, result.stdout.decode("utf-8", "replace")) if result.returncode == 0 else -1
            if last >= args.want:
                online_ns = str(time.perf_counter_ns() - start)
                break
            time.sleep(0.05)
        if online_ns == "FAIL":
            print(f"start_online: {args.want} online not reached in {args.timeout:g}s (last listing: {last} online, {listings} listings)", file=sys.stderr)

    print(start_ns, online_ns, listings)
    return 0 if "FAIL" not in (start_ns, online_ns) else 1


if __name__ == "__main__":
    sys.exit(main())
