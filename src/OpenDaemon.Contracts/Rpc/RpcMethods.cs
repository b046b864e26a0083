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

    /// <summary>Pushes matching events as <c>event</c> notifications on this connection; takes <see cref="Events.EventSubscribeParams"/>, returns <see cref="Events.EventSubscription"/>.</summary>
    public const string EventSubscribe = "event.subscribe";

    /// <summary>Ends an <see cref="EventSubscribe"/> subscription; takes <see cref="Events.EventUnsubscribeParams"/>, returns <see cref="Events.EventUnsubscribeResult"/>.</summary>
    public const string EventUnsubscribe = "event.unsubscribe";

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

    /// <summary>Zero-downtime reload, one instance at a time (fork-mode apps are restarted); takes <see cref="Processes.ProcessTargetParams"/>.</summary>
    public const string ProcessReload = "process.reload";

    /// <summary>Change an app's instance count in place; takes <see cref="Processes.ProcessScaleParams"/>.</summary>
    public const string ProcessScale = "process.scale";

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

    /// <summary>The dependency graph with each app's state (<c>od graph</c>); returns <see cref="Processes.DependencyGraphInfo"/>.</summary>
    public const string ProcessGraph = "process.graph";

    /// <summary>Every app with a cron schedule, its next runs and its last runs (<c>od cron</c>); takes optional <see cref="Processes.ProcessTargetParams"/>, returns <see cref="Scheduling.ScheduleList"/>.</summary>
    public const string ScheduleList = "schedule.list";

    /// <summary>Every app with <c>watch</c> and its watcher's state (<c>od info</c>); takes optional <see cref="Processes.ProcessTargetParams"/>, returns <see cref="Watch.WatchList"/>.</summary>
    public const string WatchList = "watch.list";

    /// <summary>Every app with <c>cluster.autoScale</c>, its metrics against the thresholds and its last decisions (<c>od info</c>); takes optional <see cref="Processes.ProcessTargetParams"/>, returns <see cref="Scaling.AutoScaleList"/>.</summary>
    public const string AutoScaleList = "autoscale.list";

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

    /// <summary>The latest metrics pass; takes <see cref="Metrics.MetricQueryParams"/>, returns <see cref="Metrics.MetricSnapshot"/>.</summary>
    public const string MetricSnapshot = "metric.snapshot";

    /// <summary>Metrics history with range and step; takes <see cref="Metrics.MetricQueryParams"/>, returns <see cref="Metrics.MetricHistory"/>.</summary>
    public const string MetricHistory = "metric.history";

    /// <summary>The latest pass as Prometheus text; takes <see cref="Metrics.MetricQueryParams"/>, returns <see cref="Metrics.MetricExposition"/>.</summary>
    public const string MetricExposition = "metric.exposition";

    /// <summary>The newest audit entries matching filters; takes <see cref="Audit.AuditSearchParams"/>, returns <see cref="Audit.AuditSearchResult"/>.</summary>
    public const string AuditSearch = "audit.search";

    /// <summary>Walks the audit log's hash chain; returns <see cref="Audit.AuditVerifyResult"/>.</summary>
    public const string AuditVerify = "audit.verify";

    /// <summary>Follows new audit entries (binary frames on the connection); takes <see cref="Audit.AuditStreamParams"/>, returns <see cref="Audit.AuditStreamStarted"/>.</summary>
    public const string AuditStream = "audit.stream";

    /// <summary>Ends an <see cref="AuditStream"/> stream; takes <see cref="Audit.AuditUnstreamParams"/>.</summary>
    public const string AuditUnstream = "audit.unstream";
}
