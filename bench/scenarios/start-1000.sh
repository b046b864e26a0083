# shellcheck shell=bash
# start-1000: 1,000 tiny long-running apps (issues 4 and 7): start them, then the daemon's
# footprint, idle CPU and listing time with 1,000 apps, then delete them.
#
# BENCH_START_APPS changes the number of apps (bench/run sets 100 for --quick); a run with another
# number than 1,000 says so under the tables. BENCH_HEAVY_RUNS caps the rounds (2; quick: 1), and
# BENCH_LISTINGS is the number of timed listings per run (5). BENCH_TIME_DELETE: 1 (default) times
# `od delete all` in the first round, all times every subject's delete, 0 none (--quick).
bench_scenario start-1000 "1,000 apps: start, daemon threads and memory, idle CPU, listing" \
  "Heavy: 2 rounds (1 with --quick; BENCH_HEAVY_RUNS sets it, up to --runs), whatever --runs says — PM2 and supervisord need minutes per round with 1,000 apps, and the whole bench has 15 minutes. Each round, per subject: a new empty home, the daemon started (\`od ping\` / \`pm2 ping\` / supervisord with its configuration); after 3 s idle, threads and VmRSS of the daemon process are read from /proc/<pid>/status (od: \$OD_HOME/daemon.pid; PM2: the God daemon, \$PM2_HOME/pm2.pid; supervisord: its pid file) — the 0-app figures. Then, one subject after the other, one configuration file with the apps, each \`$(command -v sleep) 100000\` executed directly (od: \`apps.yaml\` with \`interpreter: none\`; PM2: \`ecosystem.config.js\` with \`interpreter: \"none\"\`; supervisord: an include file with one \`[group:idlers]\` of \`[program:x]\` sections, \`startsecs=0\`, \`autorestart=true\`, added by \`supervisorctl update\`, which adds the group and lets supervisord start its programs), is started, timed from spawn to exit of the start command. \`od start\` answers once its apps are online; \`pm2 start\` once it has launched them; \`supervisorctl update\` once the group is added (supervisord spawns the programs afterwards). When it has exited, \`od ls --json\` / \`pm2 jlist\` / \`supervisorctl status\` run back to back until one counts all apps \`online\` / RUNNING: *start → all online* runs from the spawn of the start command to the return of that listing (so it includes one listing). The daemon's threads are read at that moment. Once every subject holds its apps, 3 s settle and one idle window shared by all daemons, in which nothing talks to them: idle CPU = (utime + stime of the daemon, /proc/<pid>/stat, before and after) / clock ticks / elapsed wall time. At its end threads and VmRSS are read — the N-app figures — and *thread growth* = threads with N apps − threads with 0 apps, same daemon. Then, one subject after the other, 5 listings (whole-process wall time each; the run's figure is their median). In the first round only (not with --quick), od's \`od delete all\` is timed and the processes still carrying its home are counted (should be the daemon only); every other daemon is killed with its apps (SIGKILL). PM2 and supervisord's deletes are timed only with BENCH_TIME_DELETE=all (\`pm2 delete all\`; supervisord: the include file removed, \`supervisorctl update\`): PM2 needs ~40 s and supervisord ~10 s for 1,000 apps, which the 15-minute budget of the whole bench cannot spare (earlier sections of bench/RESULTS.md have their figures)."

# _start_1000_fail SCENARIO SUBJECT METRIC... — record FAIL for the metrics a run could not reach.
_start_1000_fail() {
  local s=$1 subject=$2 metric
  shift 2
  for metric in "$@"; do bench_sample "$s" "$metric" "$subject" FAIL; done
}

# _start_1000_abandon SCENARIO SUBJECT HOME RUN METRIC... — end a failed run: FAIL for the metrics
# it did not reach, the daemon's log tail into the run log, daemon and apps killed.
_start_1000_abandon() {
  local s=$1 subject=$2 home=$3 run=$4
  shift 4
  _start_1000_fail "$s" "$subject" "$@"
  bench_daemon_log_tail "$subject" "$home" "start-1000: $subject run $run failed"
  bench_stop_daemon "$subject" "$home" --force
}

