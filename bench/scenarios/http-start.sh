# shellcheck shell=bash
# http-start: start 10 Node HTTP apps from a configuration file; time until all answer HTTP.
bench_scenario http-start "start 10 Node HTTP apps from a config: time until all answer HTTP" \
  "One daemon per subject, started once in its own empty home. Each run writes one configuration file with 10 apps, each \`node bench/tools/http_app.js\` (a Node \`http\` hello) with its own \`PORT\` from 10 ports found free just before (below the kernel's ephemeral port range): od \`http.yaml\` (\`interpreter: node\`), PM2 \`http.config.js\` (the script run by PM2's fork-mode container, as \`pm2 start app.js\` does), supervisord an include file (\`command=node .../http_app.js\`, \`startsecs=0\`). bench/tools/http_ready.py spawns the start command (\`od start\` / \`pm2 start\` / \`supervisorctl update\`) and, from that moment, polls every port with \`GET /\` every 5 ms until each has answered 200 once: the figure is spawn of the start command → the last port's first 200. The apps are then deleted (\`delete all\`; supervisord: include file removed, \`supervisorctl update\`). One untimed run per subject comes first (warm-up: node into the page cache; not with --quick). \`ready-pm2-file\` (issue 13): in each round od also starts PM2's own \`http.config.js\` (\`od start http.config.js\`, node evaluating the file included), against PM2's \`ready\` of the same round."

# _http_once SUBJECT HOME [CONFIG_SUBJECT] — one run; prints "READY_NS START_CMD_NS". The
# configuration file is the one CONFIG_SUBJECT would be given (default: SUBJECT's own): `od-aot pm2`
# starts PM2's ecosystem file with od, the drop-in case of issue 13.
_http_once() {
  local subject=$1 home=$2 config_subject=${3:-$1} ports config start code=0 out BENCH_CMD=() BENCH_ARGS=()
  ports=$("$BENCH_PY" -S "$BENCH_DIR/tools/http_ready.py" ports 10) || return 1
  # shellcheck disable=SC2086 # ten port numbers
  config=$(bench_config "$config_subject" "$home" http http $ports)
  _bench_cmd "$subject" "$home"
  bench_start_args "$subject" "$config"
  start=$(_bench_json_argv "${BENCH_CMD[@]}" "${BENCH_ARGS[@]}")
  echo "\$ [http_ready] $(bench_home_var "$subject")=$home $start, ports $ports" >>"$BENCH_LOG"
  # shellcheck disable=SC2094 # the log is only appended to
  out=$(
    _bench_env "$subject" "$home"
    exec "$BENCH_PY" -S "$BENCH_DIR/tools/http_ready.py" wait --start "$start" --ports "${ports// /,}" \
      --timeout 30 --stderr "$BENCH_LOG" </dev/null 2>>"$BENCH_LOG"
  ) || code=$?
  bench_delete_all "$subject" "$home" || bench_log "http-start: $subject: delete failed (see $BENCH_LOG)"
  [ "$code" = 0 ] || return 1
  echo "$out"
}

scenario_http_start() {
  local s=http-start subject i out ready cmd
  local -A home=() ok=()
  bench_metric "$s" ready ns "spawn of the start command → all 10 apps answered HTTP 200"
  bench_metric "$s" start-cmd ns "the start command alone: whole-process wall time"
  bench_metric "$s" ready-pm2-file ns "PM2's own ecosystem file (http.config.js): od start FILE / pm2 start FILE → all 10 apps answered HTTP 200"
  bench_goal_ratio_below "$s" ready-pm2-file od-aot pm2 1 "issue 13 (figure): od on PM2's file vs pm2 on it"

  for subject in "${BENCH_SUBJECTS[@]}"; do
    home[$subject]=$(bench_new_home "$subject")
    ok[$subject]=
    if ! bench_start_daemon "$subject" "${home[$subject]}" >/dev/null; then
      bench_note "$s" "$subject: the daemon did not start; no runs."
      continue
    fi
    ok[$subject]=1
    [ "$BENCH_WARMUP" = 0 ] ||
      _http_once "$subject" "${home[$subject]}" >/dev/null || bench_log "$s: $subject warm-up run failed (see $BENCH_LOG)"
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${ok[$subject]}" ] || continue
      if out=$(_http_once "$subject" "${home[$subject]}"); then
        read -r ready cmd <<<"$out"
        bench_sample "$s" ready "$subject" "$ready"
        bench_sample "$s" start-cmd "$subject" "$cmd"
        [ "$subject" != pm2 ] || bench_sample "$s" ready-pm2-file pm2 "$ready"
      else
        bench_sample "$s" ready "$subject" FAIL
        bench_sample "$s" start-cmd "$subject" FAIL
        [ "$subject" != pm2 ] || bench_sample "$s" ready-pm2-file pm2 FAIL
        bench_log "$s: $subject run $i failed (see $BENCH_LOG)"
      fi
      if [[ $subject == od-* ]]; then
        if out=$(_http_once "$subject" "${home[$subject]}" pm2); then
          bench_sample "$s" ready-pm2-file "$subject" "${out%% *}"
        else
          bench_sample "$s" ready-pm2-file "$subject" FAIL
          bench_log "$s: $subject on PM2's file, run $i failed (see $BENCH_LOG)"
        fi
      fi
    done
  done

  for subject in "${BENCH_SUBJECTS[@]}"; do bench_stop_daemon "$subject" "${home[$subject]}" --force; done
}
