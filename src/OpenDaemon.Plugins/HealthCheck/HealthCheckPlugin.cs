using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.HealthCheck;

/// <summary>
/// The <c>health-check</c> plugin (spec §3.2): probes each instance that has a <c>healthCheck</c>
/// (process, http, https, tcp, script, command, grpc, composite, memory, cpu), publishes
/// <c>health:*</c> events, and reports to the process manager, which gates <c>online</c> on the first
/// healthy report and applies the restart and stop actions.
/// </summary>
/// <remarks>
/// It installs before the process manager (higher priority) without being a dependency of it: the
/// process manager asks for it at each spawn and runs apps without health checks when it is disabled.
/// </remarks>
public sealed class HealthCheckPlugin : IPlugin, IHealthMonitor
{
    /// <summary>The plugin's name, for <see cref="IPluginContext.GetPlugin{T}"/>.</summary>
    public const string PluginName = PluginNames.HealthCheck;

    private HealthMonitor? _monitor;

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public string Version => Contracts.ProductInfo.Version;

    /// <inheritdoc />
    public string Description => "Probes apps (http, tcp, grpc, scripts, memory, ...) and restarts or stops unhealthy ones";

    /// <inheritdoc />
    public int Priority => 110;

    /// <inheritdoc />
    public ValueTask InstallAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        _monitor = new HealthMonitor(context.TimeProvider, context.Events, context.Logger);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask StopAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        // Normally nothing is left: the process manager, stopped first, ends each watch with its run.
        if (Interlocked.Exchange(ref _monitor, null) is { } monitor)
        {
            await monitor.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public IAsyncDisposable Watch(HealthTarget target, Action<HealthReport> report) =>
        (_monitor ?? throw new InvalidOperationException("the health-check plugin is not running")).Watch(target, report);
}
