# shellcheck shell=bash
# orchestration: dependencies, watch and cron (issue 15) — start of a dependency graph, file change →
# restart, the idle cost of watching, cron firing accuracy.
bench_scenario orchestration "dependencies, watch and cron: a 50-app graph's start, change → restart, watch idle cost, cron accuracy" \
  "od only (PM2 has no dependencies; its watch and cron_restart are not compared here). One daemon per od build in its own empty home; every app is \`$(command -v sleep) 100000\` (\`interpreter: none\`), so the figures are the daemon's. **graph-50**: 50 apps in 5 levels of 10, each app of a level depending on all 10 of the level before (\`dependencies\`), started from one YAML file (bench/tools/start_online.py: \`od start FILE\`, then \`od ls --json\` back to back until 50 online); **flat-50**: the same 50 apps without dependencies; both deleted after each run, alternating. **watch-restart**: one app with \`watch: { paths: [DIR], delay: 100ms }\`; bench/tools/orchestration.py appends a line to a file in DIR and polls \`od ls --json\` back to back until the app runs under a new pid and is online (the 100 ms delay is part of the figure; the default delay is 1 s). **watch-cpu / nowatch-cpu**: 100 apps each watching its own tree of BENCH_WATCH_DIRS directories (100; --quick 10) of 100 files (so 10,000 files per app with 100 directories), and the same 100 apps without watch: daemon CPU over a window (BENCH_IDLE_WINDOW, 30 s; --quick 5 s), % of one core; **inotify-watches** and **inotify-instances**: what the daemon holds then (/proc/PID/fdinfo). **cron-offset**: an app with \`cron: '* * * * * *'\` and \`autoRestart: false\` whose command is \`sh -c 'date +%s%N >> FILE'\`, run for BENCH_CRON_SECONDS (30; --quick 10): the distance of each run's start (the \`date\` inside it: fork and exec of sh and date included) from its whole second; the sample per round is the median over its runs, **cron-offset-max** the largest."

# _orch_graph_config HOME SET DEPENDENT — 50 sleep apps in 5 levels of 10, with or without dependencies.
_orch_graph_config() {
  local home=$1 set=$2 dependent=$3 level k deps file
  file=$(dirname "$home")/$set.yaml
  {
    echo "apps:"
    for ((level = 0; level < 5; level++)); do
      deps=
      if [ "$dependent" = 1 ] && [ "$level" -gt 0 ]; then
        deps=$(printf 'l%d-%d,' $(for ((k = 0; k < 10; k++)); do echo "$((level - 1)) $k"; done))
        deps="    dependencies: [${deps%,}]"
      fi
      for ((k = 0; k < 10; k++)); do
        printf '  - name: l%d-%d\n    script: %s\n    args: ["100000"]\n    interpreter: none\n' "$level" "$k" "$(command -v sleep)"
        [ -z "$deps" ] || echo "$deps"
      done
    done
  } >"$file"
  echo "$file"
}

# _orch_watch_config HOME SET N DIRS WATCH — N sleep apps, each with its own tree of DIRS directories of 100 files
# (created once under the home's parent), watched or not.
_orch_watch_config() {
  local home=$1 set=$2 n=$3 dirs=$4 watch=$5 root file k
  root=$(dirname "$home")/trees
  [ -d "$root" ] || "$BENCH_PY" -S - "$root" "$n" "$dirs" <<'PY'
import os, sys
root, apps, dirs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for app in range(apps):
    for d in range(dirs):
        path = os.path.join(root, f"app{app}", f"d{d}")
        os.makedirs(path)
        for f in range(100):
            open(os.path.join(path, f"f{f}.js"), "w").close()
PY
  file=$(dirname "$home")/$set.yaml
  {
    echo "apps:"
    for ((k = 0; k < n; k++)); do
      printf '  - name: w%d\n    script: %s\n    args: ["100000"]\n    interpreter: none\n' "$k" "$(command -v sleep)"
      [ "$watch" = 1 ] && printf '    watch: { paths: ["%s"], delay: 100ms }\n' "$root/app$k"
    done
  } >"$file"
  echo "$file"
}

