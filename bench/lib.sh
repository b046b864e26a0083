# shellcheck shell=bash
# Helpers shared by bench/run and every bench/scenarios/*.sh. Sourced, never run.
#
# Vocabulary
#   subject   one thing under test: od-aot (the Native-AOT od and od-daemon), od-jit (their Release
#             JIT builds, what OD_JIT=1 ./od runs), pm2 (pinned PM2 from npm), supervisord. The
#             row "floor" of a few tables is not a subject (no home, no daemon) but the least any
#             implementation costs: the AOT hello world in cli-roundtrip, a bare C respawn loop in
#             respawn's exec-gap. report.py gets it as the last subject.
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

BENCH_SUBJECTS=(od-aot pm2 supervisord) # od-jit on request: bench/run --subjects
BENCH_SCENARIOS=()
# shellcheck disable=SC2034 # read by bench/run
declare -A BENCH_SCENARIO_TITLE=() BENCH_SCENARIO_HOW=()
BENCH_TIMEOUT=60          # seconds any single command may take before it counts as failed
BENCH_HOME_PREFIX=/tmp/odbench
# The bench's own Python tools run on python3's real binary with -S (no site import): a version
# manager's shim (pyenv, asdf) costs hundreds of milliseconds per call on a busy machine. The tools
# use the standard library only. Their start-up is never inside a measured interval.
BENCH_PY=$(python3 -c 'import os, sys; print(os.path.realpath(sys.executable))' 2>/dev/null) || BENCH_PY=python3
# Mode-dependent sizes are set by bench/run (each can be given in the environment): BENCH_IDLE_WINDOW
# (s of the idle CPU windows), BENCH_CPU_ROUNDS (runs of idle-rss whose CPU is read), BENCH_START_APPS,
# BENCH_HEAVY_RUNS and BENCH_LISTINGS (start-1000), BENCH_LOG_LINES, BENCH_LOG_APPS and
# BENCH_LOG_MANY_LINES (log-throughput), BENCH_SUP_GAPS (respawn), BENCH_IPC_CALLS (ipc-latency).
# Where the builds and PM2 land (bench/run sets BENCH_WORK before sourcing this file). Known from the
# start, so the clean-up of a killed earlier run can use them before anything is built.
# OpenDaemon is two executables: the CLI `od` and the daemon `od-daemon`, which `od` finds beside
# itself (the AOT publish puts both into one directory) or at $OD_DAEMON_PATH (the JIT builds sit in
# two artifacts directories: _bench_env sets it for od-jit).
BENCH_OD_JIT="$BENCH_WORK/artifacts-jit/bin/OpenDaemon.Cli.Front/release/od"
# `od` is the CLI's front door: it answers `od ping` and `od ls --json` itself and execs od-cli (the whole CLI)
# beside it for the rest; the JIT build finds od-cli at $OD_CLI_PATH.
BENCH_OD_JIT_CLI="$BENCH_WORK/artifacts-jit/bin/OpenDaemon.Cli/release/od-cli"
BENCH_OD_JIT_DAEMON="$BENCH_WORK/artifacts-jit/bin/OpenDaemon.Daemon/release/od-daemon"
# od-daemon execs od-daemon-api (the daemon with the REST API linked) when a config turns the API on: beside it
# in the AOT publish, at $OD_DAEMON_API_PATH for the JIT build.
BENCH_OD_JIT_DAEMON_API="$BENCH_WORK/artifacts-jit/bin/OpenDaemon.Daemon.Api/release/od-daemon-api"
BENCH_OD_AOT="$BENCH_WORK/aot/od"
BENCH_OD_AOT_DAEMON="$BENCH_WORK/aot/od-daemon"
# The floor of the CLI figures: a Native-AOT "hello world" (bench/tools/Hello). C helpers compiled
# by the harness (bench_build_c): the respawn scenario's app and its floor, and the peak-RSS reader
# of cli-roundtrip.
BENCH_HELLO="$BENCH_WORK/hello/hello"
BENCH_CRASH_EXEC="$BENCH_WORK/crash_exec"
BENCH_PEAK_RSS="$BENCH_WORK/peak_rss"
BENCH_RESPAWN_FLOOR="$BENCH_WORK/respawn_floor"
BENCH_PM2="$BENCH_WORK/pm2/node_modules/.bin/pm2"
BENCH_IPC="$BENCH_WORK/artifacts-aot/bin/IpcLatency/release_linux-x64/IpcLatency"
# supervisor: from PATH, else the Debian package extracted into $BENCH_SUP_PREFIX (see
# bench_install_supervisor). BENCH_SUPD / BENCH_SUPCTL are the commands (arrays) of supervisord and
# supervisorctl; BENCH_SUP_PYTHONPATH what they need in PYTHONPATH.
BENCH_SUP_PIN=4.2.5
BENCH_SUP_PREFIX="$BENCH_WORK/supervisor"
BENCH_SUPD=()
BENCH_SUPCTL=()
BENCH_SUP_PYTHONPATH=
BENCH_SUP_FROM=

# _bench_sup_python — the interpreter for the Debian package: Debian's own python3 when there is
# one (the package is built for it), else the python3 on PATH.
_bench_sup_python() {
  if [ -x /usr/bin/python3 ]; then echo /usr/bin/python3; else command -v python3; fi
}

