# shellcheck shell=bash
# api: the REST/WebSocket API of issue 17 (spec §8) — REST latency with 1,000 apps, WebSocket
# fan-out of a 100,000 lines/s app to 100 subscribers, and what the API costs in idle RSS.
#
# od only: PM2 and supervisord have no REST/WebSocket API to put beside it (n/a rows say why).
# Sizes: BENCH_API_APPS (default 1,000) apps and BENCH_API_REQUESTS (default 500; --quick 100)
# requests for the latency; BENCH_API_WS_CLIENTS (100) subscribers, BENCH_API_WS_LINES (100,000)
# lines at BENCH_API_WS_RATE (100,000) lines/s for the fan-out; BENCH_HEAVY_RUNS
# rounds of the 1,000-app part (2; --quick 1), BENCH_RUNS of the others.
bench_scenario api "REST/WebSocket API: REST latency with 1,000 apps, WebSocket fan-out to 100 subscribers, RSS cost" \
  "od-aot only (PM2 and supervisord have no REST or WebSocket API). Every daemon is started with \`od daemon start --config FILE\` in its own empty home, the FILE holding one idle app, anchor (\`sleep 100000\`: a config needs an app), and \`api: { listen: 127.0.0.1:0, rateLimit: { perSecond: 1000000, burst: 1000000 } }\` (a free port, read back from \`od daemon status --json\`; the token from \`od api token\`; the rate limit raised because the default, 50 requests/s with a burst of 100, answers 429 to a benchmark's back-to-back requests by design). *REST latency*: 1,000 idle apps (\`sleep 100000\`, run directly, one \`od start FILE\`, all online), then bench/tools/rest_latency.py sends 5 untimed and 500 timed \`GET /api/v1/processes\` with the bearer token one after the other over one keep-alive HTTP/1.1 connection (python3 http.client), each timed from the send to the last byte of the body: p50 and p99 (nearest rank) of the 500; then 10 \`od ls --json\` (whole process, spawn → exit; the same listing over the Unix socket) for comparison; 2 rounds (--quick: 1 round, 100 requests). *WebSocket fan-out*: per round two fresh daemons one after the other, one with no subscriber and one with 100: bench/tools/ws_fanout.js (one \`node --experimental-websocket\` process, Node's built-in client) opens 100 sockets to \`/ws?access_token=…\`, subscribes each to \`log:*\` and waits for the 100 \`{\"subscribed\"}\` answers; then one app (bench/tools/log_burst.js) prints 100,000 lines of ~40 bytes at 100,000 lines/s (the lines due every 10 ms in one write; a manager that reads slowly slows it down) and exits; bench/tools/log_count.py counts the lines in the log files as log-throughput does: *capture* = lines on disk / (last line on disk − the app's start), and the *capture loss* = 1 − capture with 100 ÷ capture with none, same round. The client counts per socket the lines it receives (each line of a batch message \`{\"events\": [...]}\`) and the lines its \`logs:skipped\` notices report as skipped, until every socket has every line received or reported, all are closed, or none came for 30 s (the daemon stalls for many seconds under this load), or 150 s; log_count.py also waits up to 30 s of no growth and 150 s in all; closes with 1008 are slow consumers. *Daemon CPU*: utime + stime of the daemon (/proc/<pid>/stat) from right before \`od start\` of the app to the last line on disk (none) or to the end of the client's count (100); *peak RSS*: the daemon's VmHWM at the end. *RSS cost*: per round, two daemons side by side, both from the same install: one with no \`api\` section (off: od-daemon, which links no API) and one with it (on: od-daemon execs od-daemon-api, the same daemon with the API linked); after 3 s idle VmRSS and RssAnon of both, and which executable each runs (/proc/<pid>/exe); then 100 \`GET /api/v1/processes\` (1 app, the anchor) on the on-daemon, 3 s, and its figures again; *cost* = on − off, of the same round. *When off*: the API costs the off daemon nothing if it runs od-daemon: the metric counts off daemons that run od-daemon-api instead (goal 0); the sizes of the two executables say what that saves."

# _api_config FILE [off] — an od config with the API on a free port and a raised rate limit (without
# the api section with "off"). A config needs an app: one idler, "anchor" (`sleep 100000`, prints nothing).
_api_config() {
  local sleep
  sleep=$(command -v sleep)
  printf 'apps:\n  - name: anchor\n    script: %s\n    args: ["100000"]\n    interpreter: none\n' "$sleep" >"$1"
  [ "${2:-}" = off ] && return
  cat >>"$1" <<'EOF'
api:
  listen: 127.0.0.1:0
  rateLimit: { perSecond: 1000000, burst: 1000000 }
EOF
}

