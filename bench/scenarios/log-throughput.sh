# shellcheck shell=bash
# log-throughput: apps printing as fast as they can; lines/s to disk, daemon CPU, lines lost.
#
# BENCH_LOG_LINES (default 1,000,000; --quick 200,000) lines for the single app, and
# BENCH_LOG_APPS (default 50; --quick 10) apps of BENCH_LOG_MANY_LINES (default 20,000; --quick
# 10,000) lines each.
bench_scenario log-throughput "log throughput: 1 app and 50 apps printing as fast as they can" \
  "Two cases: one app printing 1,000,000 lines, and 50 apps printing 20,000 lines each, all at once (--quick: 200,000 and 10 × 10,000; a note under the tables gives the counts of the run). The app, the same for every manager, is \`node bench/tools/log_spam.js\`: lines of ~40 bytes (\`BENCHLINE <app> <seq> ...\`) written to stdout in writes of 2,000 lines, then exit 0 (no restart: od \`autoRestart: never\`, PM2 \`autorestart: false\`, supervisord \`autorestart=false\`); before its first line it notes its start time (performance.timeOrigin, wall clock). Each run gets a new home and a new daemon (so the log directory is empty and the daemon's CPU count starts clean); the apps are started from one configuration file (\`od start\` / \`pm2 start\` / \`supervisorctl update\`), and bench/tools/log_count.py then polls the subject's log directory — od \`\$OD_HOME/logs\` (JSON Lines \`<name>-out.log\`, and the rotated \`<name>-out__*.log\` and \`*.log.gz\`: od rotates at 10 MB by default, and its files are whatever its log manager writes, flushed when it flushes: the count is waited for, never assumed; rotation stays on, but with \`logs.rotation.maxFiles: 1000\` and \`logs.logHistory: 10G\`, as od keeps only 10 rotated files and 100 MB per app by default — about 600,000 of these JSON lines — and deletes older ones by design), PM2 \`\$PM2_HOME/logs/<name>-out.log\` (no rotation), supervisord \`stdout_logfile\` in its home with rotation off — counting the markers, until all lines are there, or, once every app has started, no line has come for 5 s (lines lost), or 120 s. *lines/s*: lines on disk / (newest mtime of the log files − the earliest app start), i.e. from the first spawn to the last line on disk. *daemon CPU*: utime + stime of the daemon process alone (od's daemon, PM2's God daemon, supervisord; /proc/<pid>/stat) from right before the start command to the moment the last line was found; also per million lines. *lines lost*: lines expected − distinct lines found (counted exactly when the marker count is not the expected one). The daemon is then killed with its home (SIGKILL; the apps have exited)."