# _bench_sup_locate — find an installed supervisor (PATH first, then the extracted package) and
# set BENCH_SUPD, BENCH_SUPCTL, BENCH_SUP_PYTHONPATH, BENCH_SUP_FROM. Installs nothing.
_bench_sup_locate() {
  local py
  BENCH_SUPD=() BENCH_SUPCTL=() BENCH_SUP_PYTHONPATH='' BENCH_SUP_FROM=
  if command -v supervisord >/dev/null && command -v supervisorctl >/dev/null; then
    BENCH_SUPD=("$(command -v supervisord)")
    BENCH_SUPCTL=("$(command -v supervisorctl)")
    BENCH_SUP_FROM=PATH
  elif [ -f "$BENCH_SUP_PREFIX/usr/bin/supervisord" ] && [ -f "$BENCH_SUP_PREFIX/usr/bin/supervisorctl" ]; then
    py=$(_bench_sup_python)
    BENCH_SUPD=("$py" "$BENCH_SUP_PREFIX/usr/bin/supervisord")
    BENCH_SUPCTL=("$py" "$BENCH_SUP_PREFIX/usr/bin/supervisorctl")
    BENCH_SUP_PYTHONPATH="$BENCH_SUP_PREFIX/usr/lib/python3/dist-packages"
    BENCH_SUP_FROM=deb
  else
    return 1
  fi
}
_bench_sup_locate || true

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

# bench_metric SCENARIO METRIC UNIT LABEL [higher] — UNIT is ns, kB, count, pct, us, lps or rps
# (report.py shows ms, MB, n, %, µs, M lines/s, k requests/s). Lower is better unless "higher" is given.
bench_metric() { _bench_row metrics.tsv "$1" "$2" "$3" "$4" "${5:-lower}"; }
# bench_goal_ratio SCENARIO METRIC SUBJECT PEER MAX_RATIO SOURCE — median(SUBJECT)/median(PEER) ≤ MAX.
bench_goal_ratio() { _bench_row goals.tsv "$1" "$2" ratio "$3" "$4" "$5" "$6"; }
# bench_goal_ratio_min SCENARIO METRIC SUBJECT PEER MIN_RATIO SOURCE — the ratio ≥ MIN (throughputs).
bench_goal_ratio_min() { _bench_row goals.tsv "$1" "$2" ratio_min "$3" "$4" "$5" "$6"; }
# bench_goal_ratio_below SCENARIO METRIC SUBJECT PEER LIMIT SOURCE — the ratio < LIMIT ("below").
bench_goal_ratio_below() { _bench_row goals.tsv "$1" "$2" ratio_below "$3" "$4" "$5" "$6"; }
# bench_goal_max SCENARIO METRIC SUBJECT MAX_RAW SOURCE — median(SUBJECT) ≤ MAX (raw unit).
bench_goal_max() { _bench_row goals.tsv "$1" "$2" max "$3" - "$4" "$5"; }
# bench_goal_below SCENARIO METRIC SUBJECT LIMIT_RAW SOURCE — median(SUBJECT) < LIMIT (raw unit).
bench_goal_below() { _bench_row goals.tsv "$1" "$2" below "$3" - "$4" "$5"; }
# bench_goal_worst_max SCENARIO METRIC SUBJECT MAX_RAW SOURCE — every run of SUBJECT ≤ MAX.
bench_goal_worst_max() { _bench_row goals.tsv "$1" "$2" worst_max "$3" - "$4" "$5"; }
# bench_na SCENARIO METRIC|* SUBJECT WHY — the metric does not apply to the subject: its row says
# n/a and why.
bench_na() { _bench_row na.tsv "$1" "$2" "$3" "$4"; }
# bench_has_subject SUBJECT — whether SUBJECT is measured in this run.
bench_has_subject() {
  local subject
  for subject in "${BENCH_SUBJECTS[@]}"; do [ "$subject" = "$1" ] && return 0; done
  return 1
}
# bench_sample SCENARIO METRIC SUBJECT VALUE|FAIL
bench_sample() { _bench_row samples.tsv "$1" "$2" "$3" "$4"; }
# bench_note SCENARIO TEXT — printed under the scenario's tables (failures, anomalies).
bench_note() { _bench_row notes.tsv "$1" "$2"; }

# ---------------------------------------------------------------------------------------------
# Subjects
#
# Every subject has a CLI run with its home in the environment: od (OD_HOME), pm2 (PM2_HOME) and
# supervisord, whose CLI is `supervisorctl -c $home/supervisord.conf`. supervisord reads no home
# variable; BENCH_SUP_HOME=$home is set for it anyway, so its children carry it and the
# last-resort sweep (bench_pids_of_home) finds them like those of od and PM2.

# _bench_cmd SUBJECT HOME — set BENCH_CMD to the subject's CLI command (an array: supervisorctl
# runs as `python3 .../supervisorctl -c CONF` when installed from the Debian package).
_bench_cmd() {
  case $1 in
    od-aot) BENCH_CMD=("$BENCH_OD_AOT") ;;
    od-jit) BENCH_CMD=("$BENCH_OD_JIT") ;;
    pm2) BENCH_CMD=("$BENCH_PM2") ;;
    supervisord)
      [ ${#BENCH_SUPCTL[@]} -gt 0 ] || bench_die "supervisord: not installed"
      BENCH_CMD=("${BENCH_SUPCTL[@]}" -c "$2/supervisord.conf")
      ;;
    *) bench_die "unknown subject '$1'" ;;
  esac
}

# bench_cli SUBJECT — the CLI executable of a subject (the first word of its command).
bench_cli() {
  local BENCH_CMD=()
  _bench_cmd "$1" /nonexistent
  printf '%s\n' "${BENCH_CMD[0]}"
}

# bench_home_var SUBJECT — the environment variable that isolates the subject's daemon.
bench_home_var() {
  case $1 in
    od-*) echo OD_HOME ;;
    pm2) echo PM2_HOME ;;
    supervisord) echo BENCH_SUP_HOME ;;
    *) bench_die "unknown subject '$1'" ;;
  esac
}

# _bench_env SUBJECT HOME — export what the subject's commands need (call in a subshell).
_bench_env() {
  export "$(bench_home_var "$1")=$2"
  # The JIT od finds its daemon through OD_DAEMON_PATH; bench/run unsets it for everything else.
  [ "$1" != od-jit ] || export OD_DAEMON_PATH=$BENCH_OD_JIT_DAEMON OD_DAEMON_API_PATH=$BENCH_OD_JIT_DAEMON_API OD_CLI_PATH=$BENCH_OD_JIT_CLI
  if [ "$1" = supervisord ] && [ -n "$BENCH_SUP_PYTHONPATH" ]; then
    export PYTHONPATH=$BENCH_SUP_PYTHONPATH
  fi
}

