# shellcheck shell=bash
# Helpers shared by bench/run and every bench/scenarios/*.sh. Sourced, never run.
#
# Vocabulary
#   subject   one thing under test: od-aot (Native-AOT binary), od-jit (Release JIT build, what
#             ./od runs), pm2 (pinned PM2 from npm). Later: supervisord.
#   home      a temporary, empty OD_HOME or PM2_HOME under /tmp, one per daemon. Every home sits in
#             its own /tmp/odbench.XXXXXX/ with a file 'owner' (this run's pid) and 'subject', so the
#             clean-up finds every daemon this run started — and those of an earlier run that was
#             SIGKILLed — without a registry that a subshell could lose.
#   sample    one measured value: scenario, metric, subject, value (raw unit) or FAIL.
#
# A scenario file calls bench_scenario at load time and defines scenario_<name> (dashes become
# underscores), which declares its metrics and goals, runs the subjects alternately
# (A B C A B C ...) for $BENCH_RUNS rounds, and records samples. bench/tools/report.py turns the
# samples into the tables.

BENCH_SUBJECTS=(od-aot od-jit pm2)
BENCH_SCENARIOS=()
# shellcheck disable=SC2034 # read by bench/run
declare -A BENCH_SCENARIO_TITLE=() BENCH_SCENARIO_HOW=()
BENCH_TIMEOUT=60          # seconds any single command may take before it counts as failed
BENCH_HOME_PREFIX=/tmp/odbench
# Where the builds and PM2 land (bench/run sets BENCH_WORK before sourcing this file). Known from the
# start, so the clean-up of a killed earlier run can use them before anything is built.
BENCH_OD_JIT="$BENCH_WORK/artifacts-jit/bin/OpenDaemon.Cli/release/od"
BENCH_OD_AOT="$BENCH_WORK/aot/od"
BENCH_PM2="$BENCH_WORK/pm2/node_modules/.bin/pm2"

bench_log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
bench_die() { bench_log "error: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Scenario registry and result files (all in $BENCH_RUN_DIR)

# bench_scenario NAME TITLE HOW — register a scenario (call at the top level of its file).
bench_scenario() {
  BENCH_SCENARIOS+=("$1")
  # shellcheck disable=SC2034 # read by bench/run
  BENCH_SCENARIO_TITLE[$1]=$2
  # shellcheck disable=SC2034 # read by bench/run
  BENCH_SCENARIO_HOW[$1]=$3
}

_bench_row() {
  local file=$1 IFS=$'\t'
  shift
  printf '%s\n' "$*" >>"$BENCH_RUN_DIR/$file"
}

# bench_metric SCENARIO METRIC UNIT LABEL — UNIT is ns, kB, count or pct (report.py shows ms, MB,
# n, %).
bench_metric() { _bench_row metrics.tsv "$1" "$2" "$3" "$4"; }
# bench_goal_ratio SCENARIO METRIC SUBJECT PEER MAX_RATIO SOURCE — median(SUBJECT)/median(PEER) ≤ MAX.
bench_goal_ratio() { _bench_row goals.tsv "$1" "$2" ratio "$3" "$4" "$5" "$6"; }
# bench_goal_max SCENARIO METRIC SUBJECT MAX_RAW SOURCE — median(SUBJECT) ≤ MAX (raw unit).
bench_goal_max() { _bench_row goals.tsv "$1" "$2" max "$3" - "$4" "$5"; }
# bench_sample SCENARIO METRIC SUBJECT VALUE|FAIL
bench_sample() { _bench_row samples.tsv "$1" "$2" "$3" "$4"; }
# bench_note SCENARIO TEXT — printed under the scenario's tables (failures, anomalies).
bench_note() { _bench_row notes.tsv "$1" "$2"; }

# ---------------------------------------------------------------------------------------------
# Subjects

# bench_cli SUBJECT — the CLI executable of a subject.
bench_cli() {
  case $1 in
    od-aot) printf '%s\n' "$BENCH_OD_AOT" ;;
    od-jit) printf '%s\n' "$BENCH_OD_JIT" ;;
    pm2) printf '%s\n' "$BENCH_PM2" ;;
    *) bench_die "unknown subject '$1'" ;;
  esac
}

# bench_home_var SUBJECT — the environment variable that isolates the subject's daemon.
bench_home_var() {
  case $1 in
    od-*) echo OD_HOME ;;
    pm2) echo PM2_HOME ;;
    *) bench_die "unknown subject '$1'" ;;
  esac
}

# bench_pid_file SUBJECT HOME — where the subject's daemon writes its pid.
bench_pid_file() {
  case $1 in
    od-*) echo "$2/daemon.pid" ;;
    pm2) echo "$2/pm2.pid" ;;
    *) bench_die "unknown subject '$1'" ;;
  esac
}