scenario_start_1000() {
  local s=start-1000 n=${BENCH_START_APPS:-1000} runs=${BENCH_HEAVY_RUNS:-$BENCH_RUNS} window=$BENCH_IDLE_WINDOW
  local subject i k pid value out start_ns online_ns listings config t0 t1 ticks ns leftovers times=() nls=${BENCH_LISTINGS:-5}
  local -A home=() daemon=() threads0=() alive=() c0=()
  local late=(threads-online idle-cpu threads-1000 thread-growth rss-1000 ls delete-all)
  local BENCH_ARGS=()
  # Starting and deleting 1,000 apps takes PM2 minutes: every CLI call of this scenario may take
  # up to 15 min (bench_exec and bench_stop_daemon read BENCH_TIMEOUT dynamically).
  # shellcheck disable=SC2034 # read by bench_exec, bench_time and bench_stop_daemon
  local BENCH_TIMEOUT=900
  [ "$runs" -le "$BENCH_RUNS" ] || runs=$BENCH_RUNS

  bench_metric "$s" start ns "\`start <config with $n apps>\`: whole-process wall time of the command"
  bench_metric "$s" online ns "spawn of the start command → a listing counted $n online (includes one listing)"
  bench_metric "$s" threads-0 count "daemon threads, 0 apps (after 3 s idle)"
  bench_metric "$s" threads-online count "daemon threads right when all $n were online"
  bench_metric "$s" threads-1000 count "daemon threads, $n apps (after the idle window)"
  bench_metric "$s" thread-growth count "thread growth: threads with $n apps − threads with 0 apps (same daemon)"
  bench_metric "$s" rss-0 kB "daemon VmRSS, 0 apps (after 3 s idle)"
  bench_metric "$s" rss-1000 kB "daemon VmRSS, $n apps (after the idle window)"
  bench_metric "$s" idle-cpu pct "daemon CPU while idle with $n apps (${window} s window), % of one core"
  bench_metric "$s" ls ns "\`od ls --json\` / \`pm2 jlist\` / \`supervisorctl status\` with $n apps: whole-process wall time (median of $nls per run)"
  bench_metric "$s" delete-all ns "\`delete all\` with $n apps: whole-process wall time (first round only; od only unless BENCH_TIME_DELETE=all)"
  bench_goal_ratio "$s" online od-aot pm2 0.25 "issue 7: start of 300 idlers ≤ 1/4 of PM2's time (measured with $n)"
  bench_goal_ratio "$s" ls od-aot pm2 0.0666667 "issue 7: CLI round trip ≤ 1/15 of PM2's"
  bench_goal_below "$s" ls od-aot 50000000 "issue 11: \`od ls --json\` with 1,000 apps < 50 ms"
  bench_goal_ratio "$s" rss-1000 od-aot pm2 0.5 "issue 7: daemon idle RSS ≤ 1/2 of PM2's"
  bench_goal_ratio_below "$s" rss-1000 od-aot supervisord 1 "issue 11: daemon RSS below supervisord's at 0, 10, 100 and 1,000 apps"
  bench_goal_ratio "$s" rss-0 od-aot pm2 0.5 "issue 7: daemon idle RSS ≤ 1/2 of PM2's"
  bench_goal_ratio_below "$s" rss-0 od-aot supervisord 1 "issue 11: daemon RSS below supervisord's at 0, 10, 100 and 1,000 apps"
  bench_goal_max "$s" thread-growth od-aot 0 "issues 4 and 7: threads do not grow with apps"
  bench_goal_below "$s" idle-cpu od-aot 1 "issues 4 and 7: idle CPU < 1 % with 1,000 apps"
  [ "$n" = 1000 ] || bench_note "$s" "This run used $n apps (BENCH_START_APPS or --quick), not 1,000: the goals for 1,000 apps are checked against $n."
  [ "$window" = 30 ] || bench_note "$s" "The idle CPU window was ${window} s in this run (30 s in a full run)."
  [ "$runs" -eq "$BENCH_RUNS" ] || bench_log "$s: heavy scenario, $runs runs per subject instead of $BENCH_RUNS"

  for ((i = 1; i <= runs; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      home[$subject]=$(bench_new_home "$subject")
      daemon[$subject]=$(bench_start_daemon "$subject" "${home[$subject]}") || daemon[$subject]=
    done
    sleep 3
    for subject in "${BENCH_SUBJECTS[@]}"; do
      alive[$subject]=
      pid=${daemon[$subject]}
      if [ -z "$pid" ]; then
        bench_note "$s" "$subject run $i: the daemon did not start (see the run log)."
        _start_1000_abandon "$s" "$subject" "${home[$subject]}" "$i" threads-0 rss-0 start online "${late[@]}"
        continue
      fi
      threads0[$subject]=$(bench_proc_field "$pid" Threads 2>/dev/null) || threads0[$subject]=FAIL
      bench_sample "$s" threads-0 "$subject" "${threads0[$subject]}"
      value=$(bench_proc_field "$pid" VmRSS 2>/dev/null) || value=FAIL
      bench_sample "$s" rss-0 "$subject" "$value"
      bench_log "$s: $subject run $i: daemon $pid, 0 apps: threads $(bench_thread_names "$pid")"
      alive[$subject]=1
    done

    # Start the apps, one subject at a time.
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${alive[$subject]}" ] || continue
      pid=${daemon[$subject]}
      config=$(bench_config "$subject" "${home[$subject]}" idlers idle "$n")
      bench_log "$s: $subject run $i: starting $n apps"
      out=$(bench_start_online "$subject" "${home[$subject]}" "$config" "$n" 900) || true
      read -r start_ns online_ns listings <<<"$out"
      bench_sample "$s" start "$subject" "${start_ns:-FAIL}"
      bench_sample "$s" online "$subject" "${online_ns:-FAIL}"
      if ! kill -0 "$pid" 2>/dev/null; then
        bench_note "$s" "$subject run $i: the daemon (pid $pid) died while starting $n apps."
        _start_1000_abandon "$s" "$subject" "${home[$subject]}" "$i" "${late[@]}"
        alive[$subject]=
        continue
      fi
      if [ "${online_ns:-FAIL}" = FAIL ] || [ "${start_ns:-FAIL}" = FAIL ]; then
        # Figures measured with fewer apps than announced would mislead: the run ends here.
        bench_note "$s" "$subject run $i: the start command failed or the $n apps were not all online within 900 s (start: ${start_ns:-FAIL}, online: ${online_ns:-FAIL}); the run stopped there (see the run log)."
        _start_1000_abandon "$s" "$subject" "${home[$subject]}" "$i" "${late[@]}"
        alive[$subject]=
        continue
      fi
      value=$(bench_proc_field "$pid" Threads 2>/dev/null) || value=FAIL
      bench_sample "$s" threads-online "$subject" "$value"
      bench_log "$s: $subject run $i: start $start_ns ns, all online $online_ns ns ($listings listings), threads $(bench_thread_names "$pid")"
    done

    # One idle window for every daemon that holds its apps.
    sleep 3
    for subject in "${BENCH_SUBJECTS[@]}"; do
      c0[$subject]=
      [ -n "${alive[$subject]}" ] && c0[$subject]=$(bench_proc_cpu_ticks "${daemon[$subject]}")
    done
    t0=$(date +%s%N)
    sleep "$window"
    t1=$(date +%s%N)
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${alive[$subject]}" ] || continue
      pid=${daemon[$subject]}
      if [ -z "${c0[$subject]}" ] || ! ticks=$(bench_proc_cpu_ticks "$pid"); then
        bench_note "$s" "$subject run $i: the daemon (pid $pid) died in the idle window."
        _start_1000_abandon "$s" "$subject" "${home[$subject]}" "$i" idle-cpu threads-1000 thread-growth rss-1000 ls delete-all
        alive[$subject]=
        continue
      fi
      ticks=$((ticks - c0[$subject]))
      value=$(awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" -v ns="$((t1 - t0))" 'BEGIN { printf "%.4f", ticks / hz / (ns / 1e9) * 100 }')
      bench_sample "$s" idle-cpu "$subject" "$value"
      bench_log "$s: $subject run $i: idle ${window} s: $ticks ticks of CPU → $value %"
      value=$(bench_proc_field "$pid" Threads 2>/dev/null) || value=FAIL
      bench_sample "$s" threads-1000 "$subject" "$value"
      if [ "$value" != FAIL ] && [ "${threads0[$subject]}" != FAIL ]; then
        bench_sample "$s" thread-growth "$subject" "$((value - threads0[$subject]))"
      else
        bench_sample "$s" thread-growth "$subject" FAIL
      fi
      value=$(bench_proc_field "$pid" VmRSS 2>/dev/null) || value=FAIL
      bench_sample "$s" rss-1000 "$subject" "$value"
      bench_log "$s: $subject run $i: after the idle window: threads $(bench_thread_names "$pid")"
    done

    # Listings, delete, stop: one subject at a time.
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${alive[$subject]}" ] || continue
      pid=${daemon[$subject]}
      bench_list_args "$subject"
      times=()
      for ((k = 1; k <= nls; k++)); do
        if ns=$(bench_time "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}"); then
          times+=("$ns")
        else
          bench_log "$s: $subject run $i: '${BENCH_ARGS[*]}' failed (see $BENCH_LOG)"
        fi
      done
      if [ ${#times[@]} -gt 0 ]; then
        bench_sample "$s" ls "$subject" "$(printf '%s\n' "${times[@]}" | bench_median)"
        [ ${#times[@]} -eq "$nls" ] || bench_note "$s" "$subject run $i: $((nls - ${#times[@]})) of $nls listings failed."
      else
        bench_sample "$s" ls "$subject" FAIL
      fi
      bench_log "$s: $subject run $i: listings (ns): ${times[*]}"

      if [ "$i" -eq 1 ] && { [ "${BENCH_TIME_DELETE:-1}" = all ] || { [ "${BENCH_TIME_DELETE:-1}" = 1 ] && [[ $subject == od-* ]]; }; }; then
        rm -f "${home[$subject]}"/conf.d/*.conf # supervisord: update then removes the group
        if [ "$subject" = supervisord ]; then BENCH_ARGS=(update); else BENCH_ARGS=(delete all); fi
        if bench_measure "$s" delete-all "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}"; then
          sleep 1
          leftovers=$(bench_pids_of_home "${home[$subject]}" | grep -vxc "$pid" || true)
          if [ "$leftovers" != 0 ]; then
            bench_note "$s" "$subject run $i: 1 s after \`delete all\` returned, $leftovers processes other than the daemon still ran with its home."
          fi
        else
          bench_daemon_log_tail "$subject" "${home[$subject]}" "start-1000: $subject run $i: delete all failed"
        fi
        bench_stop_daemon "$subject" "${home[$subject]}"
      else
        bench_stop_daemon "$subject" "${home[$subject]}" --force
      fi
    done
  done
}