scenario_orchestration() {
  local s=orchestration subject home pid config out i dir ns window=${BENCH_IDLE_WINDOW:-30} dirs=${BENCH_WATCH_DIRS:-100}
  local cron_seconds=${BENCH_CRON_SECONDS:-30} ticks metric
  bench_metric "$s" graph-50 ns "50 apps, 5 levels of 10, each depending on the whole level before: od start → all 50 online"
  bench_metric "$s" flat-50 ns "the same 50 apps without dependencies: od start → all 50 online"
  bench_metric "$s" watch-restart ns "a write in a watched directory → the app online under a new pid (watch delay 100 ms included)"
  bench_metric "$s" watch-cpu pct "daemon CPU, 100 apps each watching $((dirs * 100)) files in $dirs directories (${window} s window), % of one core"
  bench_metric "$s" nowatch-cpu pct "daemon CPU, the same 100 apps without watch, % of one core"
  bench_metric "$s" inotify-watches count "inotify watches the daemon holds with the 100 watched apps"
  bench_metric "$s" inotify-instances count "inotify instances (descriptors) the daemon holds with the 100 watched apps"
  bench_metric "$s" cron-offset ns "cron '* * * * * *': a run's start after its whole second, median of the round's runs"
  bench_metric "$s" cron-offset-max ns "the same, the largest of the round's runs"
  bench_goal_max "$s" watch-restart od-aot 300000000 "issue 15: file change → new instance online < 300 ms + the app's own start"
  bench_goal_max "$s" cron-offset-max od-aot 10000000 "issue 15: cron fires within 10 ms of the scheduled second"
  [ "$dirs" = 100 ] || bench_note "$s" "The watched trees had $dirs directories of 100 files per app in this run (100 in a full run: 10,000 files)."

  for subject in "${BENCH_SUBJECTS[@]}"; do
    case $subject in
      od-*) ;;
      *)
        bench_na "$s" '*' "$subject" "od only: dependencies are od's; watch and cron are not compared here"
        continue
        ;;
    esac
    home=$(bench_new_home "$subject")
    if ! pid=$(bench_start_daemon "$subject" "$home"); then
      bench_note "$s" "$subject: the daemon did not start; no runs."
      bench_stop_daemon "$subject" "$home" --force
      continue
    fi

    # Dependencies: the graph and the same apps flat, alternating.
    for ((i = 1; i <= BENCH_RUNS; i++)); do
      for metric in graph-50 flat-50; do
        config=$(_orch_graph_config "$home" "$metric" "$([ "$metric" = graph-50 ] && echo 1 || echo 0)")
        if out=$(bench_start_online "$subject" "$home" "$config" 50); then
          bench_sample "$s" "$metric" "$subject" "$(echo "$out" | awk '{ print $2 }')"
        else
          bench_sample "$s" "$metric" "$subject" FAIL
        fi
        bench_delete_all "$subject" "$home" || bench_log "$s: delete all failed (see $BENCH_LOG)"
      done
    done

    # Watch → restart.
    dir=$(dirname "$home")/watched
    mkdir -p "$dir"
    config=$(dirname "$home")/watch-one.yaml
    printf 'apps:\n  - name: watched\n    script: %s\n    args: ["100000"]\n    interpreter: none\n    watch: { paths: ["%s"], delay: 100ms }\n' \
      "$(command -v sleep)" "$dir" >"$config"
    if bench_start_online "$subject" "$home" "$config" 1 >/dev/null; then
      for ((i = 1; i <= BENCH_RUNS; i++)); do
        if ns=$(_bench_env "$subject" "$home"; "$BENCH_PY" -S "$BENCH_DIR/tools/orchestration.py" watch-restart --od "$(bench_cli "$subject")" \
          --app watched --touch "$dir/change.js" 2>>"$BENCH_LOG"); then
          bench_sample "$s" watch-restart "$subject" "$ns"
        else
          bench_sample "$s" watch-restart "$subject" FAIL
        fi
      done
    else
      bench_sample "$s" watch-restart "$subject" FAIL
    fi
    bench_delete_all "$subject" "$home" || true

    # The idle cost of watching: 100 watched apps, then the same without watch.
    for metric in watch-cpu nowatch-cpu; do
      config=$(_orch_watch_config "$home" "$metric" 100 "$dirs" "$([ "$metric" = watch-cpu ] && echo 1 || echo 0)")
      if bench_start_online "$subject" "$home" "$config" 100 >/dev/null; then
        sleep 3
        bench_sample "$s" "$metric" "$subject" "$(_metrics_window_cpu "$pid" "$window")"
        if [ "$metric" = watch-cpu ]; then
          bench_sample "$s" inotify-watches "$subject" "$("$BENCH_PY" -S "$BENCH_DIR/tools/orchestration.py" inotify-watches "$pid" || echo FAIL)"
          bench_sample "$s" inotify-instances "$subject" "$(find "/proc/$pid/fd" -lname 'anon_inode:inotify' 2>/dev/null | wc -l)"
        fi
      else
        bench_sample "$s" "$metric" "$subject" FAIL
      fi
      bench_delete_all "$subject" "$home" || true
    done

    # Cron accuracy: one round per run, BENCH_CRON_SECONDS each.
    ticks=$(dirname "$home")/ticks
    config=$(dirname "$home")/cron.yaml
    printf 'apps:\n  - name: ticker\n    script: /bin/sh\n    args: ["-c", "date +%%s%%N >> %s"]\n    interpreter: none\n    autoRestart: false\n    cron: "* * * * * *"\n' \
      "$ticks" >"$config"
    for ((i = 1; i <= BENCH_RUNS; i++)); do
      rm -f "$ticks"
      if bench_start_config "$subject" "$home" "$config"; then
        sleep "$cron_seconds"
        bench_delete_all "$subject" "$home" || true
        if out=$("$BENCH_PY" -S "$BENCH_DIR/tools/orchestration.py" cron-offsets "$ticks" 2>>"$BENCH_LOG"); then
          read -r median _ max runs <<<"$out"
          bench_sample "$s" cron-offset "$subject" "$median"
          bench_sample "$s" cron-offset-max "$subject" "$max"
          bench_log "$s: $subject cron round $i: $runs runs, median ${median} ns, max ${max} ns"
        else
          bench_sample "$s" cron-offset "$subject" FAIL
          bench_sample "$s" cron-offset-max "$subject" FAIL
        fi
      else
        bench_sample "$s" cron-offset "$subject" FAIL
        bench_sample "$s" cron-offset-max "$subject" FAIL
      fi
    done

    bench_stop_daemon "$subject" "$home" --force
    rm -rf "$(dirname "$home")/trees"
  done
}