# bench_new_home SUBJECT — create an empty home under /tmp and print its path (short: sockets
# are limited to 108 characters).
bench_new_home() {
  local base
  base=$(mktemp -d "$BENCH_HOME_PREFIX.XXXXXX")
  echo "$$" >"$base/owner"
  echo "$1" >"$base/subject"
  mkdir "$base/h"
  echo "$base/h"
}

# bench_exec SUBJECT HOME ARGS... — run the subject's CLI with its home, untimed; output goes to
# the run log. Fails when the command fails or overruns $BENCH_TIMEOUT.
bench_exec() {
  local subject=$1 home=$2 cli var
  shift 2
  cli=$(bench_cli "$subject")
  var=$(bench_home_var "$subject")
  echo "\$ $var=$home $(basename "$cli") $*" >>"$BENCH_LOG"
  (
    export "$var=$home"
    # --foreground: the command stays in our process group, so a Ctrl-C reaches it at once.
    exec timeout --foreground -k 5 "$BENCH_TIMEOUT" "$cli" "$@"
  ) </dev/null >>"$BENCH_LOG" 2>&1
}

# bench_time SUBJECT HOME ARGS... — print the whole-process wall time (ns) of one run of the
# subject's CLI. The clock runs from spawn to reap (bench/tools/timeit.py); the subshell and
# Python's start-up are outside it. Fails when the command fails.
bench_time() {
  local subject=$1 home=$2 cli var
  shift 2
  cli=$(bench_cli "$subject")
  var=$(bench_home_var "$subject")
  echo "\$ [timed] $var=$home $(basename "$cli") $*" >>"$BENCH_LOG"
  # shellcheck disable=SC2094 # the log is only appended to
  (
    export "$var=$home"
    exec python3 "$BENCH_DIR/tools/timeit.py" --timeout "$BENCH_TIMEOUT" --stderr "$BENCH_LOG" -- "$cli" "$@"
  ) </dev/null 2>>"$BENCH_LOG"
}

# bench_measure SCENARIO METRIC SUBJECT HOME ARGS... — bench_time and record the sample (or FAIL;
# a failed run never stops the bench, it shows in the table). Returns 1 when the run failed.
bench_measure() {
  local scenario=$1 metric=$2 subject=$3 home=$4 ns
  shift 4
  if ns=$(bench_time "$subject" "$home" "$@"); then
    bench_sample "$scenario" "$metric" "$subject" "$ns"
  else
    bench_sample "$scenario" "$metric" "$subject" FAIL
    bench_log "$scenario: $subject '$*' failed (see $BENCH_LOG)"
    return 1
  fi
}

# bench_daemon_pid SUBJECT HOME — print the pid of the subject's daemon if it is alive.
bench_daemon_pid() {
  local file pid
  file=$(bench_pid_file "$1" "$2")
  [ -r "$file" ] || return 1
  pid=$(grep -Eom1 '[0-9]+' "$file") || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# bench_start_daemon SUBJECT HOME — start the subject's daemon (a ping on an empty home starts it,
# for both od and PM2) and print its pid once it answers.
bench_start_daemon() {
  local subject=$1 home=$2 pid
  bench_exec "$subject" "$home" ping || { bench_log "$subject: could not start the daemon in $home (see $BENCH_LOG)"; return 1; }
  pid=$(bench_daemon_pid "$subject" "$home") || { bench_log "$subject: daemon answered but no live pid in $(bench_pid_file "$subject" "$home")"; return 1; }
  echo "$pid"
}

# bench_daemon_log_tail SUBJECT HOME WHY — copy the last 60 lines of the daemon's own log
# ($OD_HOME/daemon.log, $PM2_HOME/pm2.log) into the run log, after a failure.
bench_daemon_log_tail() {
  local subject=$1 home=$2 why=$3 file
  case $subject in
    od-*) file=$home/daemon.log ;;
    pm2) file=$home/pm2.log ;;
    *) bench_die "unknown subject '$subject'" ;;
  esac
  bench_log "$why: the tail of $file is in $BENCH_LOG"
  { echo "--- $why: last 60 lines of $file"; tail -n 60 "$file"; } >>"$BENCH_LOG" 2>&1 || true
}

# bench_proc_field PID FIELD — the first number of a /proc/PID/status line (VmRSS is in kB).
bench_proc_field() {
  awk -v field="$2:" '$1 == field { print $2; found = 1; exit } END { exit !found }' "/proc/$1/status"
}

# bench_proc_cpu_ticks PID — CPU time the process has used so far (utime + stime, fields 14 and 15
# of /proc/PID/stat), in clock ticks (getconf CLK_TCK per second). Its own threads only, not
# its children's. The fields are counted after the ')' that closes the command name (it may hold
# spaces).
bench_proc_cpu_ticks() {
  local stat fields
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  read -r -a fields <<<"${stat##*) }" # fields[0] is field 3 (state)
  echo $((fields[11] + fields[12]))
}

