# shellcheck shell=bash
# cli-roundtrip: whole-process wall time of one `ping` against a daemon that is already running.
bench_scenario cli-roundtrip "CLI round trip against a running daemon" \
  "Each subject's daemon is started once in its own empty home and pinged once untimed (warm-up). Then, in alternating rounds, one run is the whole-process wall time of \`od ping\` (AOT binary, JIT build) or \`pm2 ping\`, from spawn to exit: process start, connect, request, answer, exit. The daemon's pid is checked to be the same at the end (no restart during the scenario)."

scenario_cli_roundtrip() {
  local s=cli-roundtrip subject i pid
  local -A home=() first_pid=()
  bench_metric "$s" wall ns "whole-process wall time of one ping"
  bench_goal_ratio "$s" wall od-aot pm2 0.0666667 "issue 7: CLI round trip ≤ 1/15 of PM2's"

  for subject in "${BENCH_SUBJECTS[@]}"; do
    home[$subject]=$(bench_new_home "$subject")
    if ! first_pid[$subject]=$(bench_start_daemon "$subject" "${home[$subject]}"); then
      bench_note "$s" "$subject: the daemon did not start; no runs."
      continue
    fi
    bench_exec "$subject" "${home[$subject]}" ping || true # warm-up, untimed
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${first_pid[$subject]}" ] || continue
      bench_measure "$s" wall "$subject" "${home[$subject]}" ping || true
    done
  done

  for subject in "${BENCH_SUBJECTS[@]}"; do
    if [ -n "${first_pid[$subject]}" ]; then
      pid=$(bench_daemon_pid "$subject" "${home[$subject]}") || pid=none
      [ "$pid" = "${first_pid[$subject]}" ] ||
        bench_note "$s" "$subject: the daemon changed during the scenario (pid ${first_pid[$subject]} → $pid): some runs may include a daemon start."
    fi
    bench_stop_daemon "$subject" "${home[$subject]}"
  done
}
