#!/usr/bin/env python3
"""Turns the samples of one bench run into Markdown tables, ratios and goal verdicts.

Usage: report.py RUN_DIR SUBJECT...

Reads the tab-separated files that bench/lib.sh writes into RUN_DIR:
  scenarios.tsv  scenario, title, how it is measured
  metrics.tsv    scenario, metric, unit (ns | kB | count | pct | us | lps | rps), label[, better]
                 better: "lower" (default) or "higher" (throughputs)
  goals.tsv      scenario, metric, kind, subject, peer ('-' without), limit, source; kinds:
                   ratio      median(subject) / median(peer) <= limit
                   ratio_min  median(subject) / median(peer) >= limit
                   ratio_below median(subject) / median(peer) < limit
                   max        median(subject) <= limit (raw unit)
                   below      median(subject) < limit (raw unit)
                   min        median(subject) >= limit
                   worst_max  every run of subject <= limit (e.g. lines lost: 0 in every run)
  samples.tsv    scenario, metric, subject, value (raw unit) or FAIL
  na.tsv         scenario, metric ('*' for all), subject, why it does not apply to that subject
  notes.tsv      scenario, free text to print under the scenario's tables
Subjects are given in the order the tables list them; those named od-* are OpenDaemon, the others
peers. Each table: one row per subject with median, min–max and the number of runs, then one column
per OpenDaemon build with the ratio of its median to that row's median (od ÷ peer), and a goal
column with the verdicts of the goals evaluated on that row. A summary of every goal ends the
report.
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
    if unit == "us":
        return value, "µs"
    if unit == "lps":
        return value / 1e6, "M lines/s"
    if unit == "rps":
        return value / 1e3, "k requests/s"
    return value, ""


def fmt_number(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"
    if unit == "MB":
        return f"{value:.1f}"
    if unit == "%":
        return f"{value:.2f}"
    if unit == "µs":
        return f"{value:.0f}" if value >= 100 else f"{value:.1f}"
    if unit == "M lines/s":
        return f"{value:.3f}" if value < 1 else f"{value:.2f}"
    if unit == "k requests/s":
        return f"{value:.1f}"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def fmt(value: float, unit: str) -> str:
    shown, suffix = display(value, unit)
    return f"{fmt_number(shown, suffix)} {suffix}".rstrip()


def fmt_ratio(ratio: float) -> str:
    inverse = ""
    if 0 < ratio < 1:
        inverse = f" (1/{1 / ratio:.1f})" if ratio <= 0.5 else f" (1/{1 / ratio:.2f})"
    return f"{ratio:.3f}{inverse}"


def fmt_limit(kind: str, limit: float, unit: str) -> str:
    if kind == "ratio_below":
        return f"< {limit:g}"
    if kind in ("ratio", "ratio_min"):
        sign = "≤" if kind == "ratio" else "≥"
        return f"{sign} {fmt_ratio(limit)}"
    sign = {"min": "≥", "below": "<"}.get(kind, "≤")
    return f"{sign} {fmt(limit, unit)}"


def main() -> int:
    run_dir = Path(sys.argv[1])
    subjects = sys.argv[2:]
    # Variants a scenario measures besides the run's subjects (od-rr: od-aot with another strategy) get a
    # row of their own, right after the subject they vary.
    for variant in dict.fromkeys(row[2] for row in read(run_dir / "samples.tsv")):
        if variant not in subjects and variant.startswith("od-"):
            base = next((s for s in subjects if s.startswith("od-")), None)
            subjects.insert(subjects.index(base) + 1 if base else 0, variant)
    ours_all = [s for s in subjects if s.startswith("od-")]
    scenarios = read(run_dir / "scenarios.tsv")
    metrics = defaultdict(list)
    for row in read(run_dir / "metrics.tsv"):
        scenario, metric, unit, label = row[:4]
        better = row[4] if len(row) > 4 and row[4] else "lower"
        metrics[scenario].append((metric, unit, label, better))
    goals = defaultdict(list)
    for scenario, metric, kind, subject, peer, limit, source in read(run_dir / "goals.tsv"):
        goals[(scenario, metric)].append((kind, subject, peer, float(limit), source))
    notes = defaultdict(list)
    for scenario, text in read(run_dir / "notes.tsv"):
        notes[scenario].append(text)
    na: dict[tuple[str, str, str], str] = {}
    for scenario, metric, subject, why in read(run_dir / "na.tsv"):
        na[(scenario, metric, subject)] = why
    values: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    failures: dict[tuple[str, str, str], int] = defaultdict(int)
    for scenario, metric, subject, value in read(run_dir / "samples.tsv"):
        if value == "FAIL":
            failures[(scenario, metric, subject)] += 1
        else:
            values[(scenario, metric, subject)].append(float(value))

    summary: list[str] = []
    out: list[str] = []
    for scenario, title, how in scenarios:
        out.append(f"### {scenario} — {title}")
        out.append("")
        out.append(how)
        out.append("")
        for metric, unit, label, better in metrics[scenario]:
            medians: dict[str, float] = {}
            for subject in subjects:
                samples = values.get((scenario, metric, subject), [])
                if samples:
                    medians[subject] = statistics.median(samples)
            goal_list = goals.get((scenario, metric), [])
            # Verdicts, placed on the row of the peer (ratio goals) or of the subject (others).
            cells: dict[str, list[str]] = defaultdict(list)
            for kind, goal_subject, goal_peer, limit, source in goal_list:
                row = goal_peer if kind.startswith("ratio") else goal_subject
                limit_text = fmt_limit(kind, limit, unit)
                if kind.startswith("ratio"):
                    what = f"{goal_subject}/{goal_peer} {limit_text}"
                    if goal_subject not in medians or goal_peer not in medians or medians[goal_peer] <= 0:
                        verdict, measured = "not measured", "—"
                    else:
                        ratio = medians[goal_subject] / medians[goal_peer]
                        ok = {"ratio": ratio <= limit, "ratio_min": ratio >= limit, "ratio_below": ratio < limit}[kind]
                        verdict, measured = ("met" if ok else "MISSED"), fmt_ratio(ratio)
                elif kind == "worst_max":
                    samples = values.get((scenario, metric, goal_subject), [])
                    failed = failures.get((scenario, metric, goal_subject), 0)
                    what = f"{goal_subject} every run {limit_text}"
                    if not samples:
                        verdict, measured = "not measured", "—"
                    else:
                        worst = max(samples)
                        ok = worst <= limit and not failed
                        verdict = "met" if ok else "MISSED"
                        measured = f"worst {fmt(worst, unit)}" + (f", {failed} failed" if failed else "")
                else:
                    what = f"{goal_subject} {limit_text}"
                    if goal_subject not in medians:
                        verdict, measured = "not measured", "—"
                    else:
                        median = medians[goal_subject]
                        ok = {"max": median <= limit, "below": median < limit, "min": median >= limit}[kind]
                        verdict, measured = ("met" if ok else "MISSED"), fmt(median, unit)
                cells[row].append(f"{what}: **{verdict}**")
                summary.append(f"| {scenario} | {label} | {what} ({source}) | {measured} | **{verdict}** |")

            if not any(values.get((scenario, metric, s)) or failures.get((scenario, metric, s))
                       or (scenario, metric, s) in na or (scenario, "*", s) in na for s in subjects):
                continue  # not measured in this run (e.g. delete-all with --quick)
            ours = [s for s in ours_all if s in medians]
            direction = "higher is better" if better == "higher" else "lower is better"
            out.append(f"**{label}** ({direction})")
            out.append("")
            header = "| subject | median | min–max | runs |" + "".join(f" {s} ÷ this |" for s in ours) + " goal |"
            out.append(header)
            out.append("|---|---:|---:|---:|" + "---:|" * len(ours) + "---|")
            for subject in subjects:
                samples = values.get((scenario, metric, subject), [])
                failed = failures.get((scenario, metric, subject), 0)
                why = na.get((scenario, metric, subject)) or na.get((scenario, "*", subject))
                goal_cell = "; ".join(cells.get(subject, []))
                if why and not samples and not failed:
                    out.append(f"| {subject} | n/a | — | — |" + " — |" * len(ours) + f" {why} |")
                    continue
                if not samples and not failed:
                    continue
                runs = f"{len(samples)}" + (f" ({failed} failed)" if failed else "")
                ratio_cells = []
                for own in ours:
                    if subject.startswith("od-") or subject not in medians:
                        ratio_cells.append(" — |")
                    elif medians[subject] <= 0 or medians[own] < 0:
                        ratio_cells.append(" n/a |")  # 0 % idle CPU, no thread growth: the medians say it
                    else:
                        ratio_cells.append(f" {fmt_ratio(medians[own] / medians[subject])} |")
                if samples:
                    low, high = display(min(samples), unit), display(max(samples), unit)
                    spread = f"{fmt_number(low[0], low[1])}–{fmt_number(high[0], high[1])} {low[1]}".rstrip()
                    out.append(f"| {subject} | {fmt(medians[subject], unit)} | {spread} | {runs} |" + "".join(ratio_cells) + f" {goal_cell} |")
                else:
                    out.append(f"| {subject} | — | — | {runs} |" + "".join(ratio_cells) + f" {goal_cell} |")
            out.append("")
            short = [s for s in subjects if 0 < len(values.get((scenario, metric, s), [])) < MIN_RUNS]
            if short:
                out.append(f"- fewer than {MIN_RUNS} successful runs for {', '.join(short)}: indicative only")
                out.append("")
        for text in notes.get(scenario, []):
            out.append(f"> {text}")
            out.append("")
    if summary:
        out.append("### Goals (issues 4, 7 and 11), evaluated on this run")
        out.append("")
        out.append("| scenario | metric | goal | measured | verdict |")
        out.append("|---|---|---|---:|---|")
        out.extend(summary)
        out.append("")
    sys.stdout.write("\n".join(out).rstrip() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