# bench_thread_names PID — the daemon's threads by name, "count×name" (for the run log).
bench_thread_names() {
  cat /proc/"$1"/task/*/comm 2>/dev/null | sort | uniq -c | awk '{ n = $1; $1 = ""; printf "%s%d×%s", sep, n, substr($0, 2); sep = ", " }'
}

# bench_median — the median of the numbers on stdin, one per line (mean of the middle two for an
# even count, rounded); fails on no input.
bench_median() {
  sort -n | awk '{ v[NR] = $1 } END { if (!NR) exit 1; if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_pids_of_home HOME — pids of every process whose environment names HOME as its
# OD_HOME or PM2_HOME (the daemon, its children, a stray CLI): the last-resort sweep.
bench_pids_of_home() {
  local file pid
  # One grep over every environ file; unreadable ones (other users, exited) are skipped.
  grep -lzxF -e "OD_HOME=$1" -e "PM2_HOME=$1" /proc/[0-9]*/environ 2>/dev/null | while IFS= read -r file; do
    pid=${file#/proc/}
    pid=${pid%/environ}
    [ "$pid" != "$$" ] && echo "$pid"
  done || true
}

# bench_stop_daemon SUBJECT HOME — stop the daemon the way a user would (od daemon stop /
# pm2 kill), wait for it to exit, kill -9 whatever still runs with that home, remove the home.
# Never fails: it is also the clean-up.
bench_stop_daemon() {
  local subject=$1 home=$2 pid pids waited=0 stopped=
  [ -d "$home" ] || return 0
  pid=$(bench_daemon_pid "$subject" "$home" 2>/dev/null) || pid=
  if [ -n "$pid" ] || [ -e "$(bench_pid_file "$subject" "$home")" ]; then
    case $subject in
      od-*) bench_exec "$subject" "$home" daemon stop && stopped=1 ;;
      pm2) bench_exec "$subject" "$home" kill && stopped=1 ;;
    esac
  fi
  # A daemon that accepted the stop gets 10 s to exit; otherwise straight to kill -9.
  while [ -n "$stopped" ] && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 100 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  pids=$(bench_pids_of_home "$home")
  if [ -n "$pids" ]; then
    bench_log "$subject: killing leftovers of $home: ${pids//$'\n'/ }"
    # shellcheck disable=SC2086
    kill -9 $pids 2>/dev/null || true
  fi
  rm -rf "$(dirname "$home")"
}

# bench_cleanup — stop every daemon in a home owned by this run or by a run that no longer exists.
bench_cleanup() {
  local base owner subject
  for base in "$BENCH_HOME_PREFIX".*; do
    [ -r "$base/owner" ] || continue
    owner=$(cat "$base/owner" 2>/dev/null) || continue
    if [ "$owner" != "$$" ] && kill -0 "$owner" 2>/dev/null; then
      continue # another bench run that is still going
    fi
    subject=$(cat "$base/subject" 2>/dev/null) || subject=od-aot
    bench_stop_daemon "$subject" "$base/h" || true
  done
}

# ---------------------------------------------------------------------------------------------
# Build and install

# bench_build_jit — Release JIT build of the CLI in its own artifacts tree (never collides with
# the developers' artifacts/): $BENCH_OD_JIT.
bench_build_jit() {
  local artifacts="$BENCH_WORK/artifacts-jit"
  [ "$BENCH_OD_JIT" = "$artifacts/bin/OpenDaemon.Cli/release/od" ] || bench_die "JIT output path out of sync"
  bench_log "building the JIT CLI (dotnet build -c Release) into ${artifacts#"$BENCH_REPO"/}"
  OD_ARTIFACTS=$artifacts dotnet build "$BENCH_REPO/src/OpenDaemon.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly \
    >>"$BENCH_LOG" 2>&1 || { tail -n 30 "$BENCH_LOG" >&2; bench_die "JIT build failed"; }
  [ -x "$BENCH_OD_JIT" ] || bench_die "JIT build produced no $BENCH_OD_JIT"
}

# bench_build_aot — Native-AOT publish of the CLI: $BENCH_OD_AOT.
bench_build_aot() {
  local artifacts="$BENCH_WORK/artifacts-aot" out="$BENCH_WORK/aot"
  command -v clang >/dev/null || command -v gcc >/dev/null ||
    bench_die "Native AOT needs a C toolchain: apt-get install clang zlib1g-dev"
  bench_log "publishing the Native-AOT CLI (dotnet publish -r linux-x64) into ${out#"$BENCH_REPO"/}"
  # Publish into a fresh directory and swap it in only on success: no stale file survives, and a
  # failed publish leaves the previous binary for --no-build.
  rm -rf "$out.new"
  OD_ARTIFACTS=$artifacts dotnet publish "$BENCH_REPO/src/OpenDaemon.Cli" -c Release -r linux-x64 -o "$out.new" \
    --nologo -v quiet -clp:ErrorsOnly >>"$BENCH_LOG" 2>&1 || { tail -n 30 "$BENCH_LOG" >&2; bench_die "AOT publish failed"; }
  [ -x "$out.new/od" ] || bench_die "AOT publish produced no $out.new/od"
  [ ! -e "$out.new/od.dll" ] || bench_die "$out.new holds od.dll: the publish was not Native AOT"
  rm -rf "$out"
  mv "$out.new" "$out"
}

