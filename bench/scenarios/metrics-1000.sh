# shellcheck shell=bash
# metrics-1000: what collecting metrics of 1,000 apps every 5 s costs the daemon (issue 16): CPU, history
# memory, and the wall time of `od metrics` with 1,000 apps.
#
# BENCH_METRICS_APPS changes the number of apps (--quick: BENCH_START_APPS, i.e. 100); the windows are
# BENCH_METRICS_WINDOW (30 s: six passes at 5 s; --quick: BENCH_IDLE_WINDOW, 5 s). od only: PM2's
# metrics are its paid product and supervisord has none.
bench_scenario metrics-1000 "metrics of 1,000 apps every 5 s: daemon CPU, history memory, od metrics wall time" \
  "od only. Per OpenDaemon build, one round: a new home, the daemon started (the metrics collector is on by default, every 5 s, 1 h of history), N apps \`$(command -v sleep) 100000\` started from one YAML file and online. After 3 s to settle: one window with the collector on — CPU = (utime + stime of the daemon, /proc/<pid>/stat, before and after) / clock ticks / wall time, % of one core; then \`historyBytes\` of \`od metrics --json\` (the rings, allocated in full at each app's first pass: what an hour of history of N apps costs) and VmRSS. Then 5 timed \`od metrics\` (Prometheus text) and 5 timed \`od metrics --json\` (median each). Then \`od plugin disable metrics-collector\` and one more window of the same length: the daemon CPU without the collector, so that on − off is the collector's own cost."

scenario_metrics_1000() {
  local s=metrics-1000 n=${BENCH_METRICS_APPS:-${BENCH_START_APPS:-1000}} window=${BENCH_METRICS_WINDOW:-${BENCH_IDLE_WINDOW:-30}}
  local subject home pid config out value k times ns
  bench_metric "$s" cpu-on pct "daemon CPU with $n apps, metrics every 5 s (${window} s window), % of one core"
  bench_metric "$s" cpu-off pct "the same daemon and apps after od plugin disable metrics-collector, % of one core"
  bench_metric "$s" cpu-collector pct "cpu-on − cpu-off: the collector's own cost, % of one core"
  bench_metric "$s" history kB "history rings for $n apps × 1 h at 5 s (historyBytes of od metrics --json)"
  bench_metric "$s" rss kB "daemon VmRSS with $n apps and the collector on (after the window)"
  bench_metric "$s" metrics-text ns "od metrics (Prometheus text) with $n apps, median of 5"
  bench_metric "$s" metrics-json ns "od metrics --json with $n apps, median of 5"
  bench_goal_max "$s" cpu-collector od-aot 1 "issue 16: collecting 1,000 apps every 5 s costs < 1 % of a core"
  [ "$n" = 1000 ] || bench_note "$s" "This run measured $n apps (BENCH_METRICS_APPS or --quick), not 1,000."
  [ "$window" = 30 ] || bench_note "$s" "The windows were ${window} s in this run (30 s in a full run)."

  for subject in "${BENCH_SUBJECTS[@]}"; do
    case $subject in
      od-*) ;;
      *)
        for metric in cpu-on cpu-off cpu-collector history rss metrics-text metrics-json; do bench_na "$s" "$metric" "$subject" "no comparable collector"; done
        continue
        ;;
    esac
    home=$(bench_new_home "$subject")
    if ! pid=$(bench_start_daemon "$subject" "$home"); then
      bench_note "$s" "$subject: the daemon did not start; no run."
      bench_stop_daemon "$subject" "$home" --force
      continue
    fi
    config=$(dirname "$home")/measured.yaml
    {
      echo "apps:"
      for ((k = 0; k < n; k++)); do
        printf '  - name: measured-%d\n    script: %s\n    args: ["100000"]\n    interpreter: none\n' "$k" "$(command -v sleep)"
      done
    } >"$config"
    if ! out=$(bench_start_online "$subject" "$home" "$config" "$n"); then
      bench_note "$s" "$subject: the $n apps were not all online ($out); no run."
      for metric in cpu-on cpu-off cpu-collector history rss metrics-text metrics-json; do bench_sample "$s" "$metric" "$subject" FAIL; done
      bench_stop_daemon "$subject" "$home" --force
      continue
    fi

    sleep 3
    local on off
    on=$(_metrics_window_cpu "$pid" "$window")
    bench_sample "$s" cpu-on "$subject" "$on"
    bench_sample "$s" rss "$subject" "$(bench_proc_field "$pid" VmRSS || echo FAIL)"
    value=$( (BENCH_CMD=(); _bench_env "$subject" "$home"; _bench_cmd "$subject" "$home"; "${BENCH_CMD[@]}" metrics --json) 2>>"$BENCH_LOG" \
      | "$BENCH_PY" -S -c 'import json, sys; print("%.0f" % (json.load(sys.stdin)["historyBytes"] / 1024))') || value=FAIL
    bench_sample "$s" history "$subject" "$value"

    for metric in metrics-text metrics-json; do
      local args=(metrics)
      [ "$metric" = metrics-text ] || args+=(--json)
      times=()
      for ((k = 1; k <= 5; k++)); do
        if ns=$(bench_time "$subject" "$home" "${args[@]}"); then times+=("$ns"); fi
      done
      if [ ${#times[@]} -gt 0 ]; then
        bench_sample "$s" "$metric" "$subject" "$(printf '%s\n' "${times[@]}" | bench_median)"
      else
        bench_sample "$s" "$metric" "$subject" FAIL
      fi
    done

    if bench_exec "$subject" "$home" plugin disable metrics-collector; then
      sleep 1
      off=$(_metrics_window_cpu "$pid" "$window")
      bench_sample "$s" cpu-off "$subject" "$off"
      bench_sample "$s" cpu-collector "$subject" "$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.4f", a - b }')"
    else
      bench_sample "$s" cpu-off "$subject" FAIL
      bench_sample "$s" cpu-collector "$subject" FAIL
    fi
    bench_log "$s: $subject: $n apps, ${window} s windows: on $on %, off ${off:-FAIL} %; threads $(bench_thread_names "$pid")"
    bench_stop_daemon "$subject" "$home" --force
  done
}

# _metrics_window_cpu PID SECONDS — the daemon's CPU over a window of that many seconds, % of one core.
_metrics_window_cpu() {
  local pid=$1 window=$2 c0 t0 t1 ticks
  c0=$(bench_proc_cpu_ticks "$pid")
  t0=$(date +%s%N)
  sleep "$window"
  t1=$(date +%s%N)
  ticks=$(($(bench_proc_cpu_ticks "$pid") - c0))
  awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" -v ns="$((t1 - t0))" 'BEGIN { printf "%.4f", ticks / hz / (ns / 1e9) * 100 }'
}