# bench_pid_file SUBJECT HOME — where the subject's daemon writes its pid.
bench_pid_file() {
  case $1 in
    od-*) echo "$2/daemon.pid" ;;
    pm2) echo "$2/pm2.pid" ;;
    supervisord) echo "$2/supervisord.pid" ;;
    *) bench_die "unknown subject '$1'" ;;
  esac
}

# The CLI arguments of the common operations, per subject, into BENCH_ARGS (an array).
# bench_ping_args SUBJECT — the lightest round trip: `od ping`, `pm2 ping`, `supervisorctl pid`
# (supervisord's getPID call; supervisorctl has no ping).
bench_ping_args() {
  case $1 in
    supervisord) BENCH_ARGS=(pid) ;;
    *) BENCH_ARGS=(ping) ;;
  esac
}
# bench_list_args SUBJECT — the process listing: `od ls --json`, `pm2 jlist`, `supervisorctl status`.
bench_list_args() {
  case $1 in
    od-*) BENCH_ARGS=(ls --json) ;;
    pm2) BENCH_ARGS=(jlist) ;;
    supervisord) BENCH_ARGS=(status) ;;
  esac
}
# bench_start_args SUBJECT CONFIG — start the apps of a configuration file written by
# bench_config: `od start FILE`, `pm2 start FILE`, `supervisorctl update` (the file already is an
# include file of the running supervisord: update reads it, adds its group and starts it).
bench_start_args() {
  case $1 in
    supervisord) BENCH_ARGS=(update) ;;
    *) BENCH_ARGS=(start "$2") ;;
  esac
}

# bench_config SUBJECT HOME SET PRESET ARGS... — write the apps of PRESET (bench/tools/appconf.py)
# as the subject's configuration file and print its path: od `<dir>/SET.yaml`, PM2
# `<dir>/SET.config.js` (next to the home), supervisord `HOME/conf.d/SET.conf` (group SET, logs
# in HOME/logs).
bench_config() {
  local subject=$1 home=$2 set=$3 dir file kind
  shift 3
  dir=$(dirname "$home")
  case $subject in
    od-*) kind=od file=$dir/$set.yaml ;;
    pm2) kind=pm2 file=$dir/$set.config.js ;;
    supervisord) kind=sup file=$home/conf.d/$set.conf ;;
  esac
  "$BENCH_PY" -S "$BENCH_DIR/tools/appconf.py" --kind "$kind" --out "$file" --logdir "$home/logs" --group "$set" "$@" ||
    bench_die "appconf.py failed for $subject ($*)"
  echo "$file"
}

# _bench_json_argv WORDS... — the words as a JSON array of strings (for the Python tools).
_bench_json_argv() {
  local word out='' sep=
  for word in "$@"; do
    word=${word//\\/\\\\}
    word=${word//\"/\\\"}
    out+="$sep\"$word\""
    sep=,
  done
  printf '[%s]\n' "$out"
}

# bench_start_online SUBJECT HOME CONFIG N [TIMEOUT] — start the apps of CONFIG (bench_start_args)
# and list them back to back until N are online (bench/tools/start_online.py). Prints
# "START_NS ONLINE_NS LISTINGS" (FAIL for what could not be measured); fails unless both were.
bench_start_online() {
  local subject=$1 home=$2 config=$3 n=$4 timeout=${5:-$BENCH_TIMEOUT} kind start list BENCH_CMD=() BENCH_ARGS=()
  _bench_cmd "$subject" "$home"
  bench_start_args "$subject" "$config"
  start=$(_bench_json_argv "${BENCH_CMD[@]}" "${BENCH_ARGS[@]}")
  bench_list_args "$subject"
  list=$(_bench_json_argv "${BENCH_CMD[@]}" "${BENCH_ARGS[@]}")
  case $subject in
    od-*) kind="od" ;;
    pm2) kind="pm2" ;;
    supervisord) kind="sup" ;;
  esac
  echo "\$ [start_online] $(bench_home_var "$subject")=$home $start, then $list until $n online" >>"$BENCH_LOG"
  # shellcheck disable=SC2094 # the log is only appended to
  (
    _bench_env "$subject" "$home"
    exec "$BENCH_PY" -S "$BENCH_DIR/tools/start_online.py" --kind "$kind" --want "$n" --timeout "$timeout" \
      --stderr "$BENCH_LOG" --start "$start" --list "$list"
  ) </dev/null 2>>"$BENCH_LOG"
}

# bench_start_config SUBJECT HOME CONFIG — start the apps of CONFIG, untimed.
bench_start_config() {
  local BENCH_ARGS=()
  bench_start_args "$1" "$3"
  bench_exec "$1" "$2" "${BENCH_ARGS[@]}"
}

