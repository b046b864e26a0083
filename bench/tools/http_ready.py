#!/usr/bin/env python3
"""Free ports, and the time until HTTP apps answer.

Usage: http_ready.py ports N
       http_ready.py wait --start JSON_ARGV --ports P1,P2,... [--timeout S] [--stderr FILE]

`ports N` prints N TCP ports of 127.0.0.1 that are free right now: taken at random below the
kernel's ephemeral range (net.ipv4.ip_local_port_range, from 10000 up; outgoing connections never
take them) and checked by binding them.

`wait` runs the start command (od: `od start http.yaml`; pm2: `pm2 start http.config.js`;
supervisord: `supervisorctl update`), and from its spawn polls every port with a plain
`GET / HTTP/1.0` every 5 ms (connection refused: not yet) until each has answered 200 once. The
start command runs in parallel with the polling (pm2 answers before its apps listen, od once they
are spawned, supervisorctl before they are spawned). Prints START_TO_ALL_NS START_CMD_NS: from the
spawn of the start command to the first 200 of the last port, and the wall time of the start
command itself. Exit 1 when a port never answered within the timeout or the start command failed.
"""

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time


def free_ports(count: int) -> list[int]:
    ports: list[int] = []
    low = 32768
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as handle:
            low = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        pass
    candidates = random.sample(range(10000, max(low, 12000)), 1000)
    for port in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    raise SystemExit("http_ready: not enough free ports")


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0) as conn:
            conn.sendall(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            data = b""
            while len(data) < 12:
                chunk = conn.recv(256)
                if not chunk:
                    break
                data += chunk
            return data.startswith(b"HTTP/1.") and data[9:12] == b"200"
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    ports_parser = sub.add_parser("ports")
    ports_parser.add_argument("count", type=int)
    wait = sub.add_parser("wait")
    wait.add_argument("--start", required=True, type=json.loads)
    wait.add_argument("--ports", required=True)
    wait.add_argument("--timeout", type=float, default=60.0)
    wait.add_argument("--stderr", default=os.devnull)
    args = parser.parse_args()
    if args.mode == "ports":
        print(" ".join(str(port) for port in free_ports(args.count)))
        return 0

    pending = {int(port) for port in args.ports.split(",")}
    with open(args.stderr, "ab") as err:
        start = time.perf_counter_ns()
        process = subprocess.Popen(args.start, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        done: dict[str, int] = {}

        def reap() -> None:  # blocking waitpid in a thread: the exact end of the start command
            process.wait()
            done["ns"] = time.perf_counter_ns() - start

        reaper = threading.Thread(target=reap, daemon=True)
        reaper.start()
        deadline = start + int(args.timeout * 1e9)
        last = None
        while pending and time.perf_counter_ns() < deadline:
            for port in sorted(pending):
                if answers(port):
                    pending.discard(port)
                    last = time.perf_counter_ns() - start
            if pending:
                time.sleep(0.005)
        reaper.join(max(0.0, (deadline - time.perf_counter_ns()) / 1e9))
        if process.poll() is None:
            process.kill()
            process.wait()
            print("http_ready: the start command overran and was killed", file=sys.stderr)
            return 1
    if pending:
        print(f"http_ready: ports {sorted(pending)} never answered within {args.timeout:g}s", file=sys.stderr)
        return 1
    if process.returncode != 0:
        print(f"http_ready: the start command exited with {process.returncode}", file=sys.stderr)
        return 1
    print(last, done.get("ns", 0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
