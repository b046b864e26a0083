#!/usr/bin/env python3
"""Writes one set of apps as the configuration file of one manager, so every scenario describes its
apps once and every manager runs the same programs.

Usage: appconf.py --kind od|pm2|sup --out FILE [--logdir DIR] --group NAME PRESET ARGS...

PRESET names the apps of a scenario (bench/tools/ holds their programs):
  idle N [FIRST]        N idlers sleep-NNNN (from FIRST, default 0): `sleep 100000`, run directly
  http PORT...          one Node HTTP hello per port, http-NN (tools/http_app.js, env PORT)
  spam N LINES DIR      N Node log spammers, spam-NN, each printing LINES lines then exiting
                        (tools/log_spam.js; no restart); each writes its start time into DIR
  burst LINES RATE DIR  one Node app, burst-00, printing LINES lines at RATE lines/s then exiting
                        (tools/log_burst.js; no restart); writes its start time into DIR as spam does
  crash PYTHON LOG      the respawn app: PYTHON -S tools/crash_app.py LOG, restart delay 0
  crash-exec PROGRAM LOG  the same without an interpreter: PROGRAM LOG (the compiled
                        tools/crash_exec.c), same name and restart settings
  json                  the apps as JSON on stdin: {"apps": [APP, ...]}

An APP has
  name         unique name
  script       a path: the program itself (interpreter "none") or a Node script (interpreter "node")
  args         list of strings (default [])
  interpreter  "none" (exec directly) or "node" (default "none")
  env          object of strings (default {})
  autorestart  true (restart whatever the exit) or false (default true)
  od, pm2, sup objects of extra keys for one manager only (e.g. restart delay settings)

Output, per kind:
  od   an opendaemon YAML file (apps: ...). Node scripts: `interpreter: node`.
  pm2  an ecosystem file (module.exports = {apps: [...]}). Node scripts run the way `pm2 start
       app.js` runs them (PM2's fork-mode container); others with `interpreter: "none"`.
  sup  a supervisord include file: one [group:NAME] holding a [program:x] per app, so one
       `supervisorctl update` adds (and starts) the whole set, as `od start FILE` / `pm2 start FILE`
       do. `startsecs=0` (RUNNING at once, like od and PM2's `online`; no backoff on quick exits),
       stdout/stderr to DIR/<name>-out.log and DIR/<name>-error.log with rotation off
       (`*_logfile_maxbytes=0`). Node scripts: `command=<node> script args`.
"""

import argparse
import json
import os
import shlex
import shutil
import sys


def yaml_scalar(value) -> str:
    # JSON strings, numbers and booleans are valid YAML flow scalars.
    return json.dumps(value)


def write_od(spec: dict, out) -> None:
    out.write("apps:\n")
    for app in spec["apps"]:
        out.write(f"  - name: {yaml_scalar(app['name'])}\n")
        out.write(f"    script: {yaml_scalar(app['script'])}\n")
        if app.get("args"):
            out.write(f"    args: {json.dumps(app['args'])}\n")
        out.write(f"    interpreter: {app.get('interpreter', 'none')}\n")
        out.write(f"    autoRestart: {'always' if app.get('autorestart', True) else 'never'}\n")
        if app.get("env"):
            out.write(f"    env: {json.dumps(app['env'])}\n")
        for key, value in app.get("od", {}).items():
            out.write(f"    {key}: {yaml_scalar(value)}\n")


def write_pm2(spec: dict, out) -> None:
    apps = []
    for app in spec["apps"]:
        entry = {"name": app["name"], "script": app["script"]}
        if app.get("args"):
            entry["args"] = app["args"]
        if app.get("interpreter", "none") == "none":
            entry["interpreter"] = "none"
        entry["autorestart"] = bool(app.get("autorestart", True))
        if app.get("env"):
            entry["env"] = app["env"]
        entry.update(app.get("pm2", {}))
        apps.append(entry)
    out.write("module.exports = " + json.dumps({"apps": apps}, indent=1) + ";\n")


def sup_value(text: str) -> str:
    # supervisord reads its files with ConfigParser interpolation: a literal % is %%.
    return text.replace("%", "%%")