# bench_use_builds — --no-build: take the binaries of an earlier run as they are.
bench_use_builds() {
  if [ ! -x "$BENCH_OD_JIT" ] || [ ! -x "$BENCH_OD_AOT" ]; then
    bench_die "--no-build: no earlier build in ${BENCH_WORK#"$BENCH_REPO"/} (run once without it)"
  fi
  bench_log "--no-build: using the JIT build of $(date -r "$BENCH_OD_JIT" '+%F %T') and the AOT binary of $(date -r "$BENCH_OD_AOT" '+%F %T')"
  BENCH_MODE="$BENCH_MODE, --no-build (binaries built $(date -u -r "$BENCH_OD_AOT" '+%F %H:%M UTC'), may not match the commit below)"
}

# bench_install_pm2 — PM2 at the pinned version under .work/pm2 (npm install --prefix), unless it
# is already there. Falls back to the newest 7.x if the pin is not on the registry, and says so.
# Sets BENCH_PM2_VERSION.
bench_install_pm2() {
  local prefix="$BENCH_WORK/pm2" want=$BENCH_PM2_PIN have=""
  have=$(node -p "require('$prefix/node_modules/pm2/package.json').version" 2>/dev/null) || have=""
  if [ "$have" != "$want" ]; then
    if [ -z "$(npm view "pm2@$want" version 2>/dev/null)" ]; then
      want=$(npm view "pm2@7" version --json 2>/dev/null | python3 -c 'import json,sys; v=json.load(sys.stdin); print(v[-1] if isinstance(v, list) else v)') ||
        bench_die "npm registry unreachable: cannot find pm2@$BENCH_PM2_PIN or any 7.x"
      bench_log "pm2@$BENCH_PM2_PIN is not on the registry: using the newest 7.x, $want"
      BENCH_PM2_NOTE="pinned $BENCH_PM2_PIN was unavailable; newest 7.x used"
    fi
  fi
  if [ "$have" != "$want" ]; then
    bench_log "installing pm2@$want into ${prefix#"$BENCH_REPO"/}"
    mkdir -p "$prefix"
    npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "pm2@$want" >>"$BENCH_LOG" 2>&1 ||
      { tail -n 30 "$BENCH_LOG" >&2; bench_die "npm install pm2@$want failed"; }
  fi
  BENCH_PM2_VERSION=$(node -p "require('$prefix/node_modules/pm2/package.json').version")
  [ -x "$BENCH_PM2" ] || bench_die "no pm2 executable at $BENCH_PM2"
}

# ---------------------------------------------------------------------------------------------
# Report

# bench_machine_facts — Markdown bullet list of the machine and the versions under test.
bench_machine_facts() {
  local cpu mem commit dirty
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
  mem=$(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')
  commit=$(git -C "$BENCH_REPO" rev-parse --short HEAD 2>/dev/null || echo none)
  dirty=$(git -C "$BENCH_REPO" status --porcelain 2>/dev/null | grep -vc '^?? bench/' || true)
  [ "$dirty" != 0 ] && commit="$commit + uncommitted changes"
  echo "- machine: $(nproc) cores (${cpu:-unknown cpu}), memory $mem, kernel $(uname -r)"
  echo "- versions: .NET SDK $(dotnet --version), node $(node --version), pm2 $BENCH_PM2_VERSION${BENCH_PM2_NOTE:+ ($BENCH_PM2_NOTE)}, od at commit $commit"
  echo "- subjects: od-aot = Native-AOT \`od\` (dotnet publish -r linux-x64); od-jit = Release JIT build (what \`./od\` runs); pm2 = PM2 from npm on node"
  echo "- mode: $BENCH_MODE, $BENCH_RUNS runs per subject, alternating $(IFS=' '; echo "${BENCH_SUBJECTS[*]}") in rounds; load average (1, 5, 15 min) at start: $BENCH_LOADAVG, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  if awk -v load="${BENCH_LOADAVG%% *}" -v cores="$(nproc)" 'BEGIN { exit !(load > cores / 2) }'; then
    echo "- **warning: the machine was busy when the run started (load ${BENCH_LOADAVG%% *} on $(nproc) cores): another workload shared the CPU, so these figures are not comparable with a quiet run.**"
  fi
}