# _api_daemon SUBJECT HOME CONFIG — start the daemon with CONFIG (od daemon start --config); prints its pid.
_api_daemon() {
  local subject=$1 home=$2 config=$3
  bench_exec "$subject" "$home" daemon start --config "$config" || { bench_log "api: $subject: od daemon start --config $config failed (see $BENCH_LOG)"; return 1; }
  bench_daemon_pid "$subject" "$home"
}

# _api_endpoint SUBJECT HOME — prints "URL TOKEN" of the daemon's API.
_api_endpoint() {
  local subject=$1 home=$2 BENCH_CMD=() url token
  _bench_cmd "$subject" "$home"
  url=$( (_bench_env "$subject" "$home"; exec timeout -k 5 "$BENCH_TIMEOUT" "${BENCH_CMD[@]}" daemon status --json) </dev/null 2>>"$BENCH_LOG" |
    "$BENCH_PY" -S -c 'import json, sys; print(json.load(sys.stdin).get("api") or "")') || return 1
  token=$( (_bench_env "$subject" "$home"; exec timeout -k 5 "$BENCH_TIMEOUT" "${BENCH_CMD[@]}" api token) </dev/null 2>>"$BENCH_LOG") || return 1
  [ -n "$url" ] && [ -n "$token" ] || { bench_log "api: $subject in $home: no API URL or token (status api='$url')"; return 1; }
  echo "$url $token"
}

# _api_rest SUBJECT HOME COUNT WARMUP — rest_latency.py against the daemon: prints "P50 P99 ERRORS BYTES".
_api_rest() {
  local endpoint url token
  endpoint=$(_api_endpoint "$1" "$2") || return 1
  read -r url token <<<"$endpoint"
  echo "\$ [rest_latency] $url GET /api/v1/processes × $3 (+$4 untimed)" >>"$BENCH_LOG"
  timeout -k 5 300 "$BENCH_PY" -S "$BENCH_DIR/tools/rest_latency.py" --url "$url" --token "$token" --count "$3" --warmup "$4" 2>>"$BENCH_LOG"
}

# _api_rss_read SCENARIO SUFFIX SUBJECT PID — record rss-SUFFIX and anon-SUFFIX (kB) of the daemon; prints "RSS ANON".
_api_rss_read() {
  local s=$1 suffix=$2 subject=$3 pid=$4 rss anon
  if [ -n "$pid" ] && rss=$(bench_proc_field "$pid" VmRSS 2>/dev/null) && anon=$(bench_proc_field "$pid" RssAnon 2>/dev/null); then
    bench_sample "$s" "rss-$suffix" "$subject" "$rss"
    bench_sample "$s" "anon-$suffix" "$subject" "$anon"
    echo "$rss $anon"
  else
    bench_sample "$s" "rss-$suffix" "$subject" FAIL
    bench_sample "$s" "anon-$suffix" "$subject" FAIL
    return 1
  fi
}

# _api_latency SCENARIO SUBJECT RUN — one round of the REST latency with $apps idlers.
_api_latency() {
  local s=$1 subject=$2 run=$3 home config out p50 p99 errors bytes k
  home=$(bench_new_home "$subject")
  config="$(dirname "$home")/api.yaml"
  _api_config "$config"
  if ! _api_daemon "$subject" "$home" "$config" >/dev/null; then
    for metric in rest-p50 rest-p99 rest-errors; do bench_sample "$s" "$metric" "$subject" FAIL; done
    bench_stop_daemon "$subject" "$home" --force
    return
  fi
  config=$(bench_config "$subject" "$home" idlers idle "$apps")
  if ! out=$(bench_start_online "$subject" "$home" "$config" "$((apps + 1))" 300); then
    bench_note "$s" "$subject run $run: the $apps apps were not all online ($out): no REST figures."
    for metric in rest-p50 rest-p99 rest-errors; do bench_sample "$s" "$metric" "$subject" FAIL; done
    bench_stop_daemon "$subject" "$home" --force
    return
  fi
  sleep 3
  if out=$(_api_rest "$subject" "$home" "$requests" 5); then
    read -r p50 p99 errors bytes <<<"$out"
    bench_sample "$s" rest-p50 "$subject" "$p50"
    bench_sample "$s" rest-p99 "$subject" "$p99"
    bench_sample "$s" rest-errors "$subject" "$errors"
    bench_log "$s: $subject run $run: GET /api/v1/processes with $apps apps: p50 $((p50 / 1000)) µs, p99 $((p99 / 1000)) µs, $errors errors, $bytes bytes"
  else
    for metric in rest-p50 rest-p99 rest-errors; do bench_sample "$s" "$metric" "$subject" FAIL; done
    bench_note "$s" "$subject run $run: the REST client failed ('$out'; see the run log)."
  fi
  for ((k = 0; k < 10; k++)); do
    bench_measure "$s" ls-json "$subject" "$home" ls --json || true
  done
  bench_stop_daemon "$subject" "$home" --force
}

