using OpenDaemon.Config;
using OpenDaemon.Config.Model;
using OpenDaemon.Daemon.Plugins;
using OpenDaemon.Hosting.Health;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Plugins;
using OpenDaemon.Plugins.ProcessManager;

namespace OpenDaemon.Daemon;

// The kernel side of the host: configuration, plugins, and their part of the self-checks.
public sealed partial class DaemonHost
{
    private PluginHost? _plugins;
    private ConfigLoadResult? _loaded;

    /// <summary>The running plugins (null before start).</summary>
    internal PluginHost? Plugins => _plugins;

    private async Task StartPluginsAsync(CancellationToken cancellationToken)
    {
        var config = _loaded?.Config ?? OpenDaemonConfig.Empty;
        _configPath = _options.ConfigPath;
        _config = config;
        foreach (var warning in _loaded?.Warnings ?? [])
        {
            LogConfigWarning(_logger, warning.ToString());
        }

        var disabled = new DisabledPluginsFile(Path.Combine(_options.Environment.Home, "state", "disabled-plugins.json"));
        // `plugins: { name: false }` disables at start-up on top of what `od plugin disable` saved.
        var disabledPlugins = disabled.Load();
        disabledPlugins.UnionWith(DaemonConfigFile.DisabledPlugins(config));
        _plugins = new PluginHost(new PluginHostOptions
        {
            Config = config,
            StateDirectory = Path.Combine(_options.Environment.Home, "state"),
            Methods = _methods,
            LoggerFactory = _loggerFactory,
            TimeProvider = _options.TimeProvider,
            Breaker = _options.Breaker,
            DisabledPlugins = disabledPlugins,
        });
        foreach (var plugin in BuiltInPlugins.Create(ProcessManagerSettings()).Concat(_options.ExtraPlugins))
        {
            _plugins.Register(plugin);
        }

        PluginRpcMethods.Register(_methods, _plugins, disabled);
        // Registered after the IPC server's handler, so plugins stop first while the socket still answers.
        _lifecycle.OnShutdown(cancellationToken => _plugins.StopAsync(cancellationToken));
        await _plugins.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private ProcessManagerSettings ProcessManagerSettings() => new()
    {
        LogDirectory = _options.AppLogDirectory ?? Path.Combine(_options.Environment.Home, "logs"),
        DumpPath = Path.Combine(_options.Environment.Home, "dump.json"),
        // Next to the daemon's socket: a short path in a 0700 directory (socket paths are limited to 108 bytes).
        NotifyDirectory = Path.Combine(Paths.RuntimeDirectory, "notify"),
        ShimExecutable = _options.ShimExecutable,
        RunStateDirectory = Path.Combine(_options.Environment.Home, "state", "running"),
        UseCgroups = !string.Equals(Environment.GetEnvironmentVariable("OD_CGROUPS"), "off", StringComparison.OrdinalIgnoreCase),
    };

    private void RegisterKernelSelfChecks()
    {
        _selfChecks.Register(new HealthCheck("watchdog", _ =>
        {
            var status = _plugins?.Watchdog.Status;
            return Task.FromResult(status is null || status.Healthy
                ? HealthCheckResult.Pass()
                : HealthCheckResult.Fail($"kernel loop stalled for {(status.CurrentStall ?? status.LastLag).TotalSeconds:0.0}s ({status.StallCount} stalls since start)"));
        }));
        _selfChecks.Register(new HealthCheck("plugins", async cancellationToken =>
        {
            if (_plugins is null)
            {
                return HealthCheckResult.Pass();
            }

            var unhealthy = (await _plugins.CheckHealthAsync(cancellationToken).ConfigureAwait(false))
                .Where(plugin => !plugin.Value)
                .Select(plugin => plugin.Key)
                .ToList();
            return unhealthy.Count == 0
                ? HealthCheckResult.Pass()
                : HealthCheckResult.Fail($"unhealthy plugins: {string.Join(", ", unhealthy)}");
        }));
    }
}
