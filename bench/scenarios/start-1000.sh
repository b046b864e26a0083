# shellcheck shell=bash
# start-1000: 1,000 tiny long-running apps (issue 4): start them, then the daemon's footprint,
# idle CPU and listing time with 1,000 apps, then delete them.
#
# BENCH_START_APPS (default 1000) changes the number of apps, for trying the harness out; a run
# with another number says so under the tables.
bench_scenario start-1000 "1,000 apps: start, daemon threads and memory, idle CPU, listing" \
  "Heavy: at most 3 runs per subject (1 with --quick), whatever --runs says; one subject at a time, so two subjects never hold their 1,000 apps together. Each run, per subject: a new empty home; the daemon is started (\`od ping\` / \`pm2 ping\`) and left idle 3 s, then its threads and VmRSS are read from /proc/<pid>/status (od: \$OD_HOME/daemon.pid; PM2: the God daemon, \$PM2_HOME/pm2.pid) — the 0-app figures. Then one configuration file with 1,000 apps, each \`$(command -v sleep) 100000\` executed directly (od: \`apps.yaml\` with \`interpreter: none\`; PM2: \`ecosystem.config.js\` with \`interpreter: \"none\"\`, \`autorestart: true\`), is started: \`od start apps.yaml\` / \`pm2 start ecosystem.config.js\`, timed from spawn to exit. Note that \`od start\` answers once its apps are online, while \`pm2 start\` answers once it has launched them. When it has exited, \`od ls --json\` / \`pm2 jlist\` are run back to back until one counts 1,000 \`online\`: *start → all online* runs from the spawn of the start command to the return of that listing (so it includes one listing; see the listing time below). The daemon's threads are read at that moment. Then 3 s settle and a 30 s idle window in which nothing talks to the daemons: idle CPU = (utime + stime of the daemon, /proc/<pid>/stat, before and after) / clock ticks / elapsed wall time. At its end the daemon's threads and VmRSS are read — the 1,000-app figures — and *thread growth* = threads with 1,000 apps − threads with 0 apps, same daemon. Then 10 listings (\`od ls --json\` / \`pm2 jlist\`, whole-process wall time each, bench/tools/timeit.py): the run's figure is their median. Last, \`od delete all\` / \`pm2 delete all\` is timed, the processes still carrying the home are counted (should be the daemon only), and the daemon is stopped (\`od daemon stop\` / \`pm2 kill\`); whatever remains is killed."

# _start_1000_config SUBJECT DIR N — write the configuration file with N sleep apps into DIR,
# print its path.
_start_1000_config() {
  local subject=$1 dir=$2 n=$3 sleep_bin
  sleep_bin=$(command -v sleep)
  case $subject in
    od-*)
      python3 - "$dir/apps.yaml" "$n" "$sleep_bin" <<'EOF'
import sys
path, n, sleep_bin = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w") as f:
    f.write("apps:\n")
    for i in range(n):
        f.write(f'  - name: sleep-{i:04d}\n    script: {sleep_bin}\n    args: ["100000"]\n    interpreter: none\n')
EOF
      echo "$dir/apps.yaml"
      ;;
    pm2)
      python3 - "$dir/ecosystem.config.js" "$n" "$sleep_bin" <<'EOF'
import json, sys
path, n, sleep_bin = sys.argv[1], int(sys.argv[2]), sys.argv[3]
apps = [{"name": f"sleep-{i:04d}", "script": sleep_bin, "args": ["100000"], "interpreter": "none",
         "autorestart": True} for i in range(n)]
with open(path, "w") as f:
    f.write("module.exports = " + json.dumps({"apps": apps}, indent=1) + ";\n")
EOF
      echo "$dir/ecosystem.config.js"
      ;;
  esac
}

# _start_1000_fail SCENARIO SUBJECT METRIC... — record FAIL for the metrics a run could not reach.
_start_1000_fail() {
  local s=$1 subject=$2 metric
  shift 2
  for metric in "$@"; do bench_sample "$s" "$metric" "$subject" FAIL; done
}

