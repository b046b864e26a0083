# shellcheck shell=bash
# cluster-throughput: a Node hello server with 2 instances on one port — od's kernel-shared socket vs
# od's round-robin handoff vs od's relay vs od's HTTP proxy (sticky) vs PM2's cluster mode vs one Node
# instance alone (issue 14).
bench_scenario cluster-throughput "a Node HTTP hello, 2 and 4 instances on one port: requests/s and p99 under wrk" \
  "One daemon per subject in its own empty home, each running bench/tools/http_app.js (a Node \`http\` hello on \`\$PORT\`) as 2 instances (then, for od, od-rr and PM2, 4 instances: the metrics ending in 4) on one port found free just before: od \`mode: cluster\`, \`instances: 2\` (the daemon binds the port once and both instances accept from that socket: the kernel spreads connections), **od-rr** the same od-aot build with \`cluster: { strategy: round-robin }\` (the daemon accepts each connection and hands it to an instance over its IPC channel, as Node's cluster primary does; wrk's keep-alive connections are handed once, then flow directly), **od-relay** the same app started through \`sh -c 'exec node ...'\` so that od does not run it as node, with \`strategy: round-robin\`: each instance gets a private socket of its own by socket activation (fd 3, which http_app.js then serves) and the daemon relays every byte between wrk's connections and the instance's (an L4 relay in user space), **od-sticky** the same as od with \`cluster: { sticky: true }\`: the daemon's HTTP proxy (Kestrel and YARP's forwarder, in od-daemon) answers on the port and forwards every request to an instance's own socket over a pool of keep-alive connections, sticky by cookie (wrk sends none, so its requests are placed round-robin), PM2 \`exec_mode: cluster\`, \`instances: 2\` (Node's cluster module: the master accepts and hands connections round-robin to the workers). The **floor** row here is one Node instance alone, \`node http_app.js\` without a manager, on its own port. Each subject's apps are started once (\`od start\` / \`pm2 start\` of the file; the floor by the bench), waited for until \`GET /\` answers 200 (bench/tools/http_ready.py) and warmed up with an untimed 2 s load. Then in alternating rounds (od, pm2, floor, od, ...) one \`wrk -t2 -c${BENCH_WRK_CONNECTIONS:-20} -d${BENCH_WRK_DURATION:-10s} --latency\` per subject (bench/tools/wrk_run.py): requests/s, the 99th percentile of latency, and errors (socket errors plus non-2xx). wrk runs on the same 2 cores as the servers, as in the issue's figures. wrk is installed from apt when missing (root). supervisord has no cluster mode: n/a."

# _cluster_install_wrk — make wrk available (Debian's package) or fail.
_cluster_install_wrk() {
  command -v wrk >/dev/null && return 0
  [ "$(id -u)" = 0 ] || return 1
  bench_log "cluster-throughput: installing wrk from apt"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >>"$BENCH_LOG" 2>&1; then
    apt-get update -q >>"$BENCH_LOG" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >>"$BENCH_LOG" 2>&1 || return 1
  fi
  command -v wrk >/dev/null
}

# _cluster_config SUBJECT HOME PORT [INSTANCES] [SCRIPT] — the app of SUBJECT (2 instances of http_app.js) as its configuration file.
_cluster_config() {
  local subject=$1 home=$2 port=$3 instances=${4:-2} script=${5:-http_app.js} strategy=shared sticky=false
  local program="\"script\": \"$BENCH_DIR/tools/$script\", \"interpreter\": \"node\""
  [ "$subject" = od-rr ] && strategy=round-robin
  [ "$subject" = od-sticky ] && sticky=true
  if [ "$subject" = od-relay ]; then
    # Through sh, so that od does not run it as node: the daemon relays to each instance's own socket.
    strategy=round-robin
    program="\"script\": \"/bin/sh\", \"args\": [\"-c\", \"exec $(command -v node) $BENCH_DIR/tools/$script\"]"
  fi
  cat <<JSON | bench_config "$(_cluster_manager "$subject")" "$home" cluster json
{"apps": [
  {"name": "hello", $program, "env": {"PORT": "$port"},
   "od": {"mode": "cluster", "instances": $instances, "cluster": {"strategy": "$strategy", "sticky": $sticky}},
   "pm2": {"exec_mode": "cluster", "instances": $instances}}
]}
JSON
}