# _api_ws_once SCENARIO CASE SUBJECT RUN — one fan-out run: CASE none (no subscriber) or subs
# ($clients subscribers). Sets API_LPS to its capture throughput (empty when it failed).
_api_ws_once() {
  local s=$1 case=$2 subject=$3 run=$4 home dir config pid c0 c1 out distinct dup first last ticks endpoint url token
  local fan=() fanpid= k hz hwm
  hz=$(getconf CLK_TCK)
  API_LPS=
  home=$(bench_new_home "$subject")
  dir=$(dirname "$home")
  mkdir -p "$dir/stamps"
  _api_config "$dir/api.yaml"
  if ! pid=$(_api_daemon "$subject" "$home" "$dir/api.yaml"); then
    bench_sample "$s" "lps-$case" "$subject" FAIL
    bench_sample "$s" "cpu-$case" "$subject" FAIL
    bench_stop_daemon "$subject" "$home" --force
    return
  fi
  if [ "$case" = subs ]; then
    if ! endpoint=$(_api_endpoint "$subject" "$home"); then
      bench_note "$s" "$subject run $run: no API endpoint; no fan-out figures."
      bench_sample "$s" "lps-$case" "$subject" FAIL
      bench_stop_daemon "$subject" "$home" --force
      return
    fi
    read -r url token <<<"$endpoint"
    fan=(node --experimental-websocket --no-warnings "$BENCH_DIR/tools/ws_fanout.js" "$url" "$token" "$clients" 'log:*' "$lines" "$dir/ready" 30 150)
    echo "\$ [ws_fanout] $clients sockets to $url/ws, log:*, $lines lines each" >>"$BENCH_LOG"
    "${fan[@]}" >"$dir/fanout.json" 2>>"$BENCH_LOG" </dev/null &
    fanpid=$!
    for ((k = 0; k < 600; k++)); do
      [ ! -e "$dir/ready" ] && kill -0 "$fanpid" 2>/dev/null || break
      sleep 0.1
    done
    if [ ! -e "$dir/ready" ]; then
      bench_note "$s" "$subject run $run: the $clients WebSocket clients were not all subscribed within 60 s ($(cat "$dir/fanout.json" 2>/dev/null)); no fan-out figures."
      kill "$fanpid" 2>/dev/null || true
      wait "$fanpid" 2>/dev/null || true
      bench_sample "$s" "lps-$case" "$subject" FAIL
      bench_stop_daemon "$subject" "$home" --force
      return
    fi
  fi
  config=$(bench_config "$subject" "$home" burst burst "$lines" "$rate" "$dir/stamps")
  c0=$(bench_proc_cpu_ticks "$pid")
  bench_start_config "$subject" "$home" "$config" || bench_log "$s: $subject run $run ($case): the start command failed (see $BENCH_LOG)"
  echo "\$ [log_count] $home/logs: 1 × $lines lines" >>"$BENCH_LOG"
  out=$("$BENCH_PY" -S "$BENCH_DIR/tools/log_count.py" --dir "$home/logs" --apps 1 --lines "$lines" \
    --stamps "$dir/stamps" --pid "$pid" --timeout 150 --quiet 30 2>>"$BENCH_LOG") || true
  read -r distinct dup first last ticks <<<"$out"
  if [ -n "$fanpid" ]; then
    wait "$fanpid" 2>/dev/null || true
  fi
  c1=$(bench_proc_cpu_ticks "$pid") || c1=
  hwm=$(bench_proc_field "$pid" VmHWM 2>/dev/null) || hwm=
  if [ -z "$distinct" ] || [ "$distinct" = 0 ] || [ "${first:-0}" = 0 ] || [ "${last:-0}" -le "${first:-0}" ] || [ "$ticks" = - ]; then
    bench_note "$s" "$subject run $run ($case): no usable line count (log_count: '$out'; see the run log)."
    bench_sample "$s" "lps-$case" "$subject" FAIL
    bench_sample "$s" "cpu-$case" "$subject" FAIL
  else
    API_LPS=$(awk -v n="$distinct" -v ns="$((last - first))" 'BEGIN { printf "%.0f", n / (ns / 1e9) }')
    bench_sample "$s" "lps-$case" "$subject" "$API_LPS"
    [ "$distinct" = "$lines" ] || bench_note "$s" "$subject run $run ($case): $((lines - distinct)) of $lines lines were not on disk when the count stopped growing."
    # none: CPU to the last line on disk; subs: to the end of the clients' count (the fan-out goes on after it).
    [ "$case" = subs ] && [ -n "$c1" ] && ticks=$c1
    bench_sample "$s" "cpu-$case" "$subject" "$(((ticks - c0) * 1000000000 / hz))"
    bench_log "$s: $subject run $run ($case): $distinct/$lines lines in $(((last - first) / 1000000)) ms = $API_LPS lines/s, daemon CPU $((ticks - c0)) ticks, VmHWM ${hwm:-?} kB"
  fi
  [ -n "$hwm" ] && bench_sample "$s" "hwm-$case" "$subject" "$hwm"
  if [ "$case" = subs ]; then
    # min and median of the per-socket counts, closes with 1008 (slow consumer), lines-missed notices.
    if out=$("$BENCH_PY" -S -c '
import json, statistics, sys
r = json.loads(sys.stdin.read())
c = sorted(r["counts"])
k = r.get("skipped") or [0] * len(c)
both = [a + b for a, b in zip(r["counts"], k)]
slow = sum(n for key, n in r["closes"].items() if key.split(":")[0] == "1008")
print(c[0], int(statistics.median(c)), slow, r["missedNotices"], len(c), int(statistics.median(k)), min(both), json.dumps(r["closes"]))
' <"$dir/fanout.json" 2>>"$BENCH_LOG"); then
      local cmin cmed slow missed n kmed amin closes
      read -r cmin cmed slow missed n kmed amin closes <<<"$out"
      bench_sample "$s" ws-min "$subject" "$cmin"
      bench_sample "$s" ws-median "$subject" "$cmed"
      bench_sample "$s" ws-slow "$subject" "$slow"
      bench_sample "$s" ws-missed "$subject" "$missed"
      bench_sample "$s" ws-skipped "$subject" "$kmed"
      bench_sample "$s" ws-accounted "$subject" "$amin"
      bench_log "$s: $subject run $run: per subscriber min $cmin, median $cmed of $lines lines, median $kmed reported skipped, fewest accounted for $amin; $slow of $n closed with 1008; $missed missed-lines notices; closes $closes"
      [ "$closes" = "{}" ] || bench_note "$s" "$subject run $run: WebSocket closes: $closes."
    else
      for metric in ws-min ws-median ws-slow ws-missed ws-skipped ws-accounted; do bench_sample "$s" "$metric" "$subject" FAIL; done
      bench_note "$s" "$subject run $run: the WebSocket client printed no result ($(head -c 300 "$dir/fanout.json" 2>/dev/null))."
    fi
  fi
  bench_stop_daemon "$subject" "$home" --force
}

scenario_api() {
  local s=api subject i key pid peer lps_none apps=${BENCH_API_APPS:-1000} requests=${BENCH_API_REQUESTS:-500}
  local clients=${BENCH_API_WS_CLIENTS:-100} lines=${BENCH_API_WS_LINES:-100000} rate=${BENCH_API_WS_RATE:-100000}
  local heavy=$BENCH_HEAVY_RUNS od=() keys=() value on off exe
  local -A home=() daemon=() base=()
  local fmt_apps fmt_lines fmt_rate
  fmt_apps=$(printf "%'d" "$apps" 2>/dev/null || echo "$apps")
  fmt_lines=$(printf "%'d" "$lines" 2>/dev/null || echo "$lines")
  fmt_rate=$(printf "%'d" "$rate" 2>/dev/null || echo "$rate")
  [ "$heavy" -le "$BENCH_RUNS" ] || heavy=$BENCH_RUNS
  bench_note "$s" "Load average (1, 5, 15 min) when this scenario started: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (\`uptime\`); a figure taken while other builds and tests share the CPU is not one of record."

  bench_metric "$s" rest-p50 ns "GET /api/v1/processes with $fmt_apps apps: p50 of $requests sequential requests (one keep-alive connection)"
  bench_metric "$s" rest-p99 ns "GET /api/v1/processes with $fmt_apps apps: p99 of $requests sequential requests"
  bench_metric "$s" rest-errors count "GET /api/v1/processes with $fmt_apps apps: answers other than 200"
  bench_metric "$s" ls-json ns "\`od ls --json\` with $fmt_apps apps over the Unix socket (whole process), for comparison"
  bench_metric "$s" lps-none lps "fan-out, no subscriber: capture, lines/s to disk ($fmt_lines lines at $fmt_rate lines/s)" higher
  bench_metric "$s" lps-subs lps "fan-out, $clients subscribers to log:*: capture, lines/s to disk" higher
  bench_metric "$s" capture-loss pct "capture lost with $clients subscribers: (1 − capture with ÷ capture without) × 100, same round (negative: faster)"
  bench_metric "$s" ws-min count "lines delivered per subscriber, the fewest of $clients (of $fmt_lines)" higher
  bench_metric "$s" ws-median count "lines delivered per subscriber, median of $clients (of $fmt_lines)" higher
  bench_metric "$s" ws-slow count "subscribers closed as slow consumers (close code 1008), of $clients"
  bench_metric "$s" ws-missed count "'lines were not sent to this follower' notices received, all subscribers together"
  bench_metric "$s" ws-skipped count "lines a subscriber was told it skipped (logs:skipped notices), median of $clients"
  bench_metric "$s" ws-accounted count "lines delivered + reported skipped per subscriber, the fewest of $clients (of $fmt_lines: every line accounted for)" higher
  bench_metric "$s" cpu-none ns "daemon CPU (utime + stime) for the burst, no subscriber"
  bench_metric "$s" cpu-subs ns "daemon CPU (utime + stime) for the burst and its fan-out to $clients subscribers"
  bench_metric "$s" hwm-none kB "daemon peak RSS (VmHWM) after the burst, no subscriber"
  bench_metric "$s" hwm-subs kB "daemon peak RSS (VmHWM) after the burst, $clients subscribers"
  bench_metric "$s" rss-off kB "idle daemon VmRSS, API off (no api section), 1 idle app"
  bench_metric "$s" rss-on kB "idle daemon VmRSS, API on, unused, 1 idle app"
  bench_metric "$s" rss-used kB "idle daemon VmRSS, API on, 3 s after 100 requests"
  bench_metric "$s" anon-off kB "idle daemon RssAnon, API off"
  bench_metric "$s" anon-on kB "idle daemon RssAnon, API on, unused"
  bench_metric "$s" anon-used kB "idle daemon RssAnon, API on, 3 s after 100 requests"
  bench_metric "$s" off-runs-api count "daemons with the API off that run od-daemon-api (the build with the API linked) rather than od-daemon"
  bench_metric "$s" size-off kB "size of the executable a daemon with the API off runs (od-daemon)"
  bench_metric "$s" size-on kB "size of the executable a daemon with the API on runs (od-daemon-api)"
  bench_metric "$s" cost-on kB "VmRSS cost of the API: on (unused) − off, same round"
  bench_metric "$s" cost-used kB "VmRSS cost of the API: on after 100 requests − off, same round"
  bench_goal_max "$s" capture-loss od-aot 5 "issue 17: log capture with $clients WebSocket subscribers within 5 % of the no-subscriber figure"
  bench_goal_max "$s" off-runs-api od-aot 0 "issue 17: the API turned off costs nothing (the daemon runs od-daemon, which links none of it)"
  bench_goal_below "$s" cost-on od-aot 10240 "issue 17: the API turned on costs < 10 MB idle RSS"
  bench_goal_below "$s" cost-used od-aot 10240 "issue 17: the API turned on (and used) costs < 10 MB idle RSS"
  for subject in "${BENCH_SUBJECTS[@]}"; do
    case $subject in
      od-*) od+=("$subject") ;;
      pm2) bench_na "$s" '*' "$subject" "no REST or WebSocket API: PM2's programmatic API is its Node module over the RPC socket, its web API is the hosted pm2.io" ;;
      supervisord) bench_na "$s" '*' "$subject" "no REST or WebSocket API: its remote interface is XML-RPC (what supervisorctl speaks), with no log push" ;;
    esac
  done
  [ "$apps" = 1000 ] && [ "$requests" = 500 ] || bench_note "$s" "This run used $apps apps and $requests requests for the REST latency (not 1,000 and 500)."
  [ "$lines" = 100000 ] && [ "$rate" = 100000 ] && [ "$clients" = 100 ] || bench_note "$s" "This run's fan-out: $lines lines at $rate lines/s to $clients subscribers (not 100,000 at 100,000 to 100)."
  [ "$heavy" = "$BENCH_RUNS" ] || bench_note "$s" "The REST latency (with $apps apps) was measured in $heavy round(s), the rest in $BENCH_RUNS."

  # 1. REST latency with $apps apps.
  for ((i = 1; i <= heavy; i++)); do
    for subject in "${od[@]}"; do _api_latency "$s" "$subject" "$i"; done
  done

  # 2. WebSocket fan-out: no subscriber, then $clients, in each round.
  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${od[@]}"; do
      _api_ws_once "$s" none "$subject" "$i"
      lps_none=$API_LPS
      _api_ws_once "$s" subs "$subject" "$i"
      if [ -n "$lps_none" ] && [ -n "$API_LPS" ]; then
        bench_sample "$s" capture-loss "$subject" "$(awk -v a="$API_LPS" -v b="$lps_none" 'BEGIN { printf "%.2f", (1 - a / b) * 100 }')"
      else
        bench_sample "$s" capture-loss "$subject" FAIL
      fi
    done
  done

  # 3. RSS: API off and on, side by side, each round its own pair.
  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${od[@]}"; do
      for peer in off on; do
        key="$subject $i $peer"
        keys+=("$key")
        home[$key]=$(bench_new_home "$subject")
        _api_config "$(dirname "${home[$key]}")/api.yaml" "$peer"
        daemon[$key]=$(_api_daemon "$subject" "${home[$key]}" "$(dirname "${home[$key]}")/api.yaml") || daemon[$key]=
      done
    done
  done
  sleep 3
  for key in "${keys[@]}"; do
    subject=${key%% *}
    value=$(_api_rss_read "$s" "${key##* }" "$subject" "${daemon[$key]}") || value=
    base[$key]=${value%% *}
    exe=$(readlink "/proc/${daemon[$key]:-0}/exe" 2>/dev/null) || exe=
    if [ -z "$exe" ]; then
      bench_sample "$s" "size-${key##* }" "$subject" FAIL
      [ "${key##* }" = on ] || bench_sample "$s" off-runs-api "$subject" FAIL
      continue
    fi
    bench_sample "$s" "size-${key##* }" "$subject" "$(( $(stat -c %s "$exe") / 1024 ))"
    if [ "${key##* }" = off ]; then
      case $exe in */od-daemon-api) bench_sample "$s" off-runs-api "$subject" 1 ;; *) bench_sample "$s" off-runs-api "$subject" 0 ;; esac
    fi
  done
  for key in "${keys[@]}"; do
    [ "${key##* }" = on ] && [ -n "${daemon[$key]}" ] || continue
    _api_rest "${key%% *}" "${home[$key]}" 100 0 >/dev/null || bench_note "$s" "${key%% *}: the 100 requests of the RSS part failed (see the run log)."
  done
  sleep 3
  for key in "${keys[@]}"; do
    [ "${key##* }" = on ] || continue
    subject=${key%% *}
    off=${base[${key% on} off]:-}
    on=${base[$key]:-}
    value=$(_api_rss_read "$s" used "$subject" "${daemon[$key]}") || value=
    if [ -n "$off" ] && [ -n "$on" ]; then bench_sample "$s" cost-on "$subject" "$((on - off))"; else bench_sample "$s" cost-on "$subject" FAIL; fi
    if [ -n "$off" ] && [ -n "$value" ]; then bench_sample "$s" cost-used "$subject" "$((${value%% *} - off))"; else bench_sample "$s" cost-used "$subject" FAIL; fi
  done
  for key in "${keys[@]}"; do
    bench_stop_daemon "${key%% *}" "${home[$key]}" --force
  done
}
