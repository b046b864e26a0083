using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Plugins.LogManager;
using OpenDaemon.Plugins.ProcessManager;

namespace OpenDaemon.Plugins;

/// <summary>
/// The plugins every daemon registers. Each feature issue adds its plugin here
/// (process-manager, log-manager, health-check, ...); the kernel orders them by dependencies.
/// </summary>
public static class BuiltInPlugins
{
    /// <summary>New instances of every built-in plugin.</summary>
    /// <param name="processManager">The process manager's settings.</param>
    /// <param name="auditDirectory">Where the audit log goes; by default <c>audit/</c> beside dump.json (in OD_HOME).</param>
    public static IReadOnlyList<IPlugin> Create(ProcessManagerSettings processManager, string? auditDirectory = null) =>
        [new Audit.AuditPlugin(auditDirectory ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(processManager.DumpPath))!, "audit")), new LogManagerPlugin(processManager.LogDirectory), new HealthCheck.HealthCheckPlugin(), new ProcessManagerPlugin(processManager), new Scheduler.SchedulerPlugin(), new Metrics.MetricsPlugin(processManager.RuntimeMetrics?.SocketPath), new AutoScale.AutoScalerPlugin(), new Watch.WatcherPlugin()];
}