# _log_once SCENARIO CASE SUBJECT APPS LINES RUN — one run of one case; records its samples.
_log_once() {
  local s=$1 case=$2 subject=$3 apps=$4 lines=$5 run=$6
  local home stamps config pid c0 out distinct dup first last ticks want hz code=0
  want=$((apps * lines))
  hz=$(getconf CLK_TCK)
  home=$(bench_new_home "$subject")
  stamps="$(dirname "$home")/stamps"
  mkdir -p "$stamps"
  if ! pid=$(bench_start_daemon "$subject" "$home"); then
    bench_note "$s" "$subject run $run ($case): the daemon did not start."
    for metric in lps cpu cpum lost; do bench_sample "$s" "$metric-$case" "$subject" FAIL; done
    bench_stop_daemon "$subject" "$home" --force
    return
  fi
  config=$(bench_config "$subject" "$home" spam spam "$apps" "$lines" "$stamps")
  c0=$(bench_proc_cpu_ticks "$pid")
  bench_start_config "$subject" "$home" "$config" || bench_log "$s: $subject run $run ($case): the start command failed (see $BENCH_LOG)"
  echo "\$ [log_count] $home/logs: $apps × $lines lines" >>"$BENCH_LOG"
  out=$("$BENCH_PY" -S "$BENCH_DIR/tools/log_count.py" --dir "$home/logs" --apps "$apps" --lines "$lines" \
    --stamps "$stamps" --pid "$pid" --timeout 120 --quiet 5 2>>"$BENCH_LOG") || code=$?
  read -r distinct dup first last ticks <<<"$out"
  if [ -z "$distinct" ] || [ "$distinct" = 0 ] || [ "${first:-0}" = 0 ] || [ "${last:-0}" -le "${first:-0}" ] || [ "$ticks" = - ]; then
    bench_note "$s" "$subject run $run ($case): no usable count (log_count: '$out'; see the run log)."
    for metric in lps cpu cpum lost; do bench_sample "$s" "$metric-$case" "$subject" FAIL; done
    bench_daemon_log_tail "$subject" "$home" "log-throughput: $subject run $run failed"
    bench_stop_daemon "$subject" "$home" --force
    return
  fi
  bench_sample "$s" "lps-$case" "$subject" "$(awk -v n="$distinct" -v ns="$((last - first))" 'BEGIN { printf "%.0f", n / (ns / 1e9) }')"
  bench_sample "$s" "cpu-$case" "$subject" "$(((ticks - c0) * 1000000000 / hz))"
  if [ "$distinct" -gt 0 ]; then
    bench_sample "$s" "cpum-$case" "$subject" "$(awk -v t="$((ticks - c0))" -v hz="$hz" -v n="$distinct" 'BEGIN { printf "%.0f", t / hz * 1e9 / n * 1e6 }')"
  else
    bench_sample "$s" "cpum-$case" "$subject" FAIL
  fi
  bench_sample "$s" "lost-$case" "$subject" "$((want - distinct))"
  [ "$dup" = 0 ] || bench_note "$s" "$subject run $run ($case): $dup lines were on disk more than once (not counted as lines)."
  [ "$code" = 0 ] || bench_note "$s" "$subject run $run ($case): $((want - distinct)) of $want lines were not on disk when the count stopped growing."
  bench_log "$s: $subject run $run ($case): $distinct/$want lines in $(((last - first) / 1000000)) ms, daemon CPU $((ticks - c0)) ticks"
  bench_stop_daemon "$subject" "$home" --force
}

scenario_log_throughput() {
  local s=log-throughput one=${BENCH_LOG_LINES:-1000000} many=${BENCH_LOG_MANY_LINES:-20000} apps=${BENCH_LOG_APPS:-50} subject i case
  local fmt_one fmt_many
  fmt_one=$(printf "%'d" "$one" 2>/dev/null || echo "$one")
  fmt_many=$(printf "%'d" "$many" 2>/dev/null || echo "$many")
  for case in 1 50; do
    local what="1 app × $fmt_one lines"
    [ "$case" = 50 ] && what="$apps apps × $fmt_many lines"
    bench_metric "$s" "lps-$case" lps "$what: lines per second to disk (first spawn → last line on disk)" higher
    bench_metric "$s" "cpu-$case" ns "$what: daemon CPU time (utime + stime)"
    bench_metric "$s" "cpum-$case" ns "$what: daemon CPU time per million lines"
    bench_metric "$s" "lost-$case" count "$what: lines lost"
    bench_goal_ratio_min "$s" "lps-$case" od-aot pm2 1 "issue 7: structured log throughput ≥ PM2's raw pass-through"
    bench_goal_ratio_min "$s" "lps-$case" od-aot supervisord 1 "issue 7: structured log throughput ≥ supervisord's raw pass-through"
    bench_goal_worst_max "$s" "lost-$case" od-aot 0 "issue 7: 0 lines lost"
    bench_goal_ratio "$s" "cpum-$case" od-aot pm2 1 "issue 7: daemon CPU per million lines ≤ PM2's"
  done
  if [ "$one" != 1000000 ] || [ "$many" != 20000 ] || [ "$apps" != 50 ]; then
    bench_note "$s" "This run used $one lines for the single app and $apps × $many for the many (--quick, or BENCH_LOG_LINES / BENCH_LOG_APPS / BENCH_LOG_MANY_LINES), not 1,000,000 and 50 × 20,000; the metric ids say 50 whatever the count."
  fi

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      _log_once "$s" 1 "$subject" 1 "$one" "$i"
    done
  done
  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      _log_once "$s" 50 "$subject" "$apps" "$many" "$i"
    done
  done
}
