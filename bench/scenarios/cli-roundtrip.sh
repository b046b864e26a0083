# shellcheck shell=bash
# cli-roundtrip: whole-process wall time and peak memory of the CLI against a daemon that is already
# running: a ping with no apps, then the process listing with 10 apps (the listing with 1,000 apps
# is measured by start-1000, which holds 1,000 apps anyway). Beside the subjects, the floor: a
# Native-AOT "hello world" (bench/tools/Hello), what any AOT process costs before it does anything.
bench_scenario cli-roundtrip "CLI round trip against a running daemon: ping (no apps), listing with 10 apps; the AOT floor" \
  "Each subject's daemon is started once in its own empty home and pinged once untimed (warm-up). Then, in alternating rounds, one run is the whole-process wall time of one CLI call, from spawn to exit (process start, connect, request, answer, exit): first the lightest call with no apps — \`od ping\` (AOT binary, JIT build; \`od\` is the CLI's front door, which answers \`od ping\` and \`od ls --json\` itself and execs od-cli for every other command), \`pm2 ping\`, \`supervisorctl pid\` (supervisorctl has no ping; \`pid\` is one getPID call over supervisord's XML-RPC socket). Then 10 idle apps (\`sleep 100000\`, run directly) are started from a configuration file (\`od start\` / \`pm2 start\` / \`supervisorctl update\` of an include file, see start-1000) and, once all 10 are online and one untimed listing has run, the listing is timed the same way: \`od ls --json\` / \`pm2 jlist\` / \`supervisorctl status\`. The row **floor** is \`hello\`, a Native-AOT \"hello world\" (bench/tools/Hello: one Console.WriteLine, published for linux-x64 with od's settings — invariant globalization, no concurrent GC), timed the same way as one more subject of each round (after one untimed run): what an AOT process costs to start, print and exit, the part of od's figure that no code of ours can remove. The goal *≤ 2× the floor* is od-aot's median over the floor's median of the same table. Peak memory: after the timed rounds, in alternating rounds again, each call (and hello) runs the same number of times under bench/tools/peak_rss.c, which forks, execs the call and prints ru_maxrss of its wait4 rusage — the call's own high-water RSS (untimed runs; a C parent and not Python, whose ~12 MB a child carries into ru_maxrss across exec). The daemon's pid is checked to be the same at the end (no restart during the scenario)."

# _cli_floor_time — print the whole-process wall time (ns) of one run of the floor (hello).
_cli_floor_time() {
  echo "\$ [timed] $BENCH_HELLO" >>"$BENCH_LOG"
  "$BENCH_PY" -S "$BENCH_DIR/tools/timeit.py" --timeout "$BENCH_TIMEOUT" --stderr "$BENCH_LOG" -- "$BENCH_HELLO" </dev/null 2>>"$BENCH_LOG"
}

# _cli_floor_sample SCENARIO METRIC rss|time — measure the floor once and record it (or FAIL).
_cli_floor_sample() {
  local value
  if [ "$3" = rss ]; then
    echo "\$ [peak rss] $BENCH_HELLO" >>"$BENCH_LOG"
    value=$(timeout -k 5 "$BENCH_TIMEOUT" "$BENCH_PEAK_RSS" "$BENCH_HELLO" </dev/null 2>>"$BENCH_LOG") || value=FAIL
  else
    value=$(_cli_floor_time) || value=FAIL
  fi
  bench_sample "$1" "$2" floor "$value"
  [ "$value" != FAIL ] || bench_log "$1: the floor ($BENCH_HELLO) failed (see $BENCH_LOG)"
}

scenario_cli_roundtrip() {
  local s=cli-roundtrip subject i pid config out metric BENCH_ARGS=()
  local -A home=() first_pid=() listed=()
  # The size of hello goes into the section's header (bench_machine_facts).
  BENCH_HELLO_USED=1
  bench_metric "$s" wall ns "ping, no apps: whole-process wall time (\`od ping\`, \`pm2 ping\`, \`supervisorctl pid\`; floor: \`hello\`)"
  bench_metric "$s" list-10 ns "listing with 10 apps: whole-process wall time (\`od ls --json\`, \`pm2 jlist\`, \`supervisorctl status\`; floor: \`hello\`)"
  bench_metric "$s" rss-ping kB "ping, no apps: peak RSS of the CLI process (ru_maxrss)"
  bench_metric "$s" rss-list-10 kB "listing with 10 apps: peak RSS of the CLI process (ru_maxrss)"
  for metric in wall list-10; do
    bench_goal_ratio "$s" "$metric" od-aot pm2 0.0666667 "issue 11: \`od ping\` and \`od ls --json\` with 10 apps ≤ 1/15 of PM2's"
    bench_goal_ratio "$s" "$metric" od-aot floor 2 "issue 11: \`od ping\` and \`od ls --json\` with 10 apps ≤ 2× the AOT floor"
  done
  for metric in rss-ping rss-list-10; do
    bench_goal_max "$s" "$metric" od-aot 15360 "issue 11: CLI peak RSS ≤ 15 MB"
  done

  for subject in "${BENCH_SUBJECTS[@]}"; do
    home[$subject]=$(bench_new_home "$subject")
    if ! first_pid[$subject]=$(bench_start_daemon "$subject" "${home[$subject]}"); then
      bench_note "$s" "$subject: the daemon did not start; no runs."
      continue
    fi
    bench_ping_args "$subject"
    bench_exec "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}" || true # warm-up, untimed
  done
  _cli_floor_time >/dev/null || true # warm-up, untimed

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${first_pid[$subject]}" ] || continue
      bench_ping_args "$subject"
      bench_measure "$s" wall "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}" || true
    done
    _cli_floor_sample "$s" wall time
  done
  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${first_pid[$subject]}" ] || continue
      bench_ping_args "$subject"
      bench_measure_rss "$s" rss-ping "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}" || true
    done
    _cli_floor_sample "$s" rss-ping rss
  done

  for subject in "${BENCH_SUBJECTS[@]}"; do
    [ -n "${first_pid[$subject]}" ] || continue
    config=$(bench_config "$subject" "${home[$subject]}" idlers idle 10)
    if out=$(bench_start_online "$subject" "${home[$subject]}" "$config" 10); then
      listed[$subject]=1
      bench_list_args "$subject"
      bench_exec "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}" || true # warm-up, untimed
    else
      bench_note "$s" "$subject: the 10 apps were not all online ($out); no listing runs."
    fi
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${listed[$subject]:-}" ] || continue
      bench_list_args "$subject"
      bench_measure "$s" list-10 "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}" || true
    done
    _cli_floor_sample "$s" list-10 time
  done
  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${listed[$subject]:-}" ] || continue
      bench_list_args "$subject"
      bench_measure_rss "$s" rss-list-10 "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}" || true
    done
    _cli_floor_sample "$s" rss-list-10 rss
  done

  for subject in "${BENCH_SUBJECTS[@]}"; do
    if [ -n "${first_pid[$subject]}" ]; then
      pid=$(bench_daemon_pid "$subject" "${home[$subject]}") || pid=none
      [ "$pid" = "${first_pid[$subject]}" ] ||
        bench_note "$s" "$subject: the daemon changed during the scenario (pid ${first_pid[$subject]} → $pid): some runs may include a daemon start."
    fi
    bench_stop_daemon "$subject" "${home[$subject]}" --force
  done
}
