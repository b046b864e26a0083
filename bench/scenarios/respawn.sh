# shellcheck shell=bash
# respawn: crash → respawn latency without backoff (issue 4).
bench_scenario respawn "crash → respawn latency, no backoff" \
  "One daemon per subject, started once in its own empty home. The app, the same for every subject, is \`python3 -S bench/tools/crash_app.py LOG\` (python3's real binary, never a pyenv-like shim) executed directly (od: \`interpreter: none\`, \`restartDelay: 0\`, \`maxRestarts: 100000\`, \`minUptime: 100ms\`; PM2: \`interpreter: \"none\"\`, \`autorestart: true\`, \`restart_delay: 0\`, \`max_restarts: 100000\`, \`min_uptime: 100\`, PM2's smallest; supervisord: \`autorestart=true\`, \`startsecs=0\`, so every exit is an expected one from RUNNING and is restarted at once, with no backoff): it appends CLOCK_MONOTONIC at its first line and again right before \`os._exit(1)\`. Each run starts it from its configuration file (\`od start\` / \`pm2 start\` / \`supervisorctl update\` of an include file), waits for 21 starts, deletes it (\`delete all\`; supervisord: the include file removed, \`supervisorctl update\`) and takes the median of its 20 gaps *exit of run n → first line of run n+1*: the daemon noticing the exit, deciding, spawning, plus the Python interpreter's start-up up to the app's first line, which is the same for every subject (its floor is measured below). One untimed run per subject comes first (warm-up; not with --quick). supervisord restarts an exited program at the next turn of its main loop, which waits up to 1 s in poll() when no pipe is readable: its respawns take about a second (all alike, 1.05–1.07 s), so its runs take 3 gaps instead of 20 (BENCH_SUP_GAPS)."

# _respawn_once SUBJECT HOME LOG — one run: write the subject's configuration for the crash app,
# start it, wait for 21 starts (supervisord: 6, see below), delete it; print "MEDIAN MIN MAX COUNT"
# of the gaps (ns). Fails when they did not come. (supervisord: the include file is added by
# `supervisorctl update` and removed again by the delete, so it is written for every run.)
_respawn_once() {
  local subject=$1 home=$2 log=$3 config out code=0 want=20
  # supervisord restarts an exited program at the next turn of its main loop, which waits up to 1 s
  # in poll(): ~1 s per respawn. 3 gaps per run keep its share of the scenario near the others'.
  [ "$subject" = supervisord ] && want=${BENCH_SUP_GAPS:-3}
  rm -f "$log"
  config=$(bench_config "$subject" "$home" crash crash "$BENCH_PYTHON" "$log")
  bench_start_config "$subject" "$home" "$config" || bench_log "respawn: $subject: start returned non-zero (see $BENCH_LOG)"
  out=$("$BENCH_PY" -S "$BENCH_DIR/tools/respawn_gaps.py" --want "$want" --timeout 60 "$log" 2>>"$BENCH_LOG") || code=$?
  bench_delete_all "$subject" "$home" || bench_log "respawn: $subject: delete failed (see $BENCH_LOG)"
  if [ "$code" != 0 ]; then
    bench_daemon_log_tail "$subject" "$home" "respawn: $subject: fewer than $((want + 1)) starts"
    return 1
  fi
  echo "$out"
}

scenario_respawn() {
  local s=respawn subject i out median low high k floor=()
  local -A home=() log=() ok=()
  # The interpreter's real binary: a shim (pyenv, asdf) would add a shell script to every start.
  local BENCH_PYTHON
  BENCH_PYTHON=$BENCH_PY
  bench_metric "$s" gap ns "exit of the app → its next start's first line (median of 20 respawns per run; supervisord: ${BENCH_SUP_GAPS:-3})"
  bench_goal_ratio "$s" gap od-aot pm2 0.5 "issue 7: respawn latency ≤ 1/2 of PM2's"

  for subject in "${BENCH_SUBJECTS[@]}"; do
    home[$subject]=$(bench_new_home "$subject")
    log[$subject]="$(dirname "${home[$subject]}")/crash.log"
    ok[$subject]=
    if ! bench_start_daemon "$subject" "${home[$subject]}" >/dev/null; then
      bench_note "$s" "$subject: the daemon did not start; no runs."
      continue
    fi
    ok[$subject]=1
    [ "$BENCH_WARMUP" = 0 ] ||
      _respawn_once "$subject" "${home[$subject]}" "${log[$subject]}" >/dev/null ||
      bench_log "$s: $subject warm-up run failed (see $BENCH_LOG)"
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${ok[$subject]}" ] || continue
      if out=$(_respawn_once "$subject" "${home[$subject]}" "${log[$subject]}"); then
        read -r median low high _ <<<"$out"
        bench_sample "$s" gap "$subject" "$median"
        bench_log "$s: $subject run $i: gaps median $median ns, min $low, max $high"
      else
        bench_sample "$s" gap "$subject" FAIL
        bench_log "$s: $subject run $i: too few starts within 60 s (see $BENCH_LOG)"
        bench_note "$s" "$subject run $i: the app was not restarted often enough (20 times; supervisord 5) within 60 s."
      fi
    done
  done

  # The part of every gap that is Python's, not the daemon's: spawn → exit of python3 -S -c pass.
  for ((k = 1; k <= 10; k++)); do
    out=$("$BENCH_PY" -S "$BENCH_DIR/tools/timeit.py" -- "$BENCH_PYTHON" -S -c pass) && floor+=("$out")
  done
  if [ ${#floor[@]} -gt 0 ]; then
    out=$(printf '%s\n' "${floor[@]}" | bench_median)
    bench_note "$s" "For scale: the interpreter alone, \`python3 -S -c pass\` from spawn to exit, took a median $(awk -v ns="$out" 'BEGIN { printf "%.1f", ns / 1e6 }') ms (10 runs, same machine, right after the scenario); every gap holds most of that (the start-up up to the app's first line), the same for every subject."
  fi

  for subject in "${BENCH_SUBJECTS[@]}"; do bench_stop_daemon "$subject" "${home[$subject]}" --force; done
}
