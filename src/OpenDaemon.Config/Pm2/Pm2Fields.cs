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
        ["max_memory_restart"] = "maxMemory",
        ["cron_restart"] = "cron",
        ["kill_timeout"] = "killTimeout",
        ["error_file"] = "errorLogFile",
        ["err_file"] = "errorLogFile",
        ["out_file"] = "logFile",
        ["merge_logs"] = "mergeLogs",
        ["combine_logs"] = "mergeLogs",
        ["min_uptime"] = "minUptime",
        ["max_restarts"] = "maxRestarts",
        ["restart_delay"] = "restartDelay",
        ["autorestart"] = "autoRestart",
        ["exec_interpreter"] = "interpreter",
        ["interpreter_args"] = "interpreterArgs",
        ["node_args"] = "interpreterArgs",
        ["wait_ready"] = "waitReady",
        ["listen_timeout"] = "listenTimeout",
        ["exec_mode"] = "mode",
        ["kill_signal"] = "stopSignal",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>PM2 fields OpenDaemon ignores, with what to do instead where there is something.</summary>
    public static readonly FrozenDictionary<string, string> Unsupported = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["log_file"] = "stdout and stderr go to 'logFile' and 'errorLogFile'; set 'mergeLogs' to combine",
        ["pid_file"] = "OpenDaemon tracks PIDs itself (`od info <name>`)",
        ["increment_var"] = "read the instance number from NODE_APP_INSTANCE",
        ["instance_var"] = "the instance number is always in NODE_APP_INSTANCE",
        ["filter_env"] = "list the variables you want in 'env'",
        ["append_env_to_name"] = string.Empty,
        ["appendEnvToName"] = string.Empty,
        ["stop_exit_codes"] = "use autoRestart: \"on-failure\"",
        ["shutdown_with_message"] = "apps receive 'stopSignal' (default SIGINT)",
        ["kill_retry_time"] = string.Empty,
        ["force"] = string.Empty,
        ["vizion"] = string.Empty,
        ["post_update"] = string.Empty,
        ["source_map_support"] = string.Empty,
        ["disable_source_map_support"] = string.Empty,
        ["treekill"] = "OpenDaemon always stops the whole process group",
        ["autostart"] = string.Empty,
        ["pmx"] = string.Empty,
        ["automation"] = string.Empty,
        ["watch_options"] = "use 'watch.ignore' and 'watch.delay'",
        ["log_type"] = "drop it: logs are JSON lines by default (logs.format: json|text)",
        ["windowsHide"] = string.Empty,
        ["user"] = "use 'uid'",
        ["version"] = string.Empty,
        ["exec_command"] = string.Empty,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
