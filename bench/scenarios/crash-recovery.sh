# shellcheck shell=bash
# crash-recovery: kill -9 of the daemon, again and again, with apps running (issue 12, part 2).
bench_scenario crash-recovery "kill -9 of the daemon with 4 apps running, then \`od daemon start --resurrect\`: apps lost, duplicates, orphans, downtime, log lines lost" \
  "od only. One daemon in its own empty home runs 4 apps — two \`sleep\`s, the Node HTTP app of http-start (bench/tools/http_app.js) on a free port, and bench/tools/numbered_lines.py (100 numbered lines a second on stdout, each recorded once its write succeeded), each with a unique marker in its command line — saved with \`od save\`. Then ${BENCH_CRASHES:-20} crashes in a row (BENCH_CRASHES; 5 with --quick), each one bench/tools/crash_round.py: SIGKILL to the daemon (no shutdown runs: the apps are left behind), \`od daemon start --resurrect\` at once, \`od ls --json\` until the 4 apps are online again. Counted after each crash: **lost** — apps not online again; **duplicates** — processes carrying an app's marker beyond the first; **orphans** — processes carrying a marker that are not an app pid \`od ls\` reports; **downtime** — the longest time the HTTP port did not answer (polled every 2 ms from the kill until the first answer after all apps were online again); **lines-lost** — lines the numbered-line runs that ended in the crash wrote successfully (their record) but that are not in their log file. The goals are 0 for each count in every crash. PM2 and supervisord are not run: the scenario measures od's guarantee (issue 12), not a comparison."

_crash_app_spec() {
  local sleep=$1 marker=$2 port=$3 # $4: the numbered-line app's record directory
  cat <<JSON
{"apps": [
  {"name": "quiet-a", "script": "$sleep", "args": ["900001", "0.${marker}1"]},
  {"name": "quiet-b", "script": "$sleep", "args": ["900002", "0.${marker}2"]},
  {"name": "web", "script": "$BENCH_DIR/tools/http_app.js", "interpreter": "node", "args": ["$marker-web"], "env": {"PORT": "$port"}},
  {"name": "lines", "script": "$BENCH_DIR/tools/numbered_lines.py", "interpreter": "python3", "args": ["$4", "$marker-lines"]}
]}
JSON
}

scenario_crash_recovery() {
  local s=crash-recovery metric subject home config port marker records out i lost dup orphans downtime lines left crashes=${BENCH_CRASHES:-}
  local BENCH_CMD=()
  if [ -z "$crashes" ]; then
    crashes=20
    [[ $BENCH_MODE == quick* ]] && crashes=5
  fi
  bench_metric "$s" lost count "apps not online again after the crash (per crash)"
  bench_metric "$s" duplicates count "extra copies of an app running after the crash (per crash)"
  bench_metric "$s" orphans count "app processes running that od does not manage (per crash)"
  bench_metric "$s" downtime ns "longest time the HTTP app did not answer, kill -9 → answered again (per crash)"
  bench_metric "$s" lines-lost count "log lines written successfully but not in the log file (per crash)"
  bench_goal_worst_max "$s" lines-lost od-aot 0 "issue 12: no log line lost across a daemon crash"
  for metric in lost duplicates orphans; do
    bench_goal_worst_max "$s" "$metric" od-aot 0 "issue 12: a daemon crash never leaves an app lost, running twice or unmanaged"
  done

  for subject in "${BENCH_SUBJECTS[@]}"; do
    case $subject in
      od-*) ;;
      *)
        for metric in lost duplicates orphans downtime lines-lost; do bench_na "$s" "$metric" "$subject" "not run: od's crash guarantee (issue 12)"; done
        continue
        ;;
    esac
    home=$(bench_new_home "$subject")
    if ! bench_start_daemon "$subject" "$home" >/dev/null; then
      bench_note "$s" "$subject: the daemon did not start; no runs."
      continue
    fi
    port=$("$BENCH_PY" -S -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    marker=$$$RANDOM
    records=$(dirname "$home")/lines
    mkdir -p "$records"
    config=$(_crash_app_spec "$(command -v sleep)" "$marker" "$port" "$records" | bench_config "$subject" "$home" crash-apps json)
    bench_start_config "$subject" "$home" "$config" || bench_log "$s: $subject: start returned non-zero (see $BENCH_LOG)"
    bench_exec "$subject" "$home" save || bench_log "$s: $subject: save failed (see $BENCH_LOG)"
    _bench_cmd "$subject" "$home"
    for ((i = 1; i <= crashes; i++)); do
      echo "\$ [crash_round $i] OD_HOME=$home crash_round.py" >>"$BENCH_LOG"
      if out=$(
        _bench_env "$subject" "$home"
        "$BENCH_PY" -S "$BENCH_DIR/tools/crash_round.py" --od "${BENCH_CMD[0]}" --apps 4 --port "$port" \
          --markers "0.${marker}1,0.${marker}2,$marker-web,$marker-lines" --lines-dir "$records" \
          --lines-log "$home/logs/lines-out*" --stderr "$BENCH_LOG" 2>>"$BENCH_LOG" </dev/null
      ); then
        read -r lost dup orphans downtime lines <<<"$out"
        bench_sample "$s" lost "$subject" "$lost"
        bench_sample "$s" duplicates "$subject" "$dup"
        bench_sample "$s" orphans "$subject" "$orphans"
        bench_sample "$s" downtime "$subject" "$downtime"
        bench_sample "$s" lines-lost "$subject" "$lines"
        bench_log "$s: $subject crash $i: lost $lost, duplicates $dup, orphans $orphans, downtime $downtime ns, lines lost $lines"
      else
        for metric in lost duplicates orphans downtime lines-lost; do bench_sample "$s" "$metric" "$subject" FAIL; done
        bench_daemon_log_tail "$subject" "$home" "$s: $subject crash $i could not be measured"
        bench_note "$s" "$subject crash $i: could not be measured (see bench.log)."
        break
      fi
    done
    bench_exec "$subject" "$home" daemon stop || bench_log "$s: $subject: daemon stop failed (see $BENCH_LOG)"
    left=$(pgrep -fc -- "$marker") || left=0
    bench_note "$s" "$subject: after the last crash, \`od daemon stop\` left $left app process(es) running."
    bench_stop_daemon "$subject" "$home" --force
  done
}
