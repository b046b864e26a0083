# shellcheck shell=bash
# reload-under-load: zero-downtime reloads of a 4-instance Node app under a wrk load — od's kernel-shared
# socket and its round-robin handoff vs `pm2 reload` (issue 14). Uses cluster-throughput's helpers.
bench_scenario reload-under-load "a Node HTTP hello, 4 instances: reloads during a wrk load — failed requests, p99, time per reload" \
  "One daemon per subject in its own empty home, each running bench/tools/http_app_graceful.js (the Node \`http\` hello of http_app.js with a graceful shutdown: on SIGINT/SIGTERM or PM2's 'shutdown' message it stops accepting, answers what still arrives on open keep-alive connections with \`Connection: close\` and exits once none is left — what any app needs for a zero-downtime reload with keep-alive clients) as 4 instances on one port found free just before: od-aot \`mode: cluster\` (kernel-shared socket), od-rr the same with \`cluster: { strategy: round-robin }\` (the daemon hands each connection over an instance's IPC channel), PM2 \`exec_mode: cluster\`. Per round and subject: the app is started, waited for until \`GET /\` answers 200 (bench/tools/http_ready.py), warmed up 2 s; then one \`wrk -t2 -c${BENCH_WRK_CONNECTIONS:-20} -d60s --latency\` (--quick: 20s; bench/tools/wrk_run.py) runs while the subject's reload command (\`od reload hello\` / \`pm2 reload hello\`) is run 10 times (--quick: 3) one after the other, the first 3 s into the load, each timed from spawn to exit, spaced evenly over the load (duration 60 s and 10 reloads; --quick 20 s and 3). Figures: **errors** = wrk's socket errors (connect, read, write, timeout) plus non-2xx responses over the whole load, **p99** of its latency, **reload** = the median time of one reload command in the round. wrk is installed from apt when missing. BENCH_HEAVY_RUNS rounds (2; --quick 1), subjects alternating. supervisord has no reload: n/a."

scenario_reload_under_load() {
  local s=reload-under-load subject manager home config port start out i r reloads duration spacing t0 t1 wrk_out wrk_pid
  local rps p99 errors rounds
  local BENCH_CMD=() BENCH_ARGS=()
  local -a times=()
  reloads=10 duration=60
  if [[ $BENCH_MODE == quick* ]]; then reloads=3 duration=20; fi
  rounds=${BENCH_HEAVY_RUNS:-1}
  bench_metric "$s" errors count "socket errors and non-2xx responses during the load with $reloads reloads"
  bench_metric "$s" p99 us "99th percentile of latency during the load"
  bench_metric "$s" reload ns "one reload command of the 4 instances (median of the round)"
  bench_goal_max "$s" errors od-aot 0 "issue 14: 0 socket errors and 0 non-2xx during reload"
  bench_goal_max "$s" errors od-rr 0 "issue 14: 0 socket errors and 0 non-2xx during reload"
  bench_goal_ratio "$s" p99 od-aot pm2 1 "issue 14: p99 during reload ≤ PM2's"

  if ! _cluster_install_wrk; then
    bench_note "$s" "wrk is not installed and could not be installed from apt (needs root and an apt source); no runs."
    return 0
  fi

  local subjects=()
  for subject in "${BENCH_SUBJECTS[@]}"; do
    case $subject in
      supervisord) bench_na "$s" '*' "$subject" "supervisord has no reload (a restart stops the program)" ;;
      od-aot) subjects+=(od-aot od-rr) ;;
      od-jit) ;;
      *) subjects+=("$subject") ;;
    esac
  done

  spacing=$(((duration - 6) / reloads))
  for ((i = 1; i <= rounds; i++)); do
    for subject in "${subjects[@]}"; do
      manager=$(_cluster_manager "$subject")
      port=$("$BENCH_PY" -S "$BENCH_DIR/tools/http_ready.py" ports 1) || continue
      home=$(bench_new_home "$manager")
      if ! bench_start_daemon "$manager" "$home" >/dev/null; then
        bench_note "$s" "$subject: the daemon did not start; no run."
        continue
      fi
      config=$(_cluster_config "$subject" "$home" "$port" 4 http_app_graceful.js)
      _bench_cmd "$manager" "$home"
      BENCH_ARGS=()
      bench_start_args "$manager" "$config"
      start=$(_bench_json_argv "${BENCH_CMD[@]}" "${BENCH_ARGS[@]}")
      if ! (_bench_env "$manager" "$home" && _cluster_wait "$port" "$start"); then
        bench_note "$s" "$subject: port $port never answered; no run (see the run log)."
        bench_stop_daemon "$manager" "$home" --force
        continue
      fi
      _cluster_wrk "$port" 2s >/dev/null || bench_log "$s: $subject warm-up failed (see $BENCH_LOG)"

      wrk_out=$(mktemp)
      _cluster_wrk "$port" "${duration}s" >"$wrk_out" &
      wrk_pid=$!
      sleep 3 # the load is under way before the first reload
      times=()
      for ((r = 1; r <= reloads; r++)); do
        t0=$(date +%s%N)
        if ! (_bench_env "$manager" "$home" && "${BENCH_CMD[@]}" reload hello </dev/null >>"$BENCH_LOG" 2>&1); then
          bench_log "$s: $subject reload $r failed (see $BENCH_LOG)"
        fi
        t1=$(date +%s%N)
        times+=($((t1 - t0)))
        # Spread the reloads over the load: wait out the rest of this reload's slot.
        local left=$((spacing * 1000000000 - (t1 - t0)))
        ((left > 0 && r < reloads)) && sleep "$(awk -v ns="$left" 'BEGIN { printf "%.3f", ns / 1e9 }')"
      done
      if wait "$wrk_pid" && read -r rps p99 errors <"$wrk_out"; then
        bench_sample "$s" errors "$subject" "$errors"
        bench_sample "$s" p99 "$subject" "$p99"
      else
        bench_sample "$s" errors "$subject" FAIL
        bench_sample "$s" p99 "$subject" FAIL
        bench_log "$s: $subject load $i failed (see $BENCH_LOG)"
      fi
      rm -f "$wrk_out"
      bench_sample "$s" reload "$subject" "$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
      bench_stop_daemon "$manager" "$home" --force
    done
  done
}
