"""The app of the respawn scenario: records when it started and when it is about to exit, then
exits 1 at once. Run as `python3 -S crash_app.py LOG` (no site import: a shorter start-up).

Appends `start <ns>` right after the interpreter has started and `exit <ns>` right before
os._exit(1) (no interpreter teardown after it). Both are time.monotonic_ns(): CLOCK_MONOTONIC, one
clock for every process of the machine, so the next run's start minus this run's exit is the
time from this exit to the next start, as seen by the app.
"""

import os
import sys
import time

started = time.monotonic_ns()
with open(sys.argv[1], "a") as log:
    log.write(f"start {started}\n")
    log.write(f"exit {time.monotonic_ns()}\n")
os._exit(1)
