# shellcheck shell=bash
# cold-start: no daemon running → the first command is answered.
bench_scenario cold-start "no daemon running → first command answered" \
  "Each run gets a new, empty home. One run is the whole-process wall time of \`od ping\` (AOT binary, JIT build) or \`pm2 ping\`: the CLI finds no daemon, spawns it, waits until it answers and prints the answer. The daemon is then stopped (\`od daemon stop\` / \`pm2 kill\`, not timed) and the home removed. One untimed cold start per subject comes first (warm-up: binaries into the page cache)."

scenario_cold_start() {
  local s=cold-start subject i home
  bench_metric "$s" first-answer ns "spawn of the CLI → daemon started → answer printed → CLI exited"
  bench_goal_ratio "$s" first-answer od-aot pm2 0.1 "issue 7: cold start ≤ 1/10 of PM2's"

  for subject in "${BENCH_SUBJECTS[@]}"; do # warm-up, untimed
    home=$(bench_new_home "$subject")
    bench_exec "$subject" "$home" ping || bench_log "$s: $subject warm-up failed (see $BENCH_LOG)"
    bench_stop_daemon "$subject" "$home"
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      home=$(bench_new_home "$subject")
      if bench_measure "$s" first-answer "$subject" "$home" ping &&
        ! bench_daemon_pid "$subject" "$home" >/dev/null; then
        bench_note "$s" "$subject run $i: the ping answered but no daemon pid was found in $(bench_pid_file "$subject" "$home")."
      fi
      bench_stop_daemon "$subject" "$home"
    done
  done
}
