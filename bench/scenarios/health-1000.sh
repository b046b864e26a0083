# shellcheck shell=bash
# health-1000: what 1,000 tcp health checks a second cost the daemon (issue 6): CPU % and threads.
#
# BENCH_HEALTH_APPS changes the number of apps (--quick: BENCH_START_APPS, i.e. 100); the window is
# BENCH_HEALTH_WINDOW (10 s: a thousand checks a second give a steady figure within seconds, and the
# whole bench has 15 minutes; --quick: BENCH_IDLE_WINDOW, 5 s). od only: PM2 and supervisord have no health checks.
bench_scenario health-1000 "1,000 tcp health checks per second: daemon CPU and threads" \
  "od only: PM2 and supervisord have no health checks. Per OpenDaemon build, one round: a new home, the daemon started, 3 s idle, its threads read (0 apps). A small python TCP server (bench/tools/tcp_accept.py: accepts and closes) listens on 127.0.0.1 in the home. N apps \`$(command -v sleep) 100000\` (interpreter none) are started from one YAML file, each with \`healthCheck: {type: tcp, host: 127.0.0.1, port: <that server>, interval: 1s, timeout: 1s}\`, so the daemon runs N checks a second; \`od start\` answers once they are online, which with a health check means after each one's first passed check. After 3 s to settle, one window in which nothing talks to the daemon: CPU = (utime + stime of the daemon, /proc/<pid>/stat, before and after) / clock ticks / wall time, as % of one core; then its threads and VmRSS. Thread growth = threads with N checked apps − threads with 0 apps, same daemon. Compare with start-1000's idle CPU (the same apps without checks)."

scenario_health_1000() {
  local s=health-1000 n=${BENCH_HEALTH_APPS:-${BENCH_START_APPS:-1000}} window=${BENCH_HEALTH_WINDOW:-${BENCH_IDLE_WINDOW:-10}}
  local subject home pid port server config threads0 ticks c0 t0 t1 value out
  bench_metric "$s" cpu pct "daemon CPU with $n apps checked over tcp every second (${window} s window), % of one core"
  bench_metric "$s" threads count "daemon threads with $n checked apps (after the window)"
  bench_metric "$s" thread-growth count "threads with $n checked apps − threads with 0 apps (same daemon)"
  bench_metric "$s" rss kB "daemon VmRSS with $n checked apps (after the window)"
  bench_goal_max "$s" thread-growth od-aot 100 "issue 6: 1,000 checks a second must not add 1,000 threads"
  [ "$n" = 1000 ] || bench_note "$s" "This run checked $n apps (BENCH_HEALTH_APPS or --quick), not 1,000."
  [ "$window" = 10 ] || bench_note "$s" "The window was ${window} s in this run (10 s in a full run)."

  for subject in "${BENCH_SUBJECTS[@]}"; do
    case $subject in
      od-*) ;;
      *)
        for metric in cpu threads thread-growth rss; do bench_na "$s" "$metric" "$subject" "no health checks"; done
        continue
        ;;
    esac
    home=$(bench_new_home "$subject")
    if ! pid=$(bench_start_daemon "$subject" "$home"); then
      bench_note "$s" "$subject: the daemon did not start; no run."
      bench_stop_daemon "$subject" "$home" --force
      continue
    fi
    sleep 3
    threads0=$(bench_proc_field "$pid" Threads) || threads0=FAIL

    # The peer: started with the home in its environment, so the cleanup sweep finds it too.
    port=$(OD_HOME=$home "$BENCH_PY" -S "$BENCH_DIR/tools/tcp_accept.py" "$home/tcp.port" </dev/null >>"$BENCH_LOG" 2>&1 &
      for _ in $(seq 100); do [ -s "$home/tcp.port" ] && break; sleep 0.05; done
      cat "$home/tcp.port")
    config=$(dirname "$home")/checked.yaml
    {
      echo "apps:"
      for ((k = 0; k < n; k++)); do
        printf '  - name: checked-%d\n    script: %s\n    args: ["100000"]\n    interpreter: none\n    healthCheck: { type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 1s }\n' \
          "$k" "$(command -v sleep)" "$port"
      done
    } >"$config"
    if ! out=$(bench_start_online "$subject" "$home" "$config" "$n"); then
      bench_note "$s" "$subject: the $n checked apps were not all online ($out); no run."
      for metric in cpu threads thread-growth rss; do bench_sample "$s" "$metric" "$subject" FAIL; done
      bench_stop_daemon "$subject" "$home" --force
      continue
    fi

    sleep 3
    c0=$(bench_proc_cpu_ticks "$pid")
    t0=$(date +%s%N)
    sleep "$window"
    t1=$(date +%s%N)
    ticks=$(($(bench_proc_cpu_ticks "$pid") - c0))
    value=$(awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" -v ns="$((t1 - t0))" 'BEGIN { printf "%.4f", ticks / hz / (ns / 1e9) * 100 }')
    bench_sample "$s" cpu "$subject" "$value"
    value=$(bench_proc_field "$pid" Threads) || value=FAIL
    bench_sample "$s" threads "$subject" "$value"
    if [ "$value" != FAIL ] && [ "$threads0" != FAIL ]; then
      bench_sample "$s" thread-growth "$subject" "$((value - threads0))"
    else
      bench_sample "$s" thread-growth "$subject" FAIL
    fi
    bench_sample "$s" rss "$subject" "$(bench_proc_field "$pid" VmRSS || echo FAIL)"
    bench_log "$s: $subject: $n checked apps, ${window} s: $ticks ticks of CPU; threads $(bench_thread_names "$pid")"
    bench_stop_daemon "$subject" "$home" --force
  done
}