# bench_delete_all SUBJECT HOME — stop and forget every app: `od delete all`, `pm2 delete all`;
# supervisord: remove the include files and `supervisorctl update` (stops and removes the groups).
bench_delete_all() {
  case $1 in
    supervisord)
      rm -f "$2"/conf.d/*.conf
      bench_exec "$1" "$2" update
      ;;
    *) bench_exec "$1" "$2" delete all ;;
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
  local subject=$1 home=$2 BENCH_CMD=()
  shift 2
  _bench_cmd "$subject" "$home"
  echo "\$ $(bench_home_var "$subject")=$home $(basename "${BENCH_CMD[0]}")${BENCH_CMD[1]:+ ${BENCH_CMD[*]:1}} $*" >>"$BENCH_LOG"
  (
    _bench_env "$subject" "$home"
    # --foreground: the command stays in our process group, so a Ctrl-C reaches it at once.
    exec timeout --foreground -k 5 "$BENCH_TIMEOUT" "${BENCH_CMD[@]}" "$@"
  ) </dev/null >>"$BENCH_LOG" 2>&1
}

# bench_time SUBJECT HOME ARGS... — print the whole-process wall time (ns) of one run of the
# subject's CLI. The clock runs from spawn to reap (bench/tools/timeit.py); the subshell and
# Python's start-up are outside it. Fails when the command fails.
bench_time() {
  local subject=$1 home=$2 BENCH_CMD=()
  shift 2
  _bench_cmd "$subject" "$home"
  echo "\$ [timed] $(bench_home_var "$subject")=$home $(basename "${BENCH_CMD[0]}")${BENCH_CMD[1]:+ ${BENCH_CMD[*]:1}} $*" >>"$BENCH_LOG"
  # shellcheck disable=SC2094 # the log is only appended to
  (
    _bench_env "$subject" "$home"
    exec "$BENCH_PY" -S "$BENCH_DIR/tools/timeit.py" --timeout "$BENCH_TIMEOUT" --stderr "$BENCH_LOG" -- "${BENCH_CMD[@]}" "$@"
  ) </dev/null 2>>"$BENCH_LOG"
}

# bench_time_seq SUBJECT HOME TIMEIT_ARGS... — bench/tools/timeit.py with the subject's environment
# and the given arguments (e.g. --retry-last -- CMD1 --then CMD2); prints the wall time (ns).
bench_time_seq() {
  local subject=$1 home=$2
  shift 2
  echo "\$ [timed] $(bench_home_var "$subject")=$home $*" >>"$BENCH_LOG"
  # shellcheck disable=SC2094 # the log is only appended to
  (
    _bench_env "$subject" "$home"
    exec "$BENCH_PY" -S "$BENCH_DIR/tools/timeit.py" --timeout "$BENCH_TIMEOUT" --stderr "$BENCH_LOG" "$@"
  ) </dev/null 2>>"$BENCH_LOG"
}

# bench_measure SCENARIO METRIC SUBJECT HOME ARGS... — bench_time and record the sample (or FAIL;
# a failed run never stops the bench, it shows in the table). Returns 1 when the run failed.
bench_measure() { _bench_record bench_time "$@"; }

# _bench_record PROBE SCENARIO METRIC SUBJECT HOME ARGS... — run PROBE (bench_time, bench_peak_rss)
# on the subject's CLI and record what it prints as the sample, or FAIL. Returns 1 when it failed.
_bench_record() {
  local probe=$1 scenario=$2 metric=$3 subject=$4 home=$5 value
  shift 5
  if value=$("$probe" "$subject" "$home" "$@"); then
    bench_sample "$scenario" "$metric" "$subject" "$value"
  else
    bench_sample "$scenario" "$metric" "$subject" FAIL
    bench_log "$scenario: $subject '$*' failed ($probe; see $BENCH_LOG)"
    return 1
  fi
}

# bench_peak_rss SUBJECT HOME ARGS... — print the peak resident memory (kB) of one run of the
# subject's CLI, untimed: bench/tools/peak_rss.c (ru_maxrss from wait4; see there why not Python).
# Fails when the command fails or overruns $BENCH_TIMEOUT.
bench_peak_rss() {
  local subject=$1 home=$2 BENCH_CMD=()
  shift 2
  _bench_cmd "$subject" "$home"
  echo "\$ [peak rss] $(bench_home_var "$subject")=$home $(basename "${BENCH_CMD[0]}")${BENCH_CMD[1]:+ ${BENCH_CMD[*]:1}} $*" >>"$BENCH_LOG"
  # shellcheck disable=SC2094 # the log is only appended to
  (
    _bench_env "$subject" "$home"
    exec timeout -k 5 "$BENCH_TIMEOUT" "$BENCH_PEAK_RSS" "${BENCH_CMD[@]}" "$@"
  ) </dev/null 2>>"$BENCH_LOG"
}

# bench_measure_rss SCENARIO METRIC SUBJECT HOME ARGS... — bench_peak_rss and record the sample (kB)
# or FAIL. Returns 1 when the run failed.
bench_measure_rss() { _bench_record bench_peak_rss "$@"; }

# bench_daemon_pid SUBJECT HOME — print the pid of the subject's daemon if it is alive.
bench_daemon_pid() {
  local file pid
  file=$(bench_pid_file "$1" "$2")
  [ -r "$file" ] || return 1
  pid=$(grep -Eom1 '[0-9]+' "$file") || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

# bench_sup_write_conf HOME — supervisord's configuration for a home: its socket, pid file and
# log in HOME, program logs in HOME/logs, programs from the include files HOME/conf.d/*.conf.
bench_sup_write_conf() {
  local home=$1
  mkdir -p "$home/conf.d" "$home/logs"
  cat >"$home/supervisord.conf" <<EOF
[unix_http_server]
file=$home/supervisor.sock

[supervisord]
logfile=$home/supervisord.log
pidfile=$home/supervisord.pid
childlogdir=$home/logs

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://$home/supervisor.sock

[include]
files = $home/conf.d/*.conf
EOF
}

# bench_sup_daemon_cmd HOME — set BENCH_CMD to the command that starts supervisord for HOME (it
# daemonizes: the parent exits once the socket is open; the daemon then serves).
bench_sup_daemon_cmd() {
  BENCH_CMD=("${BENCH_SUPD[@]}" -c "$1/supervisord.conf")
}

# bench_start_daemon SUBJECT HOME — start the subject's daemon (a ping on an empty home starts it,
# for both od and PM2; supervisord is started with its configuration, then `supervisorctl status`
# must answer) and print its pid once it answers.
bench_start_daemon() {
  local subject=$1 home=$2 pid k BENCH_CMD=()
  if [ "$subject" = supervisord ]; then
    bench_sup_write_conf "$home"
    bench_sup_daemon_cmd "$home"
    echo "\$ BENCH_SUP_HOME=$home ${BENCH_CMD[*]}" >>"$BENCH_LOG"
    (
      _bench_env "$subject" "$home"
      exec timeout --foreground -k 5 "$BENCH_TIMEOUT" "${BENCH_CMD[@]}"
    ) </dev/null >>"$BENCH_LOG" 2>&1 || { bench_log "$subject: could not start supervisord in $home (see $BENCH_LOG)"; return 1; }
    for ((k = 0; k < 100; k++)); do
      bench_exec "$subject" "$home" status && break
      sleep 0.05
    done
    [ "$k" -lt 100 ] || { bench_log "$subject: supervisord in $home does not answer (see $BENCH_LOG)"; return 1; }
  else
    bench_exec "$subject" "$home" ping || { bench_log "$subject: could not start the daemon in $home (see $BENCH_LOG)"; return 1; }
  fi
  pid=$(bench_daemon_pid "$subject" "$home") || { bench_log "$subject: daemon answered but no live pid in $(bench_pid_file "$subject" "$home")"; return 1; }
  echo "$pid"
}

# bench_daemon_log_tail SUBJECT HOME WHY — copy the last 60 lines of the daemon's own log
# ($OD_HOME/daemon.log, $PM2_HOME/pm2.log, supervisord.log) into the run log, after a failure.
bench_daemon_log_tail() {
  local subject=$1 home=$2 why=$3 file
  case $subject in
    od-*) file=$home/daemon.log ;;
    pm2) file=$home/pm2.log ;;
    supervisord) file=$home/supervisord.log ;;
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
# OD_HOME, PM2_HOME or BENCH_SUP_HOME (the daemon, its children, a stray CLI): the last-resort
# sweep.
bench_pids_of_home() {
  local file pid
  # One grep over every environ file; unreadable ones (other users, exited) are skipped.
  grep -lzxF -e "OD_HOME=$1" -e "PM2_HOME=$1" -e "BENCH_SUP_HOME=$1" /proc/[0-9]*/environ 2>/dev/null | while IFS= read -r file; do
    pid=${file#/proc/}
    pid=${pid%/environ}
    [ "$pid" != "$$" ] && echo "$pid"
  done || true
}

