using System.Text.Json;
using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Rpc;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Rpc;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.Shared;

namespace OpenDaemon.Plugins.AutoScale;

/// <summary>
/// The <c>autoscaler</c> plugin (spec §3.5 auto-scaling): scales apps with <c>cluster.autoScale</c> on the metrics
/// collector's passes (<see cref="AutoScaler"/>) and answers <c>autoscale.list</c> (<c>od info</c>).
/// </summary>
/// <remarks>
/// It depends on the process manager (installs after it, stops before it, so no scaling runs into a shutdown)
/// and reads the metrics collector through <see cref="IMetricsPasses"/>; with the collector disabled it stays
/// and says so in <c>autoscale.list</c> instead of scaling.
/// </remarks>
public sealed class AutoScalerPlugin : IPlugin
{
    private AutoScaler? _scaler;
    private IDisposable? _passes;

    /// <inheritdoc />
    public string Name => PluginNames.AutoScaler;

    /// <inheritdoc />
    public string Version => ProductInfo.Version;

    /// <inheritdoc />
    public string Description => "Scales apps with cluster.autoScale on CPU, memory, event-loop latency or a custom gauge";

    /// <inheritdoc />
    public int Priority => 40;

    /// <inheritdoc />
    public IReadOnlyList<string> Dependencies => [PluginNames.ProcessManager];

    /// <inheritdoc />
    public ValueTask InstallAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        var manager = context.GetPlugin<IProcessManager>(PluginNames.ProcessManager)
            ?? throw new InvalidOperationException("the process-manager plugin is not running");
        var metrics = context.GetPlugin<IMetricsPasses>(PluginNames.Metrics);
        var scaler = new AutoScaler(manager, context.Events, context.TimeProvider, context.Logger)
        {
            Unavailable = metrics is null ? "the metrics-collector plugin is disabled: autoscaling needs its figures" : null,
        };
        _scaler = scaler;
        _passes = metrics?.Subscribe(scaler.OnPass);
        RpcParameters.Register(context, RpcMethods.AutoScaleList, () => ContractsJsonContext.Default.AutoScaleList, (call, _) =>
        {
            // Optional targets, as watch.list: absent, null or {} list every autoscaled app.
            RpcParameterReader.ReadNone(call);
            var names = call.Params is { ValueKind: JsonValueKind.Object } parameters && parameters.TryGetProperty("targets", out JsonElement _)
                ? RpcParameters.Read(call, ContractsJsonContext.Default.ProcessTargetParams, "{\"targets\":[\"name\"]}").Targets.Where(n => n != "all").ToHashSet(StringComparer.Ordinal)
                : null;
            return Task.FromResult(scaler.List(names));
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask StopAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _passes, null)?.Dispose();
        if (Interlocked.Exchange(ref _scaler, null) is { } scaler)
        {
            await scaler.DisposeAsync().ConfigureAwait(false);
        }
    }
}
