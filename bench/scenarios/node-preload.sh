# shellcheck shell=bash
# node-preload: what the Node runtime-metrics preload costs an app (issue 16: ≤ 1 % of requests/s).
bench_scenario node-preload "a Node HTTP hello under wrk: the runtime-metrics preload's cost in requests/s" \
  "One daemon per subject in its own empty home, each running bench/tools/http_app.js (a Node \`http\` hello on \`\$PORT\`) as one fork-mode instance on a port found free just before: od with the runtime-metrics preload (the default: \`--require runtime-preload.cjs\` reporting heap, event loop and GC every 5 s), PM2 fork mode (its container and @pm2/io instrumentation, as \`pm2 start app.js\` runs it). The **floor** row is the same od build and app with \`metrics: { runtime: false }\` (no preload; the daemon still samples /proc): od − floor is the preload's own cost. Each app is started once, waited for until \`GET /\` answers 200 (bench/tools/http_ready.py) and warmed up with an untimed 2 s load; then in alternating rounds (od, pm2, floor, od, ...) one \`wrk -t2 -c${BENCH_WRK_CONNECTIONS:-20} -d${BENCH_WRK_DURATION:-10s} --latency\` per subject (bench/tools/wrk_run.py): requests/s and the 99th percentile of latency. wrk runs on the same 2 cores as the servers. supervisord adds nothing inside the app: n/a."

# _preload_config SUBJECT HOME PORT RUNTIME — the one-instance app of SUBJECT as its configuration file.
_preload_config() {
  local subject=$1 home=$2 port=$3 runtime=$4
  cat <<JSON | bench_config "$subject" "$home" preload json
{"apps": [
  {"name": "hello", "script": "$BENCH_DIR/tools/http_app.js", "interpreter": "node", "env": {"PORT": "$port"},
   "od": {"metrics": {"runtime": $runtime}}}
]}
JSON
}

scenario_node_preload() {
  local s=node-preload subject home config port out i rps p99 errors start metric
  local -A homes=() ports=() ok=()
  local BENCH_CMD=() BENCH_ARGS=()
  bench_metric "$s" rps rps "requests/s, wrk -t2 -c${BENCH_WRK_CONNECTIONS:-20} -d${BENCH_WRK_DURATION:-10s}, one instance (floor: od without the preload)" higher
  bench_metric "$s" p99 us "99th percentile of latency under that load"
  bench_goal_ratio_min "$s" rps od-aot floor 0.99 "issue 16: the runtime preload costs ≤ 1 % of requests/s"

  if ! _cluster_install_wrk; then
    bench_note "$s" "wrk is not installed and could not be installed from apt (needs root and an apt source); no runs."
    return 0
  fi

  local subjects=()
  for subject in "${BENCH_SUBJECTS[@]}"; do
    if [ "$subject" = supervisord ]; then
      bench_na "$s" '*' "$subject" "supervisord puts nothing inside the app"
      continue
    fi
    subjects+=("$subject")
  done
  subjects+=(floor)

  for subject in "${subjects[@]}"; do
    ok[$subject]=
    port=$("$BENCH_PY" -S "$BENCH_DIR/tools/http_ready.py" ports 1) || continue
    ports[$subject]=$port
    local as=$subject runtime=true
    [ "$subject" != floor ] || { as=od-aot; runtime=false; }
    home=$(bench_new_home "$as")
    homes[$subject]=$home
    if ! bench_start_daemon "$as" "$home" >/dev/null; then
      bench_note "$s" "$subject: the daemon did not start; no runs."
      continue
    fi
    config=$(_preload_config "$as" "$home" "$port" "$runtime")
    _bench_cmd "$as" "$home"
    bench_start_args "$as" "$config"
    start=$(_bench_json_argv "${BENCH_CMD[@]}" "${BENCH_ARGS[@]}")
    echo "\$ [http_ready] $start, port $port" >>"$BENCH_LOG"
    if ! (
      _bench_env "$as" "$home"
      _cluster_wait "$port" "$start"
    ); then
      bench_note "$s" "$subject: port $port never answered; no runs (see the run log)."
      continue
    fi
    _cluster_wrk "$port" 2s >/dev/null || bench_log "$s: $subject warm-up failed (see $BENCH_LOG)"
    ok[$subject]=1
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${subjects[@]}"; do
      [ -n "${ok[$subject]}" ] || continue
      if out=$(_cluster_wrk "${ports[$subject]}" "${BENCH_WRK_DURATION:-10s}"); then
        read -r rps p99 errors <<<"$out"
        bench_sample "$s" rps "$subject" "$rps"
        bench_sample "$s" p99 "$subject" "$p99"
      else
        for metric in rps p99; do bench_sample "$s" "$metric" "$subject" FAIL; done
        bench_log "$s: $subject run $i failed (see $BENCH_LOG)"
      fi
    done
  done

  for subject in "${subjects[@]}"; do
    [ -n "${homes[$subject]:-}" ] || continue
    if [ "$subject" = floor ]; then
      bench_stop_daemon od-aot "${homes[$subject]}" --force
    else
      bench_stop_daemon "$subject" "${homes[$subject]}" --force
    fi
  done
}
