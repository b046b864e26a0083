# shellcheck shell=bash
# idle-rss: resident memory and threads of an idle daemon with 0, 10 and 100 apps, and its idle CPU
# with 10 apps (1,000 apps: start-1000, which holds them anyway).
#
# The runs are independent daemons that live side by side: every run of every subject gets its
# own daemon, all are started (alternating subjects), and each step below is done for all of them
# before the next. Idle daemons do not disturb one another's memory, threads or own CPU time, and
# one idle window then serves every run instead of one window per run.
bench_scenario idle-rss "idle daemon with 0, 10 and 100 apps: resident memory, threads, idle CPU" \
  "Each run is its own daemon in its own empty home, and the runs of all subjects live side by side: all daemons are started first, in alternating order (\`od ping\` / \`pm2 ping\` on the empty home starts one; supervisord is started with its configuration). After 3 s idle (a plain sleep, nothing polls them), VmRSS and Threads are read from /proc/<pid>/status of each daemon process only (od: pid from \$OD_HOME/daemon.pid; PM2: the God daemon, pid from \$PM2_HOME/pm2.pid; supervisord: the supervisord Python process, from its pid file) — the 0-app figures. Then 10 idle apps (\`sleep 100000\` run directly; one configuration file: \`od start\`, \`pm2 start\`, \`supervisorctl update\` of an include file) are started on each daemon in turn; 3 s after all are online, all daemons idle together for one window (30 s; 5 s with --quick), each one's idle CPU is read — utime + stime of the daemon (/proc/<pid>/stat) before and after, over the elapsed wall time, as % of one core — and at its end the figures are read again (10 apps, idle ≥ 33 s); *thread growth* = threads with 10 apps − threads with 0 apps, same daemon. Then 90 more apps are started on each (a second file), and 3 s after all 100 are online the figures are read a third time (100 apps, 3 s after the start: a runtime that grew a thread pool for the start burst may not have given the threads back yet — the .NET pool retires idle workers after ~20 s; start-1000 reads its 1,000-app figures after a 30 s window). All daemons are then killed with their apps."

# _idle_read SCENARIO SUFFIX SUBJECT PID — record rss-SUFFIX and threads-SUFFIX of the daemon
# (FAIL when it is gone); prints the thread count.
_idle_read() {
  local s=$1 suffix=$2 subject=$3 pid=$4 rss threads
  if [ -n "$pid" ] && rss=$(bench_proc_field "$pid" VmRSS 2>/dev/null) && threads=$(bench_proc_field "$pid" Threads 2>/dev/null); then
    bench_sample "$s" "rss-$suffix" "$subject" "$rss"
    bench_sample "$s" "threads-$suffix" "$subject" "$threads"
    echo "$threads"
  else
    bench_sample "$s" "rss-$suffix" "$subject" FAIL
    bench_sample "$s" "threads-$suffix" "$subject" FAIL
    bench_log "$s: $subject: no live daemon to read ($suffix apps; see $BENCH_LOG)"
    return 1
  fi
}

# _idle_add SCENARIO SUBJECT HOME SET WANT PRESET... — start one more configuration file of idlers
# and wait until WANT apps are online in all; fails (and notes it) otherwise.
_idle_add() {
  local s=$1 subject=$2 home=$3 set=$4 want=$5 config out
  shift 5
  config=$(bench_config "$subject" "$home" "$set" "$@")
  if ! out=$(bench_start_online "$subject" "$home" "$config" "$want"); then
    bench_note "$s" "$subject: $want apps were not all online ($out); that run's figures with $want apps are missing."
    return 1
  fi
}

