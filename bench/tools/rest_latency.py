#!/usr/bin/env python3
"""Times sequential REST requests over one keep-alive connection.

Usage: rest_latency.py --url http://127.0.0.1:PORT --token TOKEN --path /api/v1/processes --count N [--warmup W]

Opens one HTTP/1.1 connection (http.client) and sends W untimed, then N timed `GET PATH` with
`Authorization: Bearer TOKEN`, one after the other; each is timed with time.perf_counter_ns from
just before the request is sent to the last byte of its body read. Any status other than 200 counts
as an error (and its time is not a sample). Prints one line: P50_NS P99_NS ERRORS BODY_BYTES
(the size of the last 200 body). P99 is the nearest-rank percentile.
"""

import argparse
import http.client
import math
import sys
import time
import urllib.parse


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--path", default="/api/v1/processes")
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    parsed = urllib.parse.urlsplit(args.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    headers = {"Authorization": f"Bearer {args.token}", "Connection": "keep-alive"}
    samples, errors, size, statuses = [], 0, 0, {}
    for i in range(args.warmup + args.count):
        start = time.perf_counter_ns()
        connection.request("GET", args.path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter_ns() - start
        if response.status != 200:
            errors += 1
            statuses[response.status] = statuses.get(response.status, 0) + 1
            continue
        size = len(body)
        if i >= args.warmup:
            samples.append(elapsed)
    connection.close()
    if statuses:
        print(f"rest_latency: non-200 answers: {statuses}", file=sys.stderr)
    if not samples:
        print("FAIL FAIL", errors, size)
        return 1
    samples.sort()
    p50 = samples[len(samples) // 2] if len(samples) % 2 else (samples[len(samples) // 2 - 1] + samples[len(samples) // 2]) // 2
    p99 = samples[max(0, math.ceil(0.99 * len(samples)) - 1)]
    print(p50, p99, errors, size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