# bench_stop_daemon SUBJECT HOME — stop the daemon the way a user would (od daemon stop /
# pm2 kill / supervisorctl shutdown), wait for it to exit, kill -9 whatever still runs with that
# home, remove the home. Never fails: it is also the clean-up (also of a run that was killed before
# supervisor was located: then straight to kill -9).
#
# bench_stop_daemon SUBJECT HOME --force — no polite stop: kill -9 the daemon and everything with its
# home at once (PM2 deletes every app one by one before it exits: ~40 s with 1,000 apps).
bench_stop_daemon() {
  local subject=$1 home=$2 force=${3:-} pid pids waited=0 stopped=
  [ -d "$home" ] || return 0
  pid=$(bench_daemon_pid "$subject" "$home" 2>/dev/null) || pid=
  if [ "$force" = --force ] && [ -n "$pid" ]; then
    kill -9 "$pid" 2>/dev/null || true
  elif [ -n "$pid" ] || [ -e "$(bench_pid_file "$subject" "$home")" ]; then
    case $subject in
      od-*) bench_exec "$subject" "$home" daemon stop && stopped=1 ;;
      pm2) bench_exec "$subject" "$home" kill && stopped=1 ;;
      supervisord) [ ${#BENCH_SUPCTL[@]} -eq 0 ] || { bench_exec "$subject" "$home" shutdown && stopped=1; } ;;
    esac
  fi
  # A daemon that accepted the stop gets 10 s to exit; otherwise straight to kill -9.
  while [ -n "$stopped" ] && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 100 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  pids=$(bench_pids_of_home "$home")
  if [ -n "$pids" ]; then
    # After --force that is the plan; otherwise the daemon left them behind: say so.
    [ "$force" = --force ] || bench_log "$subject: killing leftovers of $home: ${pids//$'\n'/ }"
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

# _bench_fresh NAME OUTPUT [EXTRA_PATH...] — whether the build NAME is up to date: OUTPUT exists and
# no file or directory of src/ (its bin/ obj/ bench/ and Markdown files left out), Directory.*.props, global.json or
# EXTRA_PATH is newer than the stamp .work/NAME.stamp, which a build takes right before it starts
# (so an edit made during the build counts as newer). Saves dotnet's own up-to-date check (10–30 s
# on a busy 2-core machine) when nothing changed; a deleted file changes its directory's mtime.
_bench_fresh() {
  local name=$1 output=$2
  shift 2
  _bench_fresh_of "$name" "$output" "$BENCH_REPO/src" "$@"
}

# _bench_fresh_of NAME OUTPUT PATH... — _bench_fresh with only these sources (besides
# Directory.*.props and global.json): the floor (bench/tools/Hello) does not depend on src/.
_bench_fresh_of() {
  local output=$2 stamp="$BENCH_WORK/$1.stamp" newer
  shift 2
  [ -e "$output" ] && [ -e "$stamp" ] || return 1
  newer=$(find "$@" "$BENCH_REPO/Directory.Build.props" "$BENCH_REPO/Directory.Packages.props" \
    "$BENCH_REPO/global.json" \( -name bin -o -name obj -o -name bench \) -prune -o ! -name '*.md' -newer "$stamp" -print -quit 2>/dev/null)
  [ -z "$newer" ]
}

# _bench_build_started NAME / _bench_build_done NAME — take the stamp before a build, keep it after
# a successful one.
_bench_build_started() { touch "$BENCH_WORK/$1.stamp.new"; }
_bench_build_done() { mv "$BENCH_WORK/$1.stamp.new" "$BENCH_WORK/$1.stamp"; }

# bench_build_jit — Release JIT build of the daemon and the CLI in their own artifacts tree (never
# collides with the developers' artifacts/): $BENCH_OD_JIT_DAEMON, then $BENCH_OD_JIT (one after the
# other: both build the shared projects). Skipped when up to date (_bench_fresh).
bench_build_jit() {
  local artifacts="$BENCH_WORK/artifacts-jit" project
  [ "$BENCH_OD_JIT" = "$artifacts/bin/OpenDaemon.Cli.Front/release/od" ] || bench_die "JIT output path out of sync"
  if [ -x "$BENCH_OD_JIT_DAEMON" ] && _bench_fresh jit "$BENCH_OD_JIT"; then
    bench_log "JIT od and od-daemon up to date (no source newer than their last build)"
    return
  fi
  bench_log "building the JIT od-daemon and od (dotnet build -c Release) into ${artifacts#"$BENCH_REPO"/}"
  _bench_build_started jit
  for project in OpenDaemon.Daemon OpenDaemon.Daemon.Api OpenDaemon.Cli OpenDaemon.Cli.Front; do
    OD_ARTIFACTS=$artifacts dotnet build "$BENCH_REPO/src/$project" -c Release --nologo -v quiet -clp:ErrorsOnly \
      >>"$BENCH_LOG" 2>&1 || { tail -n 30 "$BENCH_LOG" >&2; bench_die "JIT build of $project failed"; }
  done
  [ -x "$BENCH_OD_JIT_DAEMON" ] || bench_die "JIT build produced no $BENCH_OD_JIT_DAEMON"
  [ -x "$BENCH_OD_JIT" ] || bench_die "JIT build produced no $BENCH_OD_JIT"
  _bench_build_done jit
}

# _bench_check_native FILE — FILE is a Native-AOT executable: an ELF file with no managed
# assembly (FILE.dll) beside it — a framework-dependent apphost is ELF too, but needs its .dll.
_bench_check_native() {
  [ -x "$1" ] || bench_die "the publish produced no $1"
  "$BENCH_PY" -S -c 'import sys; sys.exit(open(sys.argv[1], "rb").read(4) != b"\x7fELF")' "$1" ||
    bench_die "$1 is not an ELF executable"
  [ ! -e "$1.dll" ] || bench_die "$(dirname "$1") holds $(basename "$1").dll: the publish was not Native AOT"
}

# _bench_need_cc — Native AOT links with the system's C toolchain.
_bench_need_cc() {
  command -v clang >/dev/null || command -v gcc >/dev/null ||
    bench_die "Native AOT needs a C toolchain: apt-get install clang zlib1g-dev"
}

# bench_build_aot — Native-AOT publish of the daemon (od-daemon and od-daemon-api) and the CLI into one
# directory: $BENCH_OD_AOT_DAEMON and $BENCH_OD_AOT, side by side as they ship (od runs the od-daemon beside
# it). One publish after the other into the same output and artifacts tree: they build the shared
# projects, and two at once would collide.
bench_build_aot() {
  local artifacts="$BENCH_WORK/artifacts-aot" out="$BENCH_WORK/aot" project
  if [ -x "$BENCH_OD_AOT_DAEMON" ] && _bench_fresh aot "$BENCH_OD_AOT"; then
    bench_log "Native-AOT od and od-daemon up to date (no source newer than their last publish)"
    return
  fi
  _bench_build_started aot
  _bench_need_cc
  bench_log "publishing the Native-AOT od-daemon, od-daemon-api and od (dotnet publish -r linux-x64) into ${out#"$BENCH_REPO"/}"
  # Publish into a fresh directory and swap it in only on success: no stale file survives, and a
  # failed publish leaves the previous binaries for --no-build.
  rm -rf "$out.new"
  for project in OpenDaemon.Daemon OpenDaemon.Daemon.Api OpenDaemon.Cli OpenDaemon.Cli.Front; do
    OD_ARTIFACTS=$artifacts dotnet publish "$BENCH_REPO/src/$project" -c Release -r linux-x64 -o "$out.new" \
      --nologo -v quiet -clp:ErrorsOnly >>"$BENCH_LOG" 2>&1 || { tail -n 30 "$BENCH_LOG" >&2; bench_die "AOT publish of $project failed"; }
  done
  _bench_check_native "$out.new/od-daemon"
  _bench_check_native "$out.new/od-daemon-api"
  _bench_check_native "$out.new/od"
  _bench_check_native "$out.new/od-cli"
  rm -rf "$out"
  mv "$out.new" "$out"
  _bench_build_done aot
}

# bench_build_hello — the floor: Native-AOT publish of bench/tools/Hello (prints "hello"; same
# build settings as od) into .work/hello, in the AOT artifacts tree. It depends on no project of
# src/, so only its own sources and the shared props make it stale.
bench_build_hello() {
  local artifacts="$BENCH_WORK/artifacts-aot" out="$BENCH_WORK/hello"
  if _bench_fresh_of hello "$BENCH_HELLO" "$BENCH_DIR/tools/Hello"; then
    bench_log "Native-AOT hello (the floor) up to date"
    return
  fi
  _bench_build_started hello
  _bench_need_cc
  bench_log "publishing the Native-AOT floor bench/tools/Hello into ${out#"$BENCH_REPO"/}"
  rm -rf "$out.new"
  OD_ARTIFACTS=$artifacts dotnet publish "$BENCH_DIR/tools/Hello" -c Release -r linux-x64 -o "$out.new" \
    --nologo -v quiet -clp:ErrorsOnly >>"$BENCH_LOG" 2>&1 || { tail -n 30 "$BENCH_LOG" >&2; bench_die "AOT publish of bench/tools/Hello failed"; }
  _bench_check_native "$out.new/hello"
  rm -rf "$out"
  mv "$out.new" "$out"
  _bench_build_done hello
}

# bench_build_c NAME — compile bench/tools/NAME.c with gcc (or cc) into .work/NAME when missing or
# older than its source: crash_exec and respawn_floor (the respawn scenario's app and floor) and
# peak_rss (cli-roundtrip's memory figures). Linked statically when the C library allows it (no dynamic loader between exec
# and main, and a smaller image); dynamically otherwise. Sets BENCH_C_LINK[NAME] to static or
# dynamic. Well under a second, so also done with --no-build.
declare -A BENCH_C_LINK=()
bench_build_c() {
  local name=$1 src="$BENCH_DIR/tools/$1.c" out="$BENCH_WORK/$1" cc
  cc=$(command -v gcc || command -v cc) || bench_die "bench/tools/$name.c needs a C compiler: apt-get install gcc"
  if [ -x "$out" ] && [ "$out" -nt "$src" ] && [ -s "$out.link" ]; then
    BENCH_C_LINK[$name]=$(cat "$out.link")
    return
  fi
  mkdir -p "$BENCH_WORK"
  if "$cc" -O2 -static -o "$out.new" "$src" >>"$BENCH_LOG" 2>&1; then
    BENCH_C_LINK[$name]=static
  else
    bench_log "bench/tools/$name.c: static link failed (no libc.a?), linking dynamically"
    "$cc" -O2 -o "$out.new" "$src" >>"$BENCH_LOG" 2>&1 || bench_die "$cc could not compile $src (see $BENCH_LOG)"
    BENCH_C_LINK[$name]=dynamic
  fi
  mv "$out.new" "$out"
  echo "${BENCH_C_LINK[$name]}" >"$out.link"
  bench_log "compiled bench/tools/$name.c (${BENCH_C_LINK[$name]}) into ${out#"$BENCH_REPO"/}"
}

# bench_use_builds — --no-build: take the binaries of an earlier run as they are.
bench_use_builds() {
  if { bench_has_subject od-jit && { [ ! -x "$BENCH_OD_JIT" ] || [ ! -x "$BENCH_OD_JIT_DAEMON" ]; }; } ||
    [ ! -x "$BENCH_OD_AOT" ] || [ ! -x "$BENCH_OD_AOT_DAEMON" ]; then
    bench_die "--no-build: no earlier build of od and od-daemon in ${BENCH_WORK#"$BENCH_REPO"/} (run once without it)"
  fi
  bench_log "--no-build: using the AOT binaries of $(date -r "$BENCH_OD_AOT" '+%F %T')"
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

# _bench_sup_unavailable REASON — go on without the supervisord subject, and say why in the results.
_bench_sup_unavailable() {
  local kept=() subject
  bench_log "supervisord will not be measured: $1"
  BENCH_SUP_NOTE="not measured: $1"
  for subject in "${BENCH_SUBJECTS[@]}"; do [ "$subject" = supervisord ] || kept+=("$subject"); done
  BENCH_SUBJECTS=("${kept[@]}")
  BENCH_SUPD=() BENCH_SUPCTL=()
}

# _bench_apt_download PACKAGE — apt-get download PACKAGE into .work/debs (as any user; when that
# fails and we are root, once after apt-get update). Prints the .deb's path.
_bench_apt_download() {
  local debs="$BENCH_WORK/debs" deb
  mkdir -p "$debs"
  rm -f "$debs/$1"_*.deb
  if ! (cd "$debs" && apt-get download "$1") >>"$BENCH_LOG" 2>&1; then
    [ "$(id -u)" = 0 ] || return 1
    bench_log "apt-get download $1 failed: running apt-get update (as root) and trying again"
    apt-get update -qq >>"$BENCH_LOG" 2>&1 || return 1
    (cd "$debs" && apt-get download "$1") >>"$BENCH_LOG" 2>&1 || return 1
  fi
  deb=$(find "$debs" -maxdepth 1 -name "$1_*.deb" | head -n 1)
  [ -n "$deb" ] && echo "$deb"
}

# bench_install_supervisor — supervisord for the supervisord subject: the one on PATH if there is
# one; else Debian's package (pinned version 4.2.5; another version is used and flagged) fetched
# with `apt-get download` into .work/debs and unpacked with `dpkg -x` into .work/supervisor — no
# root, no apt-get install. Its one Python dependency, pkg_resources, is unpacked the same way
# (python3-pkg-resources) when the interpreter lacks it. supervisord then runs as
# `python3 .work/supervisor/usr/bin/supervisord` with PYTHONPATH on the unpacked dist-packages.
# When none of this works (no apt-get, no package lists and not root, ...), the bench goes on
# without supervisord and the results say so. Sets BENCH_SUP_VERSION.
bench_install_supervisor() {
  local site="$BENCH_SUP_PREFIX/usr/lib/python3/dist-packages" deb py
  _bench_sup_locate || true
  if [ "$BENCH_SUP_FROM" != PATH ] && [ ! -f "$site/supervisor/version.txt" ]; then
    if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
      _bench_sup_unavailable "no supervisord on PATH, and no apt-get/dpkg to fetch Debian's package"
      return 0
    fi
    bench_log "fetching supervisor from Debian (apt-get download, dpkg -x) into ${BENCH_SUP_PREFIX#"$BENCH_REPO"/}"
    if ! deb=$(_bench_apt_download supervisor); then
      _bench_sup_unavailable "apt-get download supervisor failed (no package lists? apt-get update needs root; see the run log)"
      return 0
    fi
    rm -rf "$BENCH_SUP_PREFIX"
    dpkg -x "$deb" "$BENCH_SUP_PREFIX" || { _bench_sup_unavailable "dpkg -x $deb failed"; return 0; }
  fi
  _bench_sup_locate || { _bench_sup_unavailable "supervisor is not where it was unpacked"; return 0; }
  if [ "$BENCH_SUP_FROM" = deb ]; then
    py=$(_bench_sup_python)
    if ! PYTHONPATH=$BENCH_SUP_PYTHONPATH "$py" -c 'import pkg_resources' 2>/dev/null; then
      bench_log "$py has no pkg_resources: fetching python3-pkg-resources the same way"
      if ! deb=$(_bench_apt_download python3-pkg-resources) || ! dpkg -x "$deb" "$BENCH_SUP_PREFIX" ||
        ! PYTHONPATH=$BENCH_SUP_PYTHONPATH "$py" -c 'import pkg_resources' 2>/dev/null; then
        _bench_sup_unavailable "$py cannot import pkg_resources, and python3-pkg-resources could not be unpacked"
        return 0
      fi
    fi
  fi
  BENCH_SUP_VERSION=$(PYTHONPATH=$BENCH_SUP_PYTHONPATH "${BENCH_SUPD[@]}" --version 2>>"$BENCH_LOG") ||
    { _bench_sup_unavailable "supervisord --version failed (see the run log)"; return 0; }
  [ "$BENCH_SUP_VERSION" = "$BENCH_SUP_PIN" ] || BENCH_SUP_NOTE="pinned $BENCH_SUP_PIN, found $BENCH_SUP_VERSION"
  if [ "$BENCH_SUP_FROM" = PATH ]; then
    BENCH_SUP_NOTE="${BENCH_SUP_NOTE:+$BENCH_SUP_NOTE; }from PATH: ${BENCH_SUPD[0]}"
  else
    BENCH_SUP_NOTE="${BENCH_SUP_NOTE:+$BENCH_SUP_NOTE; }Debian package run with $(_bench_sup_python) ($("$(_bench_sup_python)" -c 'import platform; print(platform.python_version())'))"
  fi
}

# bench_build_ipc — the IPC latency client (bench/tools/IpcLatency, C# SDK), JIT: $BENCH_IPC. Built
# for linux-x64 in the AOT publish's artifacts tree, whose Release linux-x64 builds of the SDK's
# projects are then up to date: only the tool itself compiles (30 s less right after a change).
bench_build_ipc() {
  local artifacts="$BENCH_WORK/artifacts-aot"
  if _bench_fresh ipc "$BENCH_IPC" "$BENCH_DIR/tools/IpcLatency"; then
    bench_log "IpcLatency up to date (no source newer than its last build)"
    return
  fi
  _bench_build_started ipc
  bench_log "building bench/tools/IpcLatency (dotnet build -c Release -r linux-x64) into ${artifacts#"$BENCH_REPO"/}"
  OD_ARTIFACTS=$artifacts dotnet build "$BENCH_DIR/tools/IpcLatency" -c Release -r linux-x64 --self-contained false --nologo -v quiet -clp:ErrorsOnly \
    >>"$BENCH_LOG" 2>&1 || { tail -n 30 "$BENCH_LOG" >&2; bench_die "IpcLatency build failed"; }
  [ -x "$BENCH_IPC" ] || bench_die "IpcLatency build produced no $BENCH_IPC"
  _bench_build_done ipc
}

# ---------------------------------------------------------------------------------------------
# Report

# _bench_size FILE — "12,345,678 bytes (11.8 MiB)", or "missing".
_bench_size() {
  local bytes
  bytes=$(stat -c %s "$1" 2>/dev/null) || { echo missing; return; }
  printf '%s bytes (%s MiB)\n' "$(sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$bytes")" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')"
}

# bench_machine_facts — Markdown bullet list of the machine and the versions under test.
bench_machine_facts() {
  local cpu mem commit dirty
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
  mem=$(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')
  commit=$(git -C "$BENCH_REPO" rev-parse --short HEAD 2>/dev/null || echo none)
  dirty=$(git -C "$BENCH_REPO" status --porcelain 2>/dev/null | grep -vc '^?? bench/' || true)
  [ "$dirty" != 0 ] && commit="$commit + uncommitted changes"
  echo "- machine: $(nproc) cores (${cpu:-unknown cpu}), memory $mem, kernel $(uname -r)"
  echo "- versions: .NET SDK $(dotnet --version), node $(node --version), pm2 ${BENCH_PM2_VERSION:-none}${BENCH_PM2_NOTE:+ ($BENCH_PM2_NOTE)}, supervisor ${BENCH_SUP_VERSION:-none}${BENCH_SUP_NOTE:+ ($BENCH_SUP_NOTE)}, od at commit $commit"
  echo "- subjects: od-aot = the Native-AOT \`od\` and \`od-daemon\` (dotnet publish -r linux-x64, one directory); od-jit = their Release JIT builds (what \`OD_JIT=1 ./od\` runs); pm2 = PM2 from npm on node; supervisord = supervisor's daemon (Python), driven with supervisorctl"
  echo "- Native-AOT binaries (linux-x64, as published): od $(_bench_size "$BENCH_OD_AOT") (the front door), od-cli $(_bench_size "$(dirname "$BENCH_OD_AOT")/od-cli"), od-daemon $(_bench_size "$BENCH_OD_AOT_DAEMON"), od-daemon-api $(_bench_size "$(dirname "$BENCH_OD_AOT_DAEMON")/od-daemon-api")${BENCH_HELLO_USED:+; the floor, hello (bench/tools/Hello): $(_bench_size "$BENCH_HELLO")}"
  echo "- mode: $BENCH_MODE, $BENCH_RUNS runs per subject, alternating $(IFS=' '; echo "${BENCH_SUBJECTS[*]}") in rounds; load average (1, 5, 15 min) at start: $BENCH_LOADAVG, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  if awk -v load="${BENCH_LOADAVG%% *}" -v cores="$(nproc)" 'BEGIN { exit !(load > cores / 2) }'; then
    echo "- **warning: the machine was busy when the run started (load ${BENCH_LOADAVG%% *} on $(nproc) cores): another workload shared the CPU, so these figures are not comparable with a quiet run.**"
  fi
}
