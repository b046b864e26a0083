# shellcheck shell=bash
# ipc-latency: process.list through the C# SDK, 10,000 calls on one connection, 100 apps.
#
# BENCH_IPC_CALLS changes the number of calls (--quick: 2,000).
bench_scenario ipc-latency "IPC latency from the C# SDK: process.list with 100 apps" \
  "od only: the C# SDK talks to od's daemon; PM2's programmatic API is Node (\`pm2.list\` over its axon RPC socket) and supervisord's is XML-RPC over HTTP, so neither has a counterpart here. One daemon per OpenDaemon build with 100 idle apps (\`sleep 100000\`, all online): it is started with \`od daemon start --config FILE\`, the FILE holding the first of them, anchor (a config needs an app), and \`daemon: { socketRateLimit: { perSecond: 1000000, burst: 1000000 } }\` (the default, 500 requests/s per user with bursts of 1,000, answers RATE_LIMITED to a benchmark's back-to-back calls by design), then the other 99 are started from one YAML file. A run is one process of bench/tools/IpcLatency (a console app on src/OpenDaemon.Client, JIT, Release, built for linux-x64 in bench/.work/artifacts-aot): \`OdClient.ConnectAsync()\` once, 200 untimed \`ListAsync()\` calls (warm-up: JIT, connection), then 10,000 timed calls one after the other, each from the request written to the answer read and deserialised into a ProcessList (Stopwatch). The run's figures: p50, p99 and max of its calls. The AOT and JIT rows differ only in the daemon answering."

# _ipc_daemon_config FILE — the daemon's config: the socket rate limit raised, and the first idler,
# anchor (`sleep 100000`), because a config needs an app.
_ipc_daemon_config() {
  local sleep
  sleep=$(command -v sleep)
  printf 'apps:\n  - name: anchor\n    script: %s\n    args: ["100000"]\n    interpreter: none\n' "$sleep" >"$1"
  cat >>"$1" <<'EOF'
daemon:
  socketRateLimit: { perSecond: 1000000, burst: 1000000 }
EOF
}

scenario_ipc_latency() {
  local s=ipc-latency calls=${BENCH_IPC_CALLS:-10000} subject i config out p50 p99 max mean
  local -A home=() ok=()
  bench_metric "$s" p50 us "process.list round trip through the SDK, 100 apps: median of the run's calls"
  bench_metric "$s" p99 us "process.list round trip through the SDK, 100 apps: 99th percentile of the run's calls"
  bench_metric "$s" max us "process.list round trip through the SDK, 100 apps: slowest call of the run"
  bench_goal_below "$s" p99 od-aot 1000 "issue 11: IPC p99 < 1 ms"
  [ "$calls" = 10000 ] || bench_note "$s" "This run made $calls calls per run (--quick or BENCH_IPC_CALLS), not 10,000."

  for subject in "${BENCH_SUBJECTS[@]}"; do
    ok[$subject]=
    case $subject in
      od-*) ;;
      *)
        for metric in p50 p99 max; do
          bench_na "$s" "$metric" "$subject" "no C# SDK: PM2's API is Node, supervisord's XML-RPC"
        done
        continue
        ;;
    esac
    home[$subject]=$(bench_new_home "$subject")
    config="$(dirname "${home[$subject]}")/daemon.yaml"
    _ipc_daemon_config "$config"
    if ! bench_exec "$subject" "${home[$subject]}" daemon start --config "$config"; then
      bench_note "$s" "$subject: the daemon did not start (od daemon start --config $config); no runs."
      continue
    fi
    config=$(bench_config "$subject" "${home[$subject]}" idlers idle 99 1)
    if ! out=$(bench_start_online "$subject" "${home[$subject]}" "$config" 100); then
      bench_note "$s" "$subject: the 100 apps were not all online ($out); no runs."
      continue
    fi
    ok[$subject]=1
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${ok[$subject]}" ] || continue
      echo "\$ [ipc] OD_HOME=${home[$subject]} IpcLatency $calls 200 100" >>"$BENCH_LOG"
      if out=$(OD_HOME=${home[$subject]} timeout -k 5 "$BENCH_TIMEOUT" "$BENCH_IPC" "$calls" 200 100 </dev/null 2>>"$BENCH_LOG"); then
        read -r p50 p99 max mean _ <<<"$out"
        bench_sample "$s" p50 "$subject" "$p50"
        bench_sample "$s" p99 "$subject" "$p99"
        bench_sample "$s" max "$subject" "$max"
        bench_log "$s: $subject run $i: p50 $p50 µs, p99 $p99 µs, max $max µs, mean $mean µs"
      else
        for metric in p50 p99 max; do bench_sample "$s" "$metric" "$subject" FAIL; done
        bench_log "$s: $subject run $i: IpcLatency failed (see $BENCH_LOG)"
      fi
    done
  done

  for subject in "${BENCH_SUBJECTS[@]}"; do
    [ -z "${home[$subject]:-}" ] || bench_stop_daemon "$subject" "${home[$subject]}" --force
  done
}
