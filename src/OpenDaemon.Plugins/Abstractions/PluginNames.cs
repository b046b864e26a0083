namespace OpenDaemon.Plugins.Abstractions;

/// <summary>
/// The names the built-in plugins register under, so that one plugin can ask the kernel for another's
/// published interface (<c>GetPlugin&lt;IOutputCapture&gt;(PluginNames.LogManager)</c>) without
/// referring to that plugin's front door.
/// </summary>
public static class PluginNames
{
    /// <summary>The <c>process-manager</c> plugin: publishes <see cref="IProcessManager"/>.</summary>
    public const string ProcessManager = "process-manager";

    /// <summary>The <c>log-manager</c> plugin: publishes <see cref="IOutputCapture"/>.</summary>
    public const string LogManager = "log-manager";

    /// <summary>The <c>health-check</c> plugin: publishes <see cref="IHealthMonitor"/>.</summary>
    public const string HealthCheck = "health-check";

    /// <summary>The <c>metrics-collector</c> plugin (spec §3.4).</summary>
    public const string Metrics = "metrics-collector";
    /// <summary>The <c>scheduler</c> plugin: cron schedules (publishes nothing; others reach it through <c>schedule.*</c> RPCs).</summary>
    public const string Scheduler = "scheduler";

    /// <summary>The watch-mode plugin (spec §3.10).</summary>
    public const string Watcher = "watcher";

    /// <summary>The <c>autoscaler</c> plugin (spec §3.5 auto-scaling): publishes nothing; others reach it through <c>autoscale.list</c>.</summary>
    public const string AutoScaler = "autoscaler";

    /// <summary>The <c>audit-logger</c> plugin (spec §3.13): publishes <see cref="IAuditLog"/>.</summary>
    public const string AuditLogger = "audit-logger";
}
