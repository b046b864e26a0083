# shellcheck shell=bash
# node-apps-100: what collecting the data of 100 idle Node apps costs the daemon, against PM2's God
# daemon with the same apps (issue 16: od's daemon CPU ≤ ½ of PM2's). Also the apps' own CPU (od's
# runtime preload against @pm2/io in each app) over the same window, and the listing's wall time.
#
# BENCH_NODE_APPS changes the number of apps (100, also with --quick); the window is
# BENCH_IDLE_WINDOW (30 s; --quick 5 s). supervisord collects nothing: n/a.
bench_scenario node-apps-100 "100 idle Node apps with each manager's data collection on: daemon CPU, the apps' CPU, listing wall time" \
  "od-aot and pm2; supervisord collects no metrics: n/a. Each round, one subject after the other (od, pm2, od, ...): a new empty home, its daemon started, then ${BENCH_NODE_APPS:-100} idle Node apps (one script written into the run directory: \`setInterval(() => {}, 1000)\`, exit 0 on SIGTERM/SIGINT) started from one configuration file (od YAML \`interpreter: node\`, PM2 ecosystem file) in fork mode with each manager's defaults — od: the metrics collector's /proc pass every 5 s and the Node runtime preload in every app reporting heap, event loop and GC every 5 s; PM2: its God daemon, and its fork-mode container with @pm2/io in every app — and listed back to back until all are online (bench/tools/start_online.py). After 5 s to settle, one window of BENCH_IDLE_WINDOW seconds (30; --quick 5): **daemon-cpu** = (utime + stime of the daemon — od-daemon, PM2's God daemon —, /proc/<pid>/stat, before and after) / clock ticks / wall time, % of one core; **apps-cpu** = the same summed over every descendant of the daemon (the app processes, found from the process table right before the window), read right before and right after the daemon's window. Then **listing**: 5 timed \`od ls --json\` / \`pm2 jlist\` with the apps online (median; outside the window: \`pm2 jlist\` makes the God daemon read every app's usage). Then the daemon and its apps are SIGKILLed and the home removed. BENCH_RUNS rounds."

# _nodeapps_descendants PID — the pids of every descendant of PID (children first), from one
# process table.
_nodeapps_descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { kids[$2] = kids[$2] " " $1 }
    END {
      n = split(kids[root], queue, " ")
      for (i = 1; i <= n; i++) {
        print queue[i]
        m = split(kids[queue[i]], more, " ")
        for (j = 1; j <= m; j++) queue[++n] = more[j]
      }
    }'
}