# _cluster_manager SUBJECT — the manager a subject runs on (od-rr, od-relay and od-sticky are od-aot with another strategy).
_cluster_manager() {
  case $1 in od-rr | od-relay | od-sticky) echo od-aot ;; *) echo "$1" ;; esac
}

# _cluster_wait PORT START_JSON_ARGV — run the start command, wait until the port answers 200.
_cluster_wait() {
  "$BENCH_PY" -S "$BENCH_DIR/tools/http_ready.py" wait --start "$2" --ports "$1" --timeout 30 --stderr "$BENCH_LOG" \
    </dev/null >/dev/null 2>>"$BENCH_LOG"
}

# _cluster_wrk PORT DURATION — one load; prints "RPS P99_US ERRORS".
_cluster_wrk() {
  "$BENCH_PY" -S "$BENCH_DIR/tools/wrk_run.py" --port "$1" --threads 2 --connections "${BENCH_WRK_CONNECTIONS:-20}" \
    --duration "$2" --stderr "$BENCH_LOG" </dev/null 2>>"$BENCH_LOG"
}

scenario_cluster_throughput() {
  local s=cluster-throughput subject node
  local BENCH_CMD=() BENCH_ARGS=()
  local wrk="wrk -t2 -c${BENCH_WRK_CONNECTIONS:-20} -d${BENCH_WRK_DURATION:-10s}"
  bench_metric "$s" rps rps "requests/s, $wrk, 2 instances (floor: 1 Node alone)" higher
  bench_metric "$s" p99 us "99th percentile of latency under that load"
  bench_metric "$s" errors count "socket errors and non-2xx responses during the load"
  bench_metric "$s" rps4 rps "requests/s, $wrk, 4 instances (floor: 1 Node alone)" higher
  bench_metric "$s" p99_4 us "99th percentile of latency under that load, 4 instances"
  bench_metric "$s" errors4 count "socket errors and non-2xx responses during the load, 4 instances"
  bench_goal_ratio_min "$s" rps od-aot pm2 1 "issue 14: od's shared socket ≥ PM2 cluster mode"
  bench_goal_ratio_min "$s" rps od-aot floor 1 "issue 14: od's shared socket with 2 instances ≥ one instance alone"
  bench_goal_ratio_min "$s" rps od-rr pm2 0.9 "issue 14: connection-handoff strategies ≥ 0.9× PM2 cluster mode"
  bench_goal_ratio_min "$s" rps4 od-aot pm2 1 "issue 14: od's shared socket ≥ PM2 cluster mode (4 instances)"
  bench_goal_ratio_min "$s" rps4 od-aot floor 1 "issue 14: od's shared socket with 4 instances ≥ one instance alone"
  bench_goal_ratio_min "$s" rps4 od-rr pm2 0.9 "issue 14: connection-handoff strategies ≥ 0.9× PM2 cluster mode (4 instances)"
  # od-relay and od-sticky have no goal: issue 14 asks for their cost to be measured (the handoff goal above
  # is for apps that take a handed connection). They run with 2 instances only.

  if ! _cluster_install_wrk; then
    bench_note "$s" "wrk is not installed and could not be installed from apt (needs root and an apt source); no runs."
    return 0
  fi
  node=$(command -v node) || { bench_note "$s" "node is not on PATH; no runs."; return 0; }

  local subjects=() four=()
  for subject in "${BENCH_SUBJECTS[@]}"; do
    if [ "$subject" = supervisord ]; then
      bench_na "$s" '*' "$subject" "supervisord has no cluster mode (one process per port)"
      continue
    fi
    subjects+=("$subject")
    four+=("$subject")
    [ "$subject" = od-aot ] && subjects+=(od-rr od-relay od-sticky) && four+=(od-rr)
  done
  _cluster_phase "$node" 2 "" "${subjects[@]}" floor
  _cluster_phase "$node" 4 4 "${four[@]}" floor
}

