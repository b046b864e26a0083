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
    public static IReadOnlyList<IPlugin> Create(ProcessManagerSettings processManager) =>
        [new LogManagerPlugin(processManager.LogDirectory), new HealthCheck.HealthCheckPlugin(), new ProcessManagerPlugin(processManager)];
}