scenario_idle_rss() {
  local s=idle-rss subject i key pid value ticks t0 t1 window=$BENCH_IDLE_WINDOW cpu_rounds keys=()
  local -A home=() daemon=() threads0=() c0=() ok=()
  cpu_rounds=$BENCH_CPU_ROUNDS
  [ "$cpu_rounds" -le "$BENCH_RUNS" ] || cpu_rounds=$BENCH_RUNS
  bench_metric "$s" rss-0 kB "daemon resident memory (VmRSS), 0 apps, after 3 s idle"
  bench_metric "$s" rss-10 kB "daemon resident memory (VmRSS), 10 apps, at the end of the idle window"
  bench_metric "$s" rss-100 kB "daemon resident memory (VmRSS), 100 apps, 3 s after they were all online"
  bench_metric "$s" threads-0 count "daemon threads, 0 apps, after 3 s idle"
  bench_metric "$s" threads-10 count "daemon threads, 10 apps, at the end of the idle window"
  bench_metric "$s" threads-100 count "daemon threads, 100 apps, 3 s after they were all online"
  bench_metric "$s" thread-growth count "thread growth, idle: threads with 10 apps (end of the window) − threads with 0 apps (same daemon)"
  bench_metric "$s" thread-growth-100 count "thread growth right after a start: threads with 100 apps (3 s after) − threads with 0 apps"
  bench_metric "$s" idle-cpu-10 pct "daemon CPU while idle with 10 apps (${window} s window), % of one core"
  for value in 0 10 100; do
    bench_goal_ratio "$s" "rss-$value" od-aot pm2 0.5 "issue 7: daemon idle RSS ≤ 1/2 of PM2's"
    bench_goal_ratio_below "$s" "rss-$value" od-aot supervisord 1 "issue 11: daemon RSS below supervisord's at 0, 10, 100 and 1,000 apps"
  done
  bench_goal_max "$s" thread-growth od-aot 0 "issue 7: thread count flat as apps grow"
  [ "$window" = 30 ] || bench_note "$s" "The idle CPU window was ${window} s in this run (30 s in a full run)."
  [ "$cpu_rounds" = "$BENCH_RUNS" ] || bench_note "$s" "Idle CPU was measured on the daemons of the first $cpu_rounds run(s) only."

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      key="$subject $i"
      keys+=("$key")
      home[$key]=$(bench_new_home "$subject")
      daemon[$key]=$(bench_start_daemon "$subject" "${home[$key]}") || daemon[$key]=
    done
  done
  sleep 3
  for key in "${keys[@]}"; do
    threads0[$key]=$(_idle_read "$s" 0 "${key% *}" "${daemon[$key]}") || threads0[$key]=
  done

  for key in "${keys[@]}"; do
    ok[$key]=
    [ -n "${daemon[$key]}" ] && _idle_add "$s" "${key% *}" "${home[$key]}" idlers 10 idle 10 && ok[$key]=1
  done
  sleep 3

  for key in "${keys[@]}"; do
    c0[$key]=
    [ -n "${ok[$key]}" ] && [ "${key#* }" -le "$cpu_rounds" ] && c0[$key]=$(bench_proc_cpu_ticks "${daemon[$key]}")
  done
  t0=$(date +%s%N)
  sleep "$window"
  t1=$(date +%s%N)
  for key in "${keys[@]}"; do
    subject=${key% *}
    if [ "${key#* }" -le "$cpu_rounds" ]; then
      if [ -n "${c0[$key]}" ] && ticks=$(bench_proc_cpu_ticks "${daemon[$key]}"); then
        ticks=$((ticks - c0[$key]))
        value=$(awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" -v ns="$((t1 - t0))" 'BEGIN { printf "%.4f", ticks / hz / (ns / 1e9) * 100 }')
        bench_sample "$s" idle-cpu-10 "$subject" "$value"
        bench_log "$s: $subject run ${key#* }: idle ${window} s with 10 apps: $ticks ticks → $value %"
      else
        bench_sample "$s" idle-cpu-10 "$subject" FAIL
      fi
    fi
    if [ -n "${ok[$key]}" ] && value=$(_idle_read "$s" 10 "$subject" "${daemon[$key]}") && [ -n "${threads0[$key]}" ]; then
      bench_sample "$s" thread-growth "$subject" "$((value - threads0[$key]))"
    else
      [ -n "${ok[$key]}" ] || { bench_sample "$s" rss-10 "$subject" FAIL; bench_sample "$s" threads-10 "$subject" FAIL; }
      ok[$key]=
      bench_sample "$s" thread-growth "$subject" FAIL
    fi
  done

  for key in "${keys[@]}"; do
    [ -n "${ok[$key]}" ] && { _idle_add "$s" "${key% *}" "${home[$key]}" idlers2 100 idle 90 10 || ok[$key]=; }
  done
  sleep 3
  for key in "${keys[@]}"; do
    subject=${key% *}
    if [ -n "${ok[$key]}" ] && value=$(_idle_read "$s" 100 "$subject" "${daemon[$key]}") && [ -n "${threads0[$key]}" ]; then
      bench_sample "$s" thread-growth-100 "$subject" "$((value - threads0[$key]))"
      bench_log "$s: $subject run ${key#* }: threads with 100 apps: $(bench_thread_names "${daemon[$key]}")"
    else
      [ -n "${ok[$key]}" ] || { bench_sample "$s" rss-100 "$subject" FAIL; bench_sample "$s" threads-100 "$subject" FAIL; }
      bench_sample "$s" thread-growth-100 "$subject" FAIL
    fi
  done
  for key in "${keys[@]}"; do
    bench_stop_daemon "${key% *}" "${home[$key]}" --force
  done
}