# _cluster_phase NODE INSTANCES SUFFIX SUBJECTS... — start every subject's app with INSTANCES instances
# (the floor: one Node alone), warm it up, then BENCH_RUNS rounds of one wrk load per subject, as the
# metrics rps, p99 and errors (with p99 and errors followed by _SUFFIX, rps by SUFFIX); stop them all.
_cluster_phase() {
  local node=$1 instances=$2 suffix=$3 s=cluster-throughput subject manager home config port out i rps p99 errors start metric
  shift 3
  local subjects=("$@")
  local -A homes=() ports=() ok=()
  local BENCH_CMD=() BENCH_ARGS=()
  local rps_metric=rps$suffix p99_metric=p99${suffix:+_$suffix} errors_metric=errors$suffix

  for subject in "${subjects[@]}"; do
    ok[$subject]=
    port=$("$BENCH_PY" -S "$BENCH_DIR/tools/http_ready.py" ports 1) || continue
    ports[$subject]=$port
    if [ "$subject" = floor ]; then
      # One Node alone, in a home of its own so that the clean-up finds it by its environment.
      home=$(bench_new_home od-aot)
      homes[$subject]=$home
      echo "\$ OD_HOME=$home PORT=$port node http_app.js &" >>"$BENCH_LOG"
      OD_HOME=$home PORT=$port "$node" "$BENCH_DIR/tools/http_app.js" </dev/null >>"$BENCH_LOG" 2>&1 &
      start='["true"]'
    else
      manager=$(_cluster_manager "$subject")
      home=$(bench_new_home "$manager")
      homes[$subject]=$home
      if ! bench_start_daemon "$manager" "$home" >/dev/null; then
        bench_note "$s" "$subject ($instances instances): the daemon did not start; no runs."
        continue
      fi
      config=$(_cluster_config "$subject" "$home" "$port" "$instances")
      _bench_cmd "$manager" "$home"
      bench_start_args "$manager" "$config"
      start=$(_bench_json_argv "${BENCH_CMD[@]}" "${BENCH_ARGS[@]}")
    fi
    echo "\$ [http_ready] $start, port $port" >>"$BENCH_LOG"
    if ! (
      [ "$subject" = floor ] || _bench_env "$(_cluster_manager "$subject")" "$home"
      _cluster_wait "$port" "$start"
    ); then
      bench_note "$s" "$subject ($instances instances): port $port never answered; no runs (see the run log)."
      continue
    fi
    # Untimed warm-up: every instance up and Node's JIT warm before the first figure.
    _cluster_wrk "$port" 2s >/dev/null || bench_log "$s: $subject warm-up failed (see $BENCH_LOG)"
    ok[$subject]=1
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${subjects[@]}"; do
      [ -n "${ok[$subject]}" ] || continue
      if out=$(_cluster_wrk "${ports[$subject]}" "${BENCH_WRK_DURATION:-10s}"); then
        read -r rps p99 errors <<<"$out"
        bench_sample "$s" "$rps_metric" "$subject" "$rps"
        bench_sample "$s" "$p99_metric" "$subject" "$p99"
        bench_sample "$s" "$errors_metric" "$subject" "$errors"
      else
        for metric in "$rps_metric" "$p99_metric" "$errors_metric"; do bench_sample "$s" "$metric" "$subject" FAIL; done
        bench_log "$s: $subject ($instances instances) run $i failed (see $BENCH_LOG)"
      fi
    done
  done

  for subject in "${subjects[@]}"; do
    [ -n "${homes[$subject]:-}" ] || continue
    if [ "$subject" = floor ]; then
      bench_stop_daemon od-aot "${homes[$subject]}" --force
    else
      bench_stop_daemon "$(_cluster_manager "$subject")" "${homes[$subject]}" --force
    fi
  done
}