def write_sup(spec: dict, out, logdir: str, node: str) -> None:
    apps = spec["apps"]
    out.write(f"[group:{spec['group']}]\nprograms={','.join(app['name'] for app in apps)}\n\n")
    for app in apps:
        argv = [app["script"], *app.get("args", [])]
        if app.get("interpreter", "none") == "node":
            argv = [node, *argv]
        lines = {
            "command": sup_value(shlex.join(argv)),
            "autostart": "true",
            "autorestart": "true" if app.get("autorestart", True) else "false",
            "startsecs": "0",
            "stdout_logfile": sup_value(f"{logdir}/{app['name']}-out.log"),
            "stderr_logfile": sup_value(f"{logdir}/{app['name']}-error.log"),
            "stdout_logfile_maxbytes": "0",
            "stderr_logfile_maxbytes": "0",
        }
        if app.get("env"):
            lines["environment"] = sup_value(",".join(f'{key}="{value}"' for key, value in app["env"].items()))
        lines.update({key: str(value) for key, value in app.get("sup", {}).items()})
        out.write(f"[program:{app['name']}]\n")
        for key, value in lines.items():
            out.write(f"{key}={value}\n")
        out.write("\n")


TOOLS = os.path.dirname(os.path.abspath(__file__))


def preset(name: str, args: list[str]) -> list[dict]:
    if name == "idle":
        count, first = int(args[0]), int(args[1]) if len(args) > 1 else 0
        sleep = shutil.which("sleep") or "/bin/sleep"
        return [{"name": f"sleep-{i:04d}", "script": sleep, "args": ["100000"]} for i in range(first, first + count)]
    if name == "http":
        return [{"name": f"http-{i:02d}", "script": f"{TOOLS}/http_app.js", "interpreter": "node",
                 "env": {"PORT": port}} for i, port in enumerate(args)]
    if name == "spam":
        count, lines, stamps = int(args[0]), args[1], args[2]
        # od rotates at 10 MB and keeps 10 files by default: 1,000,000 JSON lines are ~17 files, so
        # the oldest would be deleted by design. Rotation stays on (its cost is part of the figure)
        # but nothing is deleted, as supervisord's rotation is off and PM2 has none.
        return [{"name": f"spam-{i:02d}", "script": f"{TOOLS}/log_spam.js", "args": [lines, str(i), stamps],
                 "interpreter": "node", "autorestart": False,
                 "od": {"logs": {"logHistory": "10G", "rotation": {"maxFiles": 1000}}}} for i in range(count)]
    if name == "burst":
        lines, rate, stamps = args
        return [{"name": "burst-00", "script": f"{TOOLS}/log_burst.js", "args": [lines, rate, "0", stamps],
                 "interpreter": "node", "autorestart": False}]
    if name in ("crash", "crash-exec"):
        program, log = args
        argv = ["-S", f"{TOOLS}/crash_app.py", log] if name == "crash" else [log]
        return [{
            "name": "crash", "script": program, "args": argv,
            "od": {"restartStrategy": "fixed", "restartDelay": 0, "maxRestarts": 100000, "minUptime": "100ms"},
            "pm2": {"restart_delay": 0, "max_restarts": 100000, "min_uptime": 100},
        }]
    if name == "json":
        return json.load(sys.stdin)["apps"]
    raise SystemExit(f"appconf: unknown preset {name!r}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=("od", "pm2", "sup"), required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--logdir", default="")
    parser.add_argument("--group", required=True)
    parser.add_argument("preset")
    parser.add_argument("args", nargs="*")
    args = parser.parse_args()
    spec = {"group": args.group, "apps": preset(args.preset, args.args)}
    with open(args.out, "w") as out:
        if args.kind == "od":
            write_od(spec, out)
        elif args.kind == "pm2":
            write_pm2(spec, out)
        else:
            if not args.logdir:
                parser.error("--logdir is required for sup")
            node = shutil.which("node") or "node"
            write_sup(spec, out, args.logdir, node)
    return 0


if __name__ == "__main__":
    sys.exit(main())
