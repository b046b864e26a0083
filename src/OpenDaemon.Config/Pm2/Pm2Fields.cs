using System.Collections.Frozen;

namespace OpenDaemon.Config.Pm2;

/// <summary>
/// PM2 ecosystem field names and what becomes of them. Renames are plain key moves; fields with
/// value changes are handled in <see cref="Pm2Translator"/>; the rest are ignored with a warning.
/// docs/configuration.md has the same table for users.
/// </summary>
internal static class Pm2Fields
{
    /// <summary>PM2 name → our name, same value syntax (our units already accept PM2's "150M", "1m", ms numbers).</summary>
    public static readonly FrozenDictionary<string, string> Renames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // PM2's aliases of script (schema.json 'exec'; Common.verifyConfs 'cmd' and 'command').
        ["cmd"] = "script",
        ["command"] = "script",
        ["exec"] = "script",
        ["max_memory_restart"] = "maxMemory",
        ["cron_restart"] = "cron",
        ["kill_timeout"] = "killTimeout",
        ["error_file"] = "errorLogFile",
        ["err_file"] = "errorLogFile",
        ["err"] = "errorLogFile",
        ["error"] = "errorLogFile",
        ["err_log"] = "errorLogFile",
        ["out_file"] = "logFile",
        ["out"] = "logFile",
        ["output"] = "logFile",
        ["out_log"] = "logFile",
        ["log"] = "combinedLogFile",
        ["log_file"] = "combinedLogFile",
        ["pid_file"] = "pidFile",
        ["pid"] = "pidFile",
        ["instance_var"] = "instanceVar",
        ["shutdown_with_message"] = "shutdownWithMessage",
        ["user"] = "uid",
        ["merge_logs"] = "mergeLogs",
        ["combine_logs"] = "mergeLogs",
        ["min_uptime"] = "minUptime",
        ["max_restarts"] = "maxRestarts",
        ["restart_delay"] = "restartDelay",
        ["autorestart"] = "autoRestart",
        ["exec_interpreter"] = "interpreter",
        ["interpreter_args"] = "interpreterArgs",
        ["node_args"] = "interpreterArgs",
        ["interpreter_args"] = "interpreterArgs",
        ["wait_ready"] = "waitReady",
        ["listen_timeout"] = "listenTimeout",
        ["exec_mode"] = "mode",
        ["kill_signal"] = "stopSignal",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>PM2 fields whose value is reshaped by <see cref="Pm2Translator"/> (not plain renames).</summary>
    public static readonly FrozenSet<string> Reshaped = new[]
    {
        "ignore_watch", "watch_delay", "log_date_format", "time", "exp_backoff_restart_delay", "execute_command",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>PM2 fields OpenDaemon ignores, with what to do instead where there is something.</summary>
    public static readonly FrozenDictionary<string, string> Unsupported = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["increment_var"] = "read the instance number from NODE_APP_INSTANCE (or the variable 'instance_var' names)",
        ["filter_env"] = "list the variables you want in 'env'",
        ["append_env_to_name"] = string.Empty,
        ["appendEnvToName"] = string.Empty,
        ["stop_exit_codes"] = "use autoRestart: \"on-failure\"",
        ["kill_retry_time"] = string.Empty,
        ["force"] = string.Empty,
        ["vizion"] = string.Empty,
        ["post_update"] = string.Empty,
        ["source_map_support"] = "add --enable-source-maps to 'node_args'",
        ["disable_source_map_support"] = "source maps are off unless 'node_args' has --enable-source-maps",
        ["treekill"] = "OpenDaemon always stops the whole process group",
        ["autostart"] = "every app of the file starts; use `od start <file> --only <names>` to start some",
        ["pmx"] = "PM2 Plus monitoring",
        ["automation"] = "PM2 Plus monitoring",
        ["trace"] = "PM2 Plus transaction tracing",
        ["disable_trace"] = "PM2 Plus transaction tracing",
        ["v8"] = "PM2 Plus monitoring",
        ["event_loop_inspector"] = "PM2 Plus monitoring",
        ["deep_monitoring"] = "PM2 Plus monitoring",
        ["io"] = "PM2 Plus settings",
        ["name_prefix"] = "set 'name'",
        ["install_url"] = string.Empty,
        ["disable_logs"] = "set 'logFile' and 'errorLogFile' to /dev/null",
        ["username"] = "use 'uid' to choose the user",
        ["write"] = string.Empty,
        ["watch_options"] = "use 'watch.ignore' and 'watch.delay'",
        ["log_type"] = "drop it: logs are JSON lines by default (logs.format: json|text)",
        ["windowsHide"] = string.Empty,
        ["version"] = string.Empty,
        ["exec_command"] = string.Empty,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
