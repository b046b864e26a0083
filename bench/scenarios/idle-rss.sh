# shellcheck shell=bash
# idle-rss: resident memory and thread count of an idle daemon with no apps.
bench_scenario idle-rss "idle daemon, no apps: resident memory and threads" \
  "Each round starts one daemon per subject, each in a new empty home (\`od ping\` / \`pm2 ping\` on the empty home starts it and waits for its answer), lets them all idle 3 s (a plain sleep, nothing polls them), then reads VmRSS and Threads from /proc/<pid>/status of the daemon process (od: pid from \$OD_HOME/daemon.pid; PM2: the God daemon, pid from \$PM2_HOME/pm2.pid) and stops them."

scenario_idle_rss() {
  local s=idle-rss subject i pid value
  local -A home=() daemon=()
  bench_metric "$s" rss kB "daemon resident memory (VmRSS) after ≥ 3 s idle"
  bench_metric "$s" threads count "daemon threads after ≥ 3 s idle"
  bench_goal_ratio "$s" rss od-aot pm2 0.5 "issue 7: daemon idle RSS ≤ 1/2 of PM2's"

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      home[$subject]=$(bench_new_home "$subject")
      daemon[$subject]=$(bench_start_daemon "$subject" "${home[$subject]}") || daemon[$subject]=
    done
    sleep 3
    for subject in "${BENCH_SUBJECTS[@]}"; do
      pid=${daemon[$subject]}
      if [ -n "$pid" ] && value=$(bench_proc_field "$pid" VmRSS 2>/dev/null); then
        bench_sample "$s" rss "$subject" "$value"
        value=$(bench_proc_field "$pid" Threads) && bench_sample "$s" threads "$subject" "$value"
      else
        bench_sample "$s" rss "$subject" FAIL
        bench_sample "$s" threads "$subject" FAIL
        bench_log "$s: $subject run $i: no live daemon to read (see $BENCH_LOG)"
      fi
    done
    for subject in "${BENCH_SUBJECTS[@]}"; do
      bench_stop_daemon "$subject" "${home[$subject]}"
    done
  done
}