# _start_1000_run SCENARIO SUBJECT N RUN — one run of one subject, set-up to clean-up.
_start_1000_run() {
  local s=$1 subject=$2 n=$3 run=$4
  local home config pid cli var out start_ns online_ns listings value threads0 t0 t1 c0 c1 ticks
  local ls_args=() times=() ns leftovers k
  local late=(threads-online idle-cpu threads-1000 thread-growth rss-1000 ls delete-all)
  home=$(bench_new_home "$subject")
  config=$(_start_1000_config "$subject" "$(dirname "$home")" "$n")
  cli=$(bench_cli "$subject")
  var=$(bench_home_var "$subject")
  case $subject in
    od-*) ls_args=(ls --json) ;;
    pm2) ls_args=(jlist) ;;
  esac

  if ! pid=$(bench_start_daemon "$subject" "$home"); then
    bench_note "$s" "$subject run $run: the daemon did not start (see the run log)."
    _start_1000_abandon "$s" "$subject" "$home" "$run" threads-0 rss-0 start online "${late[@]}"
    return
  fi
  sleep 3
  threads0=$(bench_proc_field "$pid" Threads 2>/dev/null) || threads0=FAIL
  bench_sample "$s" threads-0 "$subject" "$threads0"
  value=$(bench_proc_field "$pid" VmRSS 2>/dev/null) || value=FAIL
  bench_sample "$s" rss-0 "$subject" "$value"
  bench_log "$s: $subject run $run: daemon $pid, 0 apps: threads $(bench_thread_names "$pid")"

  bench_log "$s: $subject run $run: starting $n apps"
  echo "\$ [start_online] $var=$home $(basename "$cli") start $config" >>"$BENCH_LOG"
  # shellcheck disable=SC2094 # the log is only appended to
  out=$(
    export "$var=$home"
    python3 "$BENCH_DIR/tools/start_online.py" --kind "${subject%%-*}" --want "$n" --timeout 900 \
      --stderr "$BENCH_LOG" "$cli" "$config"
  ) 2>>"$BENCH_LOG" || true
  read -r start_ns online_ns listings <<<"$out"
  bench_sample "$s" start "$subject" "${start_ns:-FAIL}"
  bench_sample "$s" online "$subject" "${online_ns:-FAIL}"
  if ! kill -0 "$pid" 2>/dev/null; then
    bench_note "$s" "$subject run $run: the daemon (pid $pid) died while starting $n apps."
    _start_1000_abandon "$s" "$subject" "$home" "$run" "${late[@]}"
    return
  fi
  if [ "${online_ns:-FAIL}" = FAIL ] || [ "${start_ns:-FAIL}" = FAIL ]; then
    # Figures measured with fewer apps than announced would mislead: the run ends here.
    bench_note "$s" "$subject run $run: the start command failed or the $n apps were not all online within 900 s (start: ${start_ns:-FAIL}, online: ${online_ns:-FAIL}); the run stopped there (see the run log)."
    _start_1000_abandon "$s" "$subject" "$home" "$run" "${late[@]}"
    return
  fi
  value=$(bench_proc_field "$pid" Threads 2>/dev/null) || value=FAIL
  bench_sample "$s" threads-online "$subject" "$value"
  bench_log "$s: $subject run $run: start ${start_ns:-FAIL} ns, all online ${online_ns:-FAIL} ns ($listings listings), threads $(bench_thread_names "$pid")"

  sleep 3
  c0=$(bench_proc_cpu_ticks "$pid") && t0=$(date +%s%N)
  sleep 30
  c1=$(bench_proc_cpu_ticks "$pid") && t1=$(date +%s%N)
  if [ -n "$c0" ] && [ -n "$c1" ]; then
    ticks=$((c1 - c0))
    value=$(awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" -v ns="$((t1 - t0))" 'BEGIN { printf "%.4f", ticks / hz / (ns / 1e9) * 100 }')
    bench_sample "$s" idle-cpu "$subject" "$value"
    bench_log "$s: $subject run $run: idle 30 s: $ticks ticks of CPU → $value %"
    value=$(bench_proc_field "$pid" Threads 2>/dev/null) || value=FAIL
    bench_sample "$s" threads-1000 "$subject" "$value"
    if [ "$value" != FAIL ] && [ "$threads0" != FAIL ]; then
      bench_sample "$s" thread-growth "$subject" "$((value - threads0))"
    else
      bench_sample "$s" thread-growth "$subject" FAIL
    fi
    value=$(bench_proc_field "$pid" VmRSS 2>/dev/null) || value=FAIL
    bench_sample "$s" rss-1000 "$subject" "$value"
    bench_log "$s: $subject run $run: after the idle window: threads $(bench_thread_names "$pid")"
  else
    bench_note "$s" "$subject run $run: the daemon (pid $pid) died in the idle window."
    _start_1000_abandon "$s" "$subject" "$home" "$run" "${late[@]}"
    return
  fi

  for ((k = 1; k <= 10; k++)); do
    if ns=$(bench_time "$subject" "$home" "${ls_args[@]}"); then
      times+=("$ns")
    else
      bench_log "$s: $subject run $run: '${ls_args[*]}' failed (see $BENCH_LOG)"
    fi
  done
  if [ ${#times[@]} -gt 0 ]; then
    bench_sample "$s" ls "$subject" "$(printf '%s\n' "${times[@]}" | bench_median)"
    [ ${#times[@]} -eq 10 ] || bench_note "$s" "$subject run $run: $((10 - ${#times[@]})) of 10 listings failed."
  else
    bench_sample "$s" ls "$subject" FAIL
  fi
  bench_log "$s: $subject run $run: listings (ns): ${times[*]}"

  if bench_measure "$s" delete-all "$subject" "$home" delete all; then
    sleep 1
    leftovers=$(bench_pids_of_home "$home" | grep -vxc "$pid" || true)
    if [ "$leftovers" != 0 ]; then
      bench_note "$s" "$subject run $run: 1 s after \`delete all\` returned, $leftovers processes other than the daemon still ran with its home."
    fi
  else
    bench_daemon_log_tail "$subject" "$home" "start-1000: $subject run $run failed"
  fi
  bench_stop_daemon "$subject" "$home"
}

# _start_1000_abandon SCENARIO SUBJECT HOME RUN METRIC... — end a failed run: FAIL for the metrics
# it did not reach, the daemon's log tail into the run log, daemon stopped, leftovers killed.
_start_1000_abandon() {
  local s=$1 subject=$2 home=$3 run=$4
  shift 4
  _start_1000_fail "$s" "$subject" "$@"
  bench_daemon_log_tail "$subject" "$home" "start-1000: $subject run $run failed"
  bench_stop_daemon "$subject" "$home"
}

scenario_start_1000() {
  local s=start-1000 n=${BENCH_START_APPS:-1000} runs subject i
  # Starting and deleting 1,000 apps takes PM2 minutes: every CLI call of this scenario may take
  # up to 15 min (bench_exec and bench_stop_daemon read BENCH_TIMEOUT dynamically).
  # shellcheck disable=SC2034 # read by bench_exec, bench_time and bench_stop_daemon
  local BENCH_TIMEOUT=900
  runs=$((BENCH_RUNS < 3 ? BENCH_RUNS : 3))
  [[ $BENCH_MODE == quick* ]] && runs=1

  bench_metric "$s" start ns "\`start <config with 1,000 apps>\`: whole-process wall time of the command"
  bench_metric "$s" online ns "spawn of the start command → a listing counted 1,000 online (includes one listing)"
  bench_metric "$s" threads-0 count "daemon threads, 0 apps (after 3 s idle)"
  bench_metric "$s" threads-online count "daemon threads right when all 1,000 were online"
  bench_metric "$s" threads-1000 count "daemon threads, 1,000 apps (after the 30 s idle window)"
  bench_metric "$s" thread-growth count "thread growth: threads with 1,000 apps − threads with 0 apps (same daemon)"
  bench_metric "$s" rss-0 kB "daemon VmRSS, 0 apps (after 3 s idle)"
  bench_metric "$s" rss-1000 kB "daemon VmRSS, 1,000 apps (after the 30 s idle window)"
  bench_metric "$s" idle-cpu pct "daemon CPU while idle with 1,000 apps (30 s window), % of one core"
  bench_metric "$s" ls ns "\`od ls --json\` / \`pm2 jlist\` with 1,000 apps: whole-process wall time (median of 10 per run)"
  bench_metric "$s" delete-all ns "\`delete all\` with 1,000 apps: whole-process wall time"
  bench_goal_max "$s" thread-growth od-aot 0 "issue 4: threads do not grow with apps"
  bench_goal_max "$s" idle-cpu od-aot 1 "issue 4: idle CPU < 1 % with 1,000 apps"
  bench_goal_max "$s" ls od-aot 50000000 "issue 4: \`od ls --json\` < 50 ms with 1,000 apps"
  [ "$n" = 1000 ] || bench_note "$s" "This run used $n apps (BENCH_START_APPS), not 1,000: the labels above say 1,000."
  [ "$runs" -eq "$BENCH_RUNS" ] || bench_log "$s: heavy scenario, $runs runs per subject instead of $BENCH_RUNS"

  for ((i = 1; i <= runs; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      _start_1000_run "$s" "$subject" "$n" "$i"
    done
  done
}
