#!/usr/bin/env python3
"""Turns the samples of one bench run into Markdown tables, ratio lines and goal verdicts.

Usage: report.py RUN_DIR SUBJECT...

Reads the tab-separated files that bench/lib.sh writes into RUN_DIR:
  scenarios.tsv  scenario, title, how it is measured
  metrics.tsv    scenario, metric, unit (ns | kB | count | pct), label
  goals.tsv      scenario, metric, kind (ratio | max), subject, peer ('-' for max), limit, source
  samples.tsv    scenario, metric, subject, value (raw unit) or FAIL
  notes.tsv      scenario, free text to print under the scenario's tables
Subjects are given in the order the tables list them. Every ratio is median over median; for the
metrics measured so far lower is better, so a ratio below 1 means OpenDaemon is ahead.
"""

import csv
import statistics
import sys
from collections import defaultdict
from pathlib import Path

MIN_RUNS = 5


def read(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row]


def display(value: float, unit: str) -> tuple[float, str]:
    if unit == "ns":
        return value / 1e6, "ms"
    if unit == "kB":
        return value / 1024, "MB"
    if unit == "pct":
        return value, "%"
    return value, ""


def fmt_number(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"
    if unit == "MB":
        return f"{value:.1f}"
    if unit == "%":
        return f"{value:.2f}"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def fmt(value: float, unit: str) -> str:
    shown, suffix = display(value, unit)
    return f"{fmt_number(shown, suffix)} {suffix}".rstrip()


def fmt_ratio(ratio: float) -> str:
    inverse = f" (1/{1 / ratio:.1f})" if 0 < ratio < 1 else ""
    return f"{ratio:.3f}{inverse}"


def main() -> int:
    run_dir = Path(sys.argv[1])
    subjects = sys.argv[2:]
    scenarios = read(run_dir / "scenarios.tsv")
    metrics = defaultdict(list)
    for scenario, metric, unit, label in read(run_dir / "metrics.tsv"):
        metrics[scenario].append((metric, unit, label))
    goals = defaultdict(list)
    for scenario, metric, kind, subject, peer, limit, source in read(run_dir / "goals.tsv"):
        goals[(scenario, metric)].append((kind, subject, peer, float(limit), source))
    notes = defaultdict(list)
    for scenario, text in read(run_dir / "notes.tsv"):
        notes[scenario].append(text)
    values: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    failures: dict[tuple[str, str, str], int] = defaultdict(int)
    for scenario, metric, subject, value in read(run_dir / "samples.tsv"):
        if value == "FAIL":
            failures[(scenario, metric, subject)] += 1
        else:
            values[(scenario, metric, subject)].append(float(value))

    out: list[str] = []
    for scenario, title, how in scenarios:
        out.append(f"### {scenario} — {title}")
        out.append("")
        out.append(how)
        out.append("")
        for metric, unit, label in metrics[scenario]:
            medians: dict[str, float] = {}
            out.append(f"**{label}** (lower is better)")
            out.append("")
            out.append("| subject | median | min–max | runs |")
            out.append("|---|---:|---:|---:|")
            for subject in subjects:
                samples = values.get((scenario, metric, subject), [])
                failed = failures.get((scenario, metric, subject), 0)
                if not samples and not failed:
                    continue
                runs = f"{len(samples)}" + (f" ({failed} failed)" if failed else "")
                if samples:
                    median = statistics.median(samples)
                    medians[subject] = median
                    low, high = display(min(samples), unit), display(max(samples), unit)
                    spread = f"{fmt_number(low[0], low[1])}–{fmt_number(high[0], high[1])} {low[1]}".rstrip()
                    out.append(f"| {subject} | {fmt(median, unit)} | {spread} | {runs} |")
                else:
                    out.append(f"| {subject} | — | — | {runs} |")
            out.append("")

            peers = [s for s in subjects if not s.startswith("od-") and s in medians]
            ours = [s for s in subjects if s.startswith("od-") and s in medians]
            goal_list = goals.get((scenario, metric), [])
            for subject in ours:
                for peer in peers:
                    if medians[peer] <= 0 or medians[subject] < 0:
                        # 0 % idle CPU, no thread growth: a ratio says nothing; the table does.
                        out.append(f"- ratio {subject}/{peer}: n/a (medians {fmt(medians[subject], unit)} and {fmt(medians[peer], unit)})")
                        continue
                    ratio = medians[subject] / medians[peer]
                    line = f"- ratio {subject}/{peer}: {fmt_ratio(ratio)}"
                    for kind, goal_subject, goal_peer, limit, source in goal_list:
                        if kind == "ratio" and goal_subject == subject and goal_peer == peer:
                            verdict = "met" if ratio <= limit else "MISSED"
                            line += f" — goal ≤ {fmt_ratio(limit)} ({source}): **{verdict}**"
                    out.append(line)
            for kind, goal_subject, goal_peer, limit, source in goal_list:
                if kind == "max" and goal_subject in medians:
                    verdict = "met" if medians[goal_subject] <= limit else "MISSED"
                    out.append(f"- {goal_subject} median {fmt(medians[goal_subject], unit)} — goal ≤ {fmt(limit, unit)} ({source}): **{verdict}**")
            for kind, goal_subject, goal_peer, limit, source in goal_list:
                if goal_subject not in medians or (kind == "ratio" and goal_peer not in medians):
                    out.append(f"- goal for {goal_subject} ({source}): **not measured** (no successful run)")
            short = [s for s in subjects if 0 < len(values.get((scenario, metric, s), [])) < MIN_RUNS]
            if short:
                out.append(f"- fewer than {MIN_RUNS} successful runs for {', '.join(short)}: indicative only")
            out.append("")
        for text in notes.get(scenario, []):
            out.append(f"> {text}")
            out.append("")
    sys.stdout.write("\n".join(out).rstrip() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
