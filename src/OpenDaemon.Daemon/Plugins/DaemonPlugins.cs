using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Model;
using OpenDaemon.Ipc.Paths;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Plugins;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.Metrics.Runtime;
using OpenDaemon.Plugins.ProcessManager;

namespace OpenDaemon.Daemon.Plugins;

/// <summary>
/// Builds the daemon's plugin host: the built-in plugins (and a test's extra ones) with the settings
/// the daemon's options and paths give them, minus those disabled by <c>od plugin disable</c> or
/// <c>plugins.&lt;name&gt;: false</c>, and the <c>plugin.*</c> RPC methods.
/// </summary>
internal static class DaemonPlugins
{
    public static PluginHost Create(DaemonHostOptions options, DaemonPaths paths, OpenDaemonConfig config, RpcMethodRegistry methods, ILoggerFactory loggerFactory)
    {
        var home = options.Environment.Home;
        var disabled = new DisabledPluginsFile(Path.Combine(home, "state", "disabled-plugins.json"));

        // `plugins: { name: false }` disables at start-up on top of what `od plugin disable` saved.
        var disabledPlugins = disabled.Load();
        disabledPlugins.UnionWith(DaemonConfigFile.DisabledPlugins(config));
        var plugins = new PluginHost(new PluginHostOptions
        {
            Config = config,
            StateDirectory = Path.Combine(home, "state"),
            Methods = methods,
            LoggerFactory = loggerFactory,
            TimeProvider = options.TimeProvider,
            Breaker = options.Breaker,
            DisabledPlugins = disabledPlugins,
        });
        var metricsRuns = !disabledPlugins.Contains(PluginNames.Metrics);
        foreach (var plugin in BuiltInPlugins.Create(ProcessManagerSettings(options, paths, metricsRuns), Path.Combine(home, "audit")).Concat(options.ExtraPlugins))
        {
            plugins.Register(plugin);
        }

        PluginRpcMethods.Register(methods, plugins, disabled);
        return plugins;
    }

    private static ProcessManagerSettings ProcessManagerSettings(DaemonHostOptions options, DaemonPaths paths, bool metricsRuns) => new()
    {
        LogDirectory = options.AppLogDirectory ?? Path.Combine(options.Environment.Home, "logs"),
        DumpPath = Path.Combine(options.Environment.Home, "dump.json"),
        // Next to the daemon's socket: a short path in a 0700 directory (socket paths are limited to 108 bytes).
        NotifyDirectory = Path.Combine(paths.RuntimeDirectory, "notify"),
        ShimExecutable = options.ShimExecutable,
        RunStateDirectory = Path.Combine(options.Environment.Home, "state", "running"),
        NodePreloadPath = Path.Combine(options.Environment.Home, "state", "cluster-preload.cjs"),
        // Node apps report heap, event loop and GC to the metrics plugin, next to the notify sockets.
        RuntimeMetrics = metricsRuns
            ? new RuntimeMetricsChannel(Path.Combine(options.Environment.Home, "state", "runtime-preload.cjs"), Path.Combine(paths.RuntimeDirectory, "runtime.sock"))
            : null,
        UseCgroups = !string.Equals(Environment.GetEnvironmentVariable("OD_CGROUPS"), "off", StringComparison.OrdinalIgnoreCase),
        RequestProxy = new ClusterProxy.RequestProxyHost(),
    };
}
