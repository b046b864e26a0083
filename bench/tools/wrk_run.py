#!/usr/bin/env python3
"""One wrk load against a port; prints REQUESTS_PER_S P99_US ERRORS.

Usage: wrk_run.py --port P [--threads 2] [--connections 20] [--duration 10s] [--stderr FILE]

Runs `wrk -tT -cC -dD --latency http://127.0.0.1:P/` and reads from its report: Requests/sec, the
99% line of the latency distribution (wrk prints it in us, ms or s; converted to µs), and the errors:
socket errors (connect, read, write, timeout) plus non-2xx/3xx responses. wrk's own report goes to
--stderr (the run log). Exit 1 when wrk fails or its report lacks a figure.
"""

import argparse
import re
import subprocess
import sys

UNITS_US = {"us": 1.0, "ms": 1e3, "s": 1e6, "m": 60e6}


def parse(report: str) -> tuple[float, float, int]:
    rps = re.search(r"^Requests/sec:\s+([0-9.]+)", report, re.M)
    p99 = re.search(r"^\s+99%\s+([0-9.]+)(us|ms|s|m)\s*$", report, re.M)
    if rps is None or p99 is None:
        raise ValueError("no Requests/sec or 99% line in wrk's report")
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report)
    if socket_errors:
        errors += sum(int(group) for group in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return float(rps.group(1)), float(p99.group(1)) * UNITS_US[p99.group(2)], errors


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--stderr")
    args = parser.parse_args()
    log = open(args.stderr, "a") if args.stderr else sys.stderr
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}", "--latency",
               f"http://127.0.0.1:{args.port}/"]
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    log.write(f"$ {' '.join(command)}\n{result.stdout}{result.stderr}")
    log.flush()
    if result.returncode != 0:
        return 1
    try:
        rps, p99, errors = parse(result.stdout)
    except ValueError as error:
        log.write(f"wrk_run: {error}\n")
        return 1
    print(f"{rps:.0f} {p99:.0f} {errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
