# shellcheck shell=bash
# cli-roundtrip: whole-process wall time of the CLI against a daemon that is already running: a ping
# with no apps, then the process listing with 10 apps (the listing with 1,000 apps is measured by
# start-1000, which holds 1,000 apps anyway).
bench_scenario cli-roundtrip "CLI round trip against a running daemon: ping (no apps), listing with 10 apps" \
  "Each subject's daemon is started once in its own empty home and pinged once untimed (warm-up). Then, in alternating rounds, one run is the whole-process wall time of one CLI call, from spawn to exit (process start, connect, request, answer, exit): first the lightest call with no apps — \`od ping\` (AOT binary, JIT build), \`pm2 ping\`, \`supervisorctl pid\` (supervisorctl has no ping; \`pid\` is one getPID call over supervisord's XML-RPC socket). Then 10 idle apps (\`sleep 100000\`, run directly) are started from a configuration file (\`od start\` / \`pm2 start\` / \`supervisorctl update\` of an include file, see start-1000) and, once all 10 are online and one untimed listing has run, the listing is timed the same way: \`od ls --json\` / \`pm2 jlist\` / \`supervisorctl status\`. The daemon's pid is checked to be the same at the end (no restart during the scenario)."

scenario_cli_roundtrip() {
  local s=cli-roundtrip subject i pid config out BENCH_ARGS=()
  local -A home=() first_pid=() listed=()
  bench_metric "$s" wall ns "ping, no apps: whole-process wall time (\`od ping\`, \`pm2 ping\`, \`supervisorctl pid\`)"
  bench_metric "$s" list-10 ns "listing with 10 apps: whole-process wall time (\`od ls --json\`, \`pm2 jlist\`, \`supervisorctl status\`)"
  bench_goal_ratio "$s" wall od-aot pm2 0.0666667 "issue 7: CLI round trip ≤ 1/15 of PM2's"
  bench_goal_ratio "$s" list-10 od-aot pm2 0.0666667 "issue 7: CLI round trip ≤ 1/15 of PM2's"

  for subject in "${BENCH_SUBJECTS[@]}"; do
    home[$subject]=$(bench_new_home "$subject")
    if ! first_pid[$subject]=$(bench_start_daemon "$subject" "${home[$subject]}"); then
      bench_note "$s" "$subject: the daemon did not start; no runs."
      continue
    fi
    bench_ping_args "$subject"
    bench_exec "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}" || true # warm-up, untimed
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${first_pid[$subject]}" ] || continue
      bench_ping_args "$subject"
      bench_measure "$s" wall "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}" || true
    done
  done

  for subject in "${BENCH_SUBJECTS[@]}"; do
    [ -n "${first_pid[$subject]}" ] || continue
    config=$(bench_config "$subject" "${home[$subject]}" idlers idle 10)
    if out=$(bench_start_online "$subject" "${home[$subject]}" "$config" 10); then
      listed[$subject]=1
      bench_list_args "$subject"
      bench_exec "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}" || true # warm-up, untimed
    else
      bench_note "$s" "$subject: the 10 apps were not all online ($out); no listing runs."
    fi
  done

  for ((i = 1; i <= BENCH_RUNS; i++)); do
    for subject in "${BENCH_SUBJECTS[@]}"; do
      [ -n "${listed[$subject]:-}" ] || continue
      bench_list_args "$subject"
      bench_measure "$s" list-10 "$subject" "${home[$subject]}" "${BENCH_ARGS[@]}" || true
    done
  done

  for subject in "${BENCH_SUBJECTS[@]}"; do
    if [ -n "${first_pid[$subject]}" ]; then
      pid=$(bench_daemon_pid "$subject" "${home[$subject]}") || pid=none
      [ "$pid" = "${first_pid[$subject]}" ] ||
        bench_note "$s" "$subject: the daemon changed during the scenario (pid ${first_pid[$subject]} → $pid): some runs may include a daemon start."
    fi
    bench_stop_daemon "$subject" "${home[$subject]}" --force
  done
}
