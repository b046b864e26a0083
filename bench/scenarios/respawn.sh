# shellcheck shell=bash
# respawn: crash → respawn latency without backoff (issues 4 and 7), and the daemon's own part of it
# (issue 11): the same crash loop with a compiled app, so no interpreter start-up is in the gap.
bench_scenario respawn "crash → respawn latency, no backoff; the daemon's part (exit → exec of the next process)" \
  "One daemon per subject, started once in its own empty home. Two apps, the same for every subject, each executed directly (od: \`interpreter: none\`, \`restartDelay: 0\`, \`maxRestarts: 100000\`, \`minUptime: 100ms\`; PM2: \`interpreter: \"none\"\`, \`autorestart: true\`, \`restart_delay: 0\`, \`max_restarts: 100000\`, \`min_uptime: 100\`, PM2's smallest; supervisord: \`autorestart=true\`, \`startsecs=0\`, so every exit is an expected one from RUNNING and is restarted at once, with no backoff): **gap** — \`python3 -S bench/tools/crash_app.py LOG\` (python3's real binary, never a pyenv-like shim), which appends CLOCK_MONOTONIC at its first line and again right before \`os._exit(1)\`; **exec-gap** — \`bench/.work/crash_exec LOG\`, bench/tools/crash_exec.c compiled by the harness with gcc (statically linked where the C library allows: no dynamic loader before main), which does the same in C: CLOCK_MONOTONIC read by the first statement of \`main\`, appended (O_APPEND, one write) with the one read right before \`_exit(1)\`. Each run starts the app from its configuration file (\`od start\` / \`pm2 start\` / \`supervisorctl update\` of an include file), waits for 21 starts, deletes it (\`delete all\`; supervisord: the include file removed, \`supervisorctl update\`) and takes the median of its 20 gaps *exit of run n → start of run n+1*. With Python that is the daemon noticing the exit, deciding, spawning, plus the interpreter's start-up up to the app's first line, which is the same for every subject (its floor is measured below); with the C app it is the daemon's own part of a respawn plus the kernel's fork/exec and the C runtime's start — nothing an interpreter adds. In each round every subject runs the Python app, then every subject the C app, then the **floor** of the exec-gap: bench/tools/respawn_floor.c, a C loop that starts the C app with posix_spawn, waits for it with waitpid and starts it again at once, 21 times (no decision, no bookkeeping, no I/O in between) — the kernel's part of a respawn on this machine (reap, process creation, exec, C runtime start), which every manager's exec-gap holds too. One untimed run of each per subject comes first (warm-up; not with --quick). supervisord restarts an exited program at the next turn of its main loop, which waits up to 1 s in poll() when no pipe is readable: its respawns take about a second (all alike, 1.05–1.07 s), so its runs take 3 gaps instead of 20 (BENCH_SUP_GAPS)."

# _respawn_once SUBJECT HOME LOG PRESET PROGRAM — one run: write the subject's configuration for
# the crash app (appconf.py preset crash: PROGRAM is python3; crash-exec: PROGRAM is the compiled
# app), start it, wait for 21 starts (supervisord: BENCH_SUP_GAPS + 1, see below), delete it; print
# "MEDIAN MIN MAX COUNT" of the gaps (ns). Fails when they did not come. (supervisord: the include
# file is added by `supervisorctl update` and removed again by the delete, so it is written for
# every run.)
_respawn_once() {
  local subject=$1 home=$2 log=$3 preset=$4 program=$5 config out code=0 want=20
  # supervisord restarts an exited program at the next turn of its main loop, which waits up to 1 s
  # in poll(): ~1 s per respawn. 3 gaps per run keep its share of the scenario near the others'.
  [ "$subject" = supervisord ] && want=${BENCH_SUP_GAPS:-3}
  rm -f "$log"
  config=$(bench_config "$subject" "$home" crash "$preset" "$program" "$log")
  bench_start_config "$subject" "$home" "$config" || bench_log "respawn: $subject: start returned non-zero (see $BENCH_LOG)"
  out=$("$BENCH_PY" -S "$BENCH_DIR/tools/respawn_gaps.py" --want "$want" --timeout 60 "$log" 2>>"$BENCH_LOG") || code=$?
  _respawn_delete "$subject" "$home" "$log" || true
  if [ "$code" != 0 ]; then
    bench_daemon_log_tail "$subject" "$home" "respawn: $subject ($preset): fewer than $((want + 1)) starts"
    return 1
  fi
  echo "$out"
}

# _respawn_delete SUBJECT HOME LOG — delete the crash app and make sure it is gone. PM2 can lose a
# race with an app that crashes every few milliseconds: its delete stops the app, the app's own
# exit is taken for a crash and restarted, and the app is still listed online after `pm2 delete
# all` (seen with the C app) — the next run's `pm2 start` then restarts that one, with its old
# settings. A log that still grows 0.3 s after the delete means the app runs on: delete again, up
# to 5 times. (supervisord respawns once a second, so the check may miss its leftovers; removing
# its group is synchronous.)
_respawn_delete() {
  local subject=$1 home=$2 log=$3 attempt before after
  for ((attempt = 1; attempt <= 5; attempt++)); do
    bench_delete_all "$subject" "$home" || bench_log "respawn: $subject: delete failed (see $BENCH_LOG)"
    before=$(stat -c %s "$log" 2>/dev/null) || before=0
    sleep 0.3
    after=$(stat -c %s "$log" 2>/dev/null) || after=0
    [ "$before" != "$after" ] || return 0
    bench_log "respawn: $subject: the crash app still runs after delete all (attempt $attempt): deleting again"
  done
  bench_note respawn "$subject: the crash app kept running after 5 deletes; later runs of $subject may be disturbed."
  return 1
}

