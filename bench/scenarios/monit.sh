# shellcheck shell=bash
# monit: the live dashboard in a real terminal (issue 18) — od monit against pm2 monit on 20 Node apps.
bench_scenario monit "od monit vs pm2 monit with 20 Node apps in tmux: time to the first full screen, CPU over a window" \
  "One daemon per subject in its own empty home with 20 idle Node apps (\`setInterval\` doing nothing, fork mode, each subject's defaults: od's metrics collector and runtime preload, PM2's @pm2/io). bench/tools/monit_screen.py starts the dashboard in a detached tmux session of its own (160×48; \`exec env OD_HOME=… od monit\` / \`exec env PM2_HOME=… pm2 monit\`) and reads the screen (tmux capture-pane) back to back until the first and the last app's names are both on it: **first-screen** is from the spawn of \`tmux new-session\` to that screen (tmux's own start included; the **floor** row is tmux running \`echo\` of the two names, the least any dashboard can take here). Then, with the dashboard left open, one window of BENCH_MONIT_WINDOW seconds (60; --quick 10): **monit-cpu** is the CPU of the dashboard's process tree, **daemon-cpu** that of the daemon's tree (the daemon and the apps it runs) over the same window, % of one core. The session is killed after each round. BENCH_RUNS rounds of first-screen; the CPU window in the first BENCH_HEAVY_RUNS rounds (2). supervisord has no dashboard: n/a."

_monit_tool() { "$BENCH_PY" -S "$BENCH_DIR/tools/monit_screen.py" "$@" 2>>"$BENCH_LOG"; }

scenario_monit() {
  local s=monit subject home pid config out i n=20 window=${BENCH_MONIT_WINDOW:-60} app socket session ns pane cpus
  local -A homes=() pids=() ok=()
  bench_metric "$s" first-screen ns "od monit / pm2 monit in tmux (160×48) → the first screen listing the first and the last of the 20 apps"
  bench_metric "$s" monit-cpu pct "CPU of the dashboard's process tree over ${window} s with 20 apps, % of one core"
  bench_metric "$s" daemon-cpu pct "CPU of the daemon's process tree (daemon and apps) over the same window, % of one core"
  bench_goal_max "$s" first-screen od-aot 100000000 "issue 18: od monit → first full screen < 100 ms"
  bench_goal_ratio_below "$s" monit-cpu od-aot pm2 0.5 "issue 18: od monit's CPU ≤ ½ of pm2 monit's"
  [ "$window" = 60 ] || bench_note "$s" "The CPU window was ${window} s in this run (60 s in a full run)."

  if ! command -v tmux >/dev/null; then
    bench_note "$s" "tmux is not installed (apt-get install tmux); no runs."
    return 0
  fi
  app=$BENCH_RUN_DIR/idle_app.js
  printf "setInterval(() => {}, 1000);\nprocess.on('SIGTERM', () => process.exit(0));\nprocess.on('SIGINT', () => process.exit(0));\n" >"$app"
  socket=odbench-monit-$$

  local subjects=()
  for subject in "${BENCH_SUBJECTS[@]}"; do
    case $subject in
      od-* | pm2) subjects+=("$subject") ;;
      *) bench_na "$s" '*' "$subject" "no dashboard" ;;
    esac
  done

  for subject in "${subjects[@]}"; do
    ok[$subject]=
    home=$(bench_new_home "$subject")
    homes[$subject]=$home
    if ! pid=$(bench_start_daemon "$subject" "$home"); then
      bench_note "$s" "$subject: the daemon did not start; no runs."
      continue
    fi
    pids[$subject]=$pid
    config=$(
      printf '{"apps": ['
      for ((i = 0; i < n; i++)); do
        printf '%s{"name": "idle-%d", "script": "%s", "interpreter": "node"}' "$([ "$i" = 0 ] || echo ,)" "$i" "$app"
      done
      printf ']}\n'
    )
    config=$(echo "$config" | bench_config "$subject" "$home" monit json)
    if ! bench_start_online "$subject" "$home" "$config" "$n" >/dev/null; then
      bench_note "$s" "$subject: the $n apps were not all online; no runs."
      continue
    fi
    ok[$subject]=1
  done
  sleep 5 # the apps' start-up over, the first metrics passes done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${subjects[@]}" floor; do
      [ "$subject" = floor ] || [ -n "${ok[$subject]}" ] || continue
      session=r$i-${subject//[^a-z0-9]/}
      local command=()
      case $subject in
        od-*) command=(sh -c "exec env OD_HOME='${homes[$subject]}' '$(bench_cli "$subject")' monit") ;;
        pm2) command=(sh -c "exec env PM2_HOME='${homes[$subject]}' '$(bench_cli pm2)' monit") ;;
        floor) command=(sh -c "echo idle-0 idle-19; exec sleep 100000") ;;
      esac
      echo "\$ [monit_screen] tmux -L $socket new-session ${command[*]}" >>"$BENCH_LOG"
      if ns=$(_monit_tool first --socket "$socket" --session "$session" --size 160x48 --want idle-0 --want "idle-$((n - 1))" -- "${command[@]}"); then
        bench_sample "$s" first-screen "$subject" "$ns"
        if [ "$subject" != floor ] && [ "$i" -le "${BENCH_HEAVY_RUNS:-2}" ] && pane=$(_monit_tool pane-pid --socket "$socket" --session "$session"); then
          if cpus=$(_monit_tool cpu --seconds "$window" "$pane" "${pids[$subject]}"); then
            bench_sample "$s" monit-cpu "$subject" "${cpus%% *}"
            bench_sample "$s" daemon-cpu "$subject" "${cpus##* }"
            bench_log "$s: $subject round $i: first screen $((ns / 1000000)) ms, monit ${cpus%% *} %, daemon tree ${cpus##* } %"
          fi
        fi
      else
        bench_sample "$s" first-screen "$subject" FAIL
        bench_log "$s: $subject round $i: no first screen (see $BENCH_LOG)"
      fi
      tmux -L "$socket" kill-session -t "$session" >>"$BENCH_LOG" 2>&1 || true
    done
  done

  tmux -L "$socket" kill-server >/dev/null 2>&1 || true
  for subject in "${subjects[@]}"; do bench_stop_daemon "$subject" "${homes[$subject]}" --force; done
}
