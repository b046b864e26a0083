#!/usr/bin/env python3
"""Drives a dashboard in a real terminal (tmux) for the monit scenario (issue 18).

Usage:
  monit_screen.py first --socket NAME --session S --size COLSxROWS --want TEXT [--want TEXT ...]
                  [--timeout SECONDS] -- COMMAND...
      Starts COMMAND in a new detached tmux session of that size (tmux -L NAME, a server of its own), then
      reads the screen (capture-pane) back to back until every TEXT is on it. Prints the nanoseconds from
      just before `tmux new-session` was spawned to that screen, and leaves the session running.
  monit_screen.py cpu --seconds N PID [PID ...]
      Prints, for each PID, the CPU of it and all its descendants over the next N seconds, % of one core
      (utime + stime from /proc, the tree read at the start and at the end).
  monit_screen.py pane-pid --socket NAME --session S
      Prints the pid of the process in the session's pane.

Exit status 1 when the screen never showed what was wanted (the last screen goes to stderr).
"""
import os
import subprocess
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def tmux(socket: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=30)


def first(args: list[str]) -> int:
    split = args.index("--")
    options, command = args[:split], args[split + 1:]
    wants, values = [], {}
    for key, value in zip(options[::2], options[1::2]):
        if key == "--want":
            wants.append(value)
        else:
            values[key] = value
    cols, rows = values["--size"].split("x")
    deadline_s = float(values.get("--timeout", "30"))
    socket, session = values["--socket"], values["--session"]
    start = time.perf_counter_ns()
    made = subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-s", session, "-x", cols, "-y", rows, *command],
                          capture_output=True, text=True, timeout=30)
    if made.returncode != 0:
        print(f"monit_screen: tmux new-session failed: {made.stderr.strip()}", file=sys.stderr)
        return 1
    deadline = start + int(deadline_s * 1e9)
    screen = ""
    while time.perf_counter_ns() < deadline:
        captured = tmux(socket, "capture-pane", "-p", "-t", session)
        screen = captured.stdout
        if captured.returncode == 0 and all(want in screen for want in wants):
            print(time.perf_counter_ns() - start)
            return 0
    print(f"monit_screen: {wants} not on the screen within {deadline_s:g}s; last screen:\n{screen}", file=sys.stderr)
    return 1


def children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", encoding="utf-8") as file:
                    fields = file.read().rsplit(")", 1)[1].split()
                tree.setdefault(int(fields[1]), []).append(int(name))
            except (OSError, IndexError, ValueError):
                continue
    return tree


def tree_of(pid: int, tree: dict[int, list[int]]) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(tree.get(current, []))
    return found


def ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as file:
            fields = file.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def cpu(args: list[str]) -> int:
    at = args.index("--seconds")
    seconds = float(args[at + 1])
    roots = [int(a) for a in args[:at] + args[at + 2:]]
    tree = children_of()
    before = {root: {pid: ticks(pid) for pid in tree_of(root, tree)} for root in roots}
    start = time.perf_counter_ns()
    time.sleep(seconds)  # the measurement window itself
    wall = (time.perf_counter_ns() - start) / 1e9
    tree = children_of()
    out = []
    for root in roots:
        pids = tree_of(root, tree) | set(before[root])
        used = sum(ticks(pid) - before[root].get(pid, 0) for pid in pids)
        out.append(f"{used / TICKS / wall * 100:.4f}")
    print(" ".join(out))
    return 0


def pane_pid(args: list[str]) -> int:
    values = dict(zip(args[::2], args[1::2]))
    shown = tmux(values["--socket"], "display-message", "-p", "-t", values["--session"], "#{pane_pid}")
    if shown.returncode != 0 or not shown.stdout.strip().isdigit():
        return 1
    print(shown.stdout.strip())
    return 0


def main() -> int:
    commands = {"first": first, "cpu": cpu, "pane-pid": pane_pid}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