# _nodeapps_ticks PID... — utime + stime of all these processes, in clock ticks (fields 14 and 15 of
# /proc/PID/stat, counted after the ')' that closes the name); no fork per process. Fails when one
# of them is gone.
_nodeapps_ticks() {
  local pid stat total=0 fields
  for pid in "$@"; do
    read -r stat 2>/dev/null <"/proc/$pid/stat" || return 1
    read -r -a fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

scenario_node_apps_100() {
  local s=node-apps-100 n=${BENCH_NODE_APPS:-100} window=${BENCH_IDLE_WINDOW:-30} listings=${BENCH_LISTINGS:-5}
  local subject home pid config app i k out metric daemon a0 a1 t0 t1 apps ns times count
  local BENCH_ARGS=()
  bench_metric "$s" daemon-cpu pct "daemon CPU with $n idle Node apps, each manager's data collection on (${window} s window), % of one core"
  bench_metric "$s" apps-cpu pct "the $n apps' CPU summed over the same window (od's runtime preload / PM2's container and @pm2/io in each), % of one core"
  bench_metric "$s" listing ns "od ls --json / pm2 jlist with $n Node apps online, median of $listings"
  bench_goal_ratio "$s" daemon-cpu od-aot pm2 0.5 "issue 16: od's daemon collects 100 Node apps for ≤ ½ of PM2's daemon CPU"
  [ "$n" = 100 ] || bench_note "$s" "This run measured $n apps (BENCH_NODE_APPS), not 100."
  [ "$window" = 30 ] || bench_note "$s" "The CPU window was ${window} s in this run (30 s in a full run)."

  local subjects=()
  for subject in "${BENCH_SUBJECTS[@]}"; do
    case $subject in
      od-* | pm2) subjects+=("$subject") ;;
      *) bench_na "$s" '*' "$subject" "no metrics collection" ;;
    esac
  done

  app=$BENCH_RUN_DIR/node_idle.js
  printf '%s\n' '// node-apps-100: an idle Node app, alive and doing nothing.' \
    'setInterval(() => {}, 1000);' \
    "process.on('SIGTERM', () => process.exit(0));" \
    "process.on('SIGINT', () => process.exit(0));" >"$app"

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${subjects[@]}"; do
      home=$(bench_new_home "$subject")
      if ! pid=$(bench_start_daemon "$subject" "$home"); then
        bench_note "$s" "$subject round $i: the daemon did not start; no run."
        for metric in daemon-cpu apps-cpu listing; do bench_sample "$s" "$metric" "$subject" FAIL; done
        bench_stop_daemon "$subject" "$home" --force
        continue
      fi
      config=$(
        printf '{"apps": ['
        for ((k = 0; k < n; k++)); do
          printf '%s{"name": "node-%03d", "script": "%s", "interpreter": "node"}' "$([ "$k" = 0 ] || echo ,)" "$k" "$app"
        done
        printf ']}\n'
      )
      config=$(echo "$config" | bench_config "$subject" "$home" nodeapps json)
      if ! out=$(bench_start_online "$subject" "$home" "$config" "$n" 180); then
        bench_note "$s" "$subject round $i: the $n apps were not all online ($out); no run."
        bench_daemon_log_tail "$subject" "$home" "$s: $subject round $i"
        for metric in daemon-cpu apps-cpu listing; do bench_sample "$s" "$metric" "$subject" FAIL; done
        bench_stop_daemon "$subject" "$home" --force
        continue
      fi

      sleep 5 # the apps' start-up over, the first collection passes and reports done
      mapfile -t apps < <(_nodeapps_descendants "$pid")
      count=${#apps[@]}
      [ "$count" = "$n" ] || bench_note "$s" "$subject round $i: the daemon had $count descendants with $n apps online (all of them counted in apps-cpu)."
      a0=$(_nodeapps_ticks "${apps[@]}") || a0=
      t0=$(date +%s%N)
      daemon=$(_metrics_window_cpu "$pid" "$window")
      t1=$(date +%s%N)
      a1=$(_nodeapps_ticks "${apps[@]}") || a1=
      if kill -0 "$pid" 2>/dev/null; then
        bench_sample "$s" daemon-cpu "$subject" "$daemon"
      else
        bench_sample "$s" daemon-cpu "$subject" FAIL
        bench_note "$s" "$subject round $i: the daemon was gone after the window."
      fi
      if [ -n "$a0" ] && [ -n "$a1" ]; then
        out=$(awk -v ticks="$((a1 - a0))" -v hz="$(getconf CLK_TCK)" -v ns="$((t1 - t0))" 'BEGIN { printf "%.4f", ticks / hz / (ns / 1e9) * 100 }')
        bench_sample "$s" apps-cpu "$subject" "$out"
      else
        out=FAIL
        bench_sample "$s" apps-cpu "$subject" FAIL
        bench_note "$s" "$subject round $i: an app process was gone before the end of the window (restarted?); apps-cpu not measured."
      fi

      bench_list_args "$subject"
      times=()
      for ((k = 1; k <= listings; k++)); do
        if ns=$(bench_time "$subject" "$home" "${BENCH_ARGS[@]}"); then times+=("$ns"); fi
      done
      if [ ${#times[@]} -gt 0 ]; then
        bench_sample "$s" listing "$subject" "$(printf '%s\n' "${times[@]}" | bench_median)"
      else
        bench_sample "$s" listing "$subject" FAIL
      fi
      bench_log "$s: $subject round $i: $n apps ($count descendants), ${window} s window: daemon $daemon %, apps $out %; daemon VmRSS $(bench_proc_field "$pid" VmRSS 2>/dev/null || echo ?) kB, threads $(bench_thread_names "$pid")"
      bench_stop_daemon "$subject" "$home" --force
    done
  done
}
