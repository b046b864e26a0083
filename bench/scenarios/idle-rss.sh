# shellcheck shell=bash
# idle-rss: resident memory and threads of an idle daemon with 0, 10 and 100 apps, and its idle CPU
# with 10 apps (1,000 apps: start-1000, which holds them anyway).
bench_scenario idle-rss "idle daemon with 0, 10 and 100 apps: resident memory, threads, idle CPU" \
  "Each round starts one daemon per subject, each in a new empty home (\`od ping\` / \`pm2 ping\` on the empty home starts it; supervisord is started with its configuration), lets them all idle 3 s (a plain sleep, nothing polls them), then reads VmRSS and Threads from /proc/<pid>/status of the daemon process only (od: pid from \$OD_HOME/daemon.pid; PM2: the God daemon, pid from \$PM2_HOME/pm2.pid; supervisord: the supervisord Python process, from its pid file) — the 0-app figures. Then 10 idle apps (\`sleep 100000\` run directly; one configuration file: \`od start\`, \`pm2 start\`, \`supervisorctl update\` of an include file) are started on each, and once they are all online and 3 s have passed, the same figures are read again (10 apps). In the first BENCH_CPU_ROUNDS rounds, all daemons then idle together for the idle window and the CPU they used in it is read (utime + stime of the daemon, /proc/<pid>/stat, before and after, over the elapsed wall time: % of one core). Then 90 more apps are started the same way (a second file), and 3 s after all 100 are online the figures are read a third time (100 apps); thread growth = threads with 100 apps − threads with 0 apps, same daemon. The daemons are then stopped."

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
    bench_note "$s" "$subject: $want apps were not all online ($out); the figures with $want apps are missing for that round."
    return 1
  fi
}

scenario_idle_rss() {
  local s=idle-rss subject i pid value ticks t0 t1 window=$BENCH_IDLE_WINDOW cpu_rounds
  local -A home=() daemon=() threads0=() c0=() ok=()
  cpu_rounds=$BENCH_CPU_ROUNDS
  [ "$cpu_rounds" -le "$BENCH_RUNS" ] || cpu_rounds=$BENCH_RUNS
  for value in 0 10 100; do
    bench_metric "$s" "rss-$value" kB "daemon resident memory (VmRSS), $value apps, after ≥ 3 s idle"
  done
  for value in 0 10 100; do
    bench_metric "$s" "threads-$value" count "daemon threads, $value apps, after ≥ 3 s idle"
  done
  bench_metric "$s" thread-growth count "thread growth: threads with 100 apps − threads with 0 apps (same daemon)"
  bench_metric "$s" idle-cpu-10 pct "daemon CPU while idle with 10 apps (${window} s window), % of one core"
  for value in 0 10 100; do
    bench_goal_ratio "$s" "rss-$value" od-aot pm2 0.5 "issue 7: daemon idle RSS ≤ 1/2 of PM2's"
    bench_goal_ratio "$s" "rss-$value" od-aot supervisord 0.9999 "issue 7: daemon idle RSS below supervisord's"
  done
  bench_goal_max "$s" thread-growth od-aot 0 "issue 7: thread count flat as apps grow"
  [ "$window" = 30 ] || bench_note "$s" "The idle CPU window was ${window} s in this run (30 s in a full run)."
  [ "$cpu_rounds" = "$BENCH_RUNS" ] || bench_note "$s" "Idle CPU was measured in the first $cpu_rounds round(s) only."

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      home[$subject]=$(bench_new_home "$subject")
      daemon[$subject]=$(bench_start_daemon "$subject" "${home[$subject]}") || daemon[$subject]=
    done
    sleep 3
    for subject in "${BENCH_SUBJECTS[@]}"; do
      threads0[$subject]=$(_idle_read "$s" 0 "$subject" "${daemon[$subject]}") || threads0[$subject]=
    done

    for subject in "${BENCH_SUBJECTS[@]}"; do
      ok[$subject]=
      [ -n "${daemon[$subject]}" ] && _idle_add "$s" "$subject" "${home[$subject]}" idlers 10 idle 10 && ok[$subject]=1
    done
    sleep 3
    for subject in "${BENCH_SUBJECTS[@]}"; do
      if [ -n "${ok[$subject]}" ]; then
        _idle_read "$s" 10 "$subject" "${daemon[$subject]}" >/dev/null || ok[$subject]=
      else
        bench_sample "$s" rss-10 "$subject" FAIL
        bench_sample "$s" threads-10 "$subject" FAIL
      fi
    done

    if [ "$i" -le "$cpu_rounds" ]; then
      for subject in "${BENCH_SUBJECTS[@]}"; do
        c0[$subject]=
        [ -n "${ok[$subject]}" ] && c0[$subject]=$(bench_proc_cpu_ticks "${daemon[$subject]}")
      done
      t0=$(date +%s%N)
      sleep "$window"
      t1=$(date +%s%N)
      for subject in "${BENCH_SUBJECTS[@]}"; do
        if [ -n "${c0[$subject]}" ] && ticks=$(bench_proc_cpu_ticks "${daemon[$subject]}"); then
          ticks=$((ticks - c0[$subject]))
          value=$(awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" -v ns="$((t1 - t0))" 'BEGIN { printf "%.4f", ticks / hz / (ns / 1e9) * 100 }')
          bench_sample "$s" idle-cpu-10 "$subject" "$value"
          bench_log "$s: $subject run $i: idle ${window} s with 10 apps: $ticks ticks → $value %"
        else
          bench_sample "$s" idle-cpu-10 "$subject" FAIL
        fi
      done
    fi

    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${ok[$subject]}" ] && { _idle_add "$s" "$subject" "${home[$subject]}" idlers2 100 idle 90 10 || ok[$subject]=; }
    done
    sleep 3
    for subject in "${BENCH_SUBJECTS[@]}"; do
      if [ -n "${ok[$subject]}" ] && value=$(_idle_read "$s" 100 "$subject" "${daemon[$subject]}") && [ -n "${threads0[$subject]}" ]; then
        bench_sample "$s" thread-growth "$subject" "$((value - threads0[$subject]))"
        bench_log "$s: $subject run $i: threads with 100 apps: $(bench_thread_names "${daemon[$subject]}")"
      else
        [ -n "${ok[$subject]}" ] || { bench_sample "$s" rss-100 "$subject" FAIL; bench_sample "$s" threads-100 "$subject" FAIL; }
        bench_sample "$s" thread-growth "$subject" FAIL
      fi
    done
    for subject in "${BENCH_SUBJECTS[@]}"; do
      bench_stop_daemon "$subject" "${home[$subject]}" --force
    done
  done
}
