namespace OpenDaemon.Contracts.Rpc;

/// <summary>Names of the JSON-RPC methods the daemon answers (spec §5.4).</summary>
public static class RpcMethods
{
    /// <summary>Cheap liveness probe; returns <see cref="Daemon.PingResult"/>.</summary>
    public const string DaemonPing = "daemon.ping";

    /// <summary>Version information; returns <see cref="Daemon.VersionInfo"/>.</summary>
    public const string DaemonVersion = "daemon.version";

    /// <summary>Daemon health and resource use; returns <see cref="Daemon.DaemonStatusInfo"/>.</summary>
    public const string DaemonStatus = "daemon.status";

    /// <summary>Graceful shutdown; answers first, then stops.</summary>
    public const string DaemonShutdown = "daemon.shutdown";

    /// <summary>Re-reads the configuration file and applies the difference; returns <see cref="Config.ConfigReloadResult"/>.</summary>
    public const string DaemonReload = "daemon.reload";

    /// <summary>Every plugin with its state; returns <see cref="Plugins.PluginList"/>.</summary>
    public const string PluginList = "plugin.list";

    /// <summary>One plugin; takes <see cref="Plugins.PluginNameParams"/>, returns <see cref="Plugins.PluginSummary"/>.</summary>
    public const string PluginInfo = "plugin.info";

    /// <summary>Starts a disabled plugin; takes <see cref="Plugins.PluginNameParams"/>, returns <see cref="Plugins.PluginSummary"/>.</summary>
    public const string PluginEnable = "plugin.enable";

    /// <summary>Stops a plugin and refuses its methods; takes <see cref="Plugins.PluginNameParams"/>, returns <see cref="Plugins.PluginSummary"/>.</summary>
    public const string PluginDisable = "plugin.disable";

    /// <summary>Start a script, the apps of a config file, or a known app.</summary>
    public const string ProcessStart = "process.start";

    /// <summary>Stop instances (no automatic restart follows).</summary>
    public const string ProcessStop = "process.stop";

    /// <summary>Restart instances.</summary>
    public const string ProcessRestart = "process.restart";

    /// <summary>Stop and forget instances.</summary>
    public const string ProcessDelete = "process.delete";

    /// <summary>The process table.</summary>
    public const string ProcessList = "process.list";

    /// <summary>Details of one instance.</summary>
    public const string ProcessInfo = "process.info";

    /// <summary>The environment of an app, secrets masked.</summary>
    public const string ProcessEnv = "process.env";

    /// <summary>Set one environment variable of an app (used from the next restart).</summary>
    public const string ProcessSet = "process.set";

    /// <summary>Write the process list to dump.json.</summary>
    public const string ProcessSave = "process.save";

    /// <summary>Start the apps of dump.json.</summary>
    public const string ProcessResurrect = "process.resurrect";

    /// <summary>Send a signal to the main process of instances; takes <see cref="Processes.ProcessSignalParams"/>.</summary>
    public const string ProcessSignal = "process.signal";

    /// <summary>Set the restart counters of instances back to 0 (PM2 <c>reset</c>).</summary>
    public const string ProcessReset = "process.reset";

    /// <summary>Empty dump.json (PM2 <c>cleardump</c>); returns <see cref="Processes.ProcessSaveResult"/>.</summary>
    public const string ProcessClearDump = "process.clearDump";

    /// <summary>Recent log entries of some or all apps, current and rotated files, with filters.</summary>
    public const string LogSearch = "log.search";

    /// <summary>Follows log entries as they are captured (binary frames on the connection).</summary>
    public const string LogStream = "log.stream";

    /// <summary>Ends a <see cref="LogStream"/> stream.</summary>
    public const string LogUnstream = "log.unstream";

    /// <summary>Writes buffered log lines to disk now.</summary>
    public const string LogFlush = "log.flush";

    /// <summary>Empties the current log files of some or all apps (PM2 <c>flush</c>); takes <see cref="Logs.LogFlushParams"/>.</summary>
    public const string LogTruncate = "log.truncate";

    /// <summary>Closes and reopens the log files (PM2 <c>reloadLogs</c>, after an outside logrotate); takes <see cref="Logs.LogFlushParams"/>.</summary>
    public const string LogReopen = "log.reopen";
}