# _respawn_floor_sample LOG — one run of the floor (bench/tools/respawn_floor.c: posix_spawn,
# waitpid, again, 21 times, the C app) and its median gap recorded as subject "floor" of exec-gap.
_respawn_floor_sample() {
  local log=$1 out median
  rm -f "$log"
  echo "\$ [respawn floor] $BENCH_RESPAWN_FLOOR 21 $BENCH_CRASH_EXEC $log" >>"$BENCH_LOG"
  if timeout -k 5 60 "$BENCH_RESPAWN_FLOOR" 21 "$BENCH_CRASH_EXEC" "$log" </dev/null >>"$BENCH_LOG" 2>&1 &&
    out=$("$BENCH_PY" -S "$BENCH_DIR/tools/respawn_gaps.py" --want 20 --timeout 5 "$log" 2>>"$BENCH_LOG"); then
    read -r median _ <<<"$out"
    bench_sample respawn exec-gap floor "$median"
  else
    bench_sample respawn exec-gap floor FAIL
    bench_log "respawn: the floor (respawn_floor) failed (see $BENCH_LOG)"
  fi
}

scenario_respawn() {
  local s=respawn subject i out median low high k metric floor=()
  local -A home=() ok=() preset=([gap]=crash [exec-gap]=crash-exec) program=()
  # The interpreter's real binary: a shim (pyenv, asdf) would add a shell script to every start.
  program[gap]=$BENCH_PY
  program[exec-gap]=$BENCH_CRASH_EXEC
  [ -x "$BENCH_CRASH_EXEC" ] && [ -x "$BENCH_RESPAWN_FLOOR" ] || bench_die "respawn: no $BENCH_CRASH_EXEC or $BENCH_RESPAWN_FLOOR (bench_build_c)"
  bench_metric "$s" gap ns "Python app: exit of the app → its next start's first line (median of 20 respawns per run; supervisord: ${BENCH_SUP_GAPS:-3})"
  bench_metric "$s" exec-gap ns "C app (${BENCH_C_LINK[crash_exec]:-compiled}): exit of the app → the first statement of the next one's main — the daemon's part of a respawn, plus exec (median of 20 respawns per run; supervisord: ${BENCH_SUP_GAPS:-3})"
  bench_goal_ratio "$s" gap od-aot pm2 0.5 "issue 7: respawn latency ≤ 1/2 of PM2's"
  bench_goal_max "$s" exec-gap od-aot 2000000 "issue 11: the daemon's part of a respawn (app exit → exec of the next) ≤ 2 ms"

  for subject in "${BENCH_SUBJECTS[@]}"; do
    home[$subject]=$(bench_new_home "$subject")
    ok[$subject]=
    if ! bench_start_daemon "$subject" "${home[$subject]}" >/dev/null; then
      bench_note "$s" "$subject: the daemon did not start; no runs."
      continue
    fi
    ok[$subject]=1
    [ "$BENCH_WARMUP" = 0 ] && continue
    for metric in gap exec-gap; do
      _respawn_once "$subject" "${home[$subject]}" "$(dirname "${home[$subject]}")/$metric.log" "${preset[$metric]}" "${program[$metric]}" >/dev/null ||
        bench_log "$s: $subject warm-up run ($metric) failed (see $BENCH_LOG)"
    done
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for metric in gap exec-gap; do
      for subject in "${BENCH_SUBJECTS[@]}"; do
        [ -n "${ok[$subject]}" ] || continue
        # One log per app: a leftover of the other app could not write into this one's.
        if out=$(_respawn_once "$subject" "${home[$subject]}" "$(dirname "${home[$subject]}")/$metric.log" "${preset[$metric]}" "${program[$metric]}"); then
          read -r median low high _ <<<"$out"
          bench_sample "$s" "$metric" "$subject" "$median"
          bench_log "$s: $subject run $i ($metric): gaps median $median ns, min $low, max $high"
        else
          bench_sample "$s" "$metric" "$subject" FAIL
          bench_log "$s: $subject run $i ($metric): too few starts within 60 s (see $BENCH_LOG)"
          bench_note "$s" "$subject run $i ($metric): the app was not restarted often enough (20 times; supervisord ${BENCH_SUP_GAPS:-3}) within 60 s."
        fi
      done
      [ "$metric" = exec-gap ] && _respawn_floor_sample "$BENCH_RUN_DIR/respawn-floor.log"
    done
  done

  # The part of every Python gap that is Python's, not the daemon's: spawn → exit of python3 -S -c pass.
  for ((k = 1; k <= 10; k++)); do
    out=$("$BENCH_PY" -S "$BENCH_DIR/tools/timeit.py" -- "${program[gap]}" -S -c pass) && floor+=("$out")
  done
  if [ ${#floor[@]} -gt 0 ]; then
    out=$(printf '%s\n' "${floor[@]}" | bench_median)
    bench_note "$s" "For scale: the interpreter alone, \`python3 -S -c pass\` from spawn to exit, took a median $(awk -v ns="$out" 'BEGIN { printf "%.1f", ns / 1e6 }') ms (10 runs, same machine, right after the scenario); every Python gap holds most of that (the start-up up to the app's first line), the same for every subject. The exec-gap has none of it."
  fi

  for subject in "${BENCH_SUBJECTS[@]}"; do bench_stop_daemon "$subject" "${home[$subject]}" --force; done
}
