# shellcheck shell=bash
# cold-start: no daemon running → the first command is answered.
bench_scenario cold-start "no daemon running → first command answered" \
  "Each run gets a new, empty home. od and PM2: one run is the whole-process wall time of \`od ping\` (AOT binary, JIT build) or \`pm2 ping\`: the CLI finds no daemon, spawns it, waits until it answers and prints the answer. supervisord has no auto-start: one run is from the spawn of \`supervisord -c <home>/supervisord.conf\` (no programs; it daemonizes once its socket is open) to the exit of the first \`supervisorctl status\` that answered (retried every 5 ms if it fails; it rarely has to). The daemon is then killed (SIGKILL, not timed: how a daemon stops is not this scenario's business) and the home removed. One untimed cold start per subject comes first (warm-up: binaries into the page cache; not with --quick)."

# _cold_start_time SUBJECT HOME — print the wall time (ns) of one cold start.
_cold_start_time() {
  local subject=$1 home=$2 BENCH_CMD=() daemon=()
  if [ "$subject" = supervisord ]; then
    bench_sup_write_conf "$home"
    bench_sup_daemon_cmd "$home"
    daemon=("${BENCH_CMD[@]}")
    _bench_cmd "$subject" "$home"
    bench_time_seq "$subject" "$home" --retry-last -- "${daemon[@]}" --then "${BENCH_CMD[@]}" status
  else
    bench_time "$subject" "$home" ping
  fi
}

scenario_cold_start() {
  local s=cold-start subject i home ns
  bench_metric "$s" first-answer ns "spawn of the CLI (supervisord: of the daemon) → daemon started → first answer printed → CLI exited"
  bench_goal_ratio "$s" first-answer od-aot pm2 0.1 "issue 11: cold start (no daemon → first answer) ≤ 1/10 of PM2's"

  for subject in "${BENCH_SUBJECTS[@]}"; do # warm-up, untimed
    [ "$BENCH_WARMUP" = 0 ] && break
    home=$(bench_new_home "$subject")
    _cold_start_time "$subject" "$home" >/dev/null || bench_log "$s: $subject warm-up failed (see $BENCH_LOG)"
    bench_stop_daemon "$subject" "$home" --force
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      home=$(bench_new_home "$subject")
      if ns=$(_cold_start_time "$subject" "$home"); then
        bench_sample "$s" first-answer "$subject" "$ns"
        bench_daemon_pid "$subject" "$home" >/dev/null ||
          bench_note "$s" "$subject run $i: the command answered but no daemon pid was found in $(bench_pid_file "$subject" "$home")."
      else
        bench_sample "$s" first-answer "$subject" FAIL
        bench_log "$s: $subject run $i failed (see $BENCH_LOG)"
      fi
      bench_stop_daemon "$subject" "$home" --force
    done
  done
}
