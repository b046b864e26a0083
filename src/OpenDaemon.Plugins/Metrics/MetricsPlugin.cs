using System.Text.Json;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.Metrics.Collection;
using OpenDaemon.Plugins.Metrics.Export;
using OpenDaemon.Plugins.Metrics.Runtime;

namespace OpenDaemon.Plugins.Metrics;

/// <summary>
/// The <c>metrics-collector</c> plugin (spec §3.4): samples every instance's whole process tree and the
/// machine at an interval, keeps an hour of history in fixed rings, answers <c>metric.*</c>, and exports
/// to Prometheus (its own listener), StatsD and OTLP when configured in <c>plugins.metrics-collector</c>.
/// </summary>
/// <remarks>
/// It reads the process manager through <see cref="IProcessManager.Statuses"/> at each pass and does not
/// depend on it: without it, only the machine's figures are collected.
/// </remarks>
/// <param name="runtimeSocketPath">Where Node apps' preload reports (the process manager's <c>RuntimeMetrics</c> channel); null: no runtime metrics.</param>
public sealed class MetricsPlugin(string? runtimeSocketPath = null) : IPlugin, IMetricsExporters, IMetricsPasses
{
    /// <summary>The plugin's name (the key of its config section).</summary>
    public const string PluginName = PluginNames.Metrics;

    private MetricsCollector? _collector;
    private RuntimeReportListener? _runtime;
    private PrometheusListener? _listener;
    private IReadOnlyList<PushLoop> _exporters = [];
    private PassSubscribers? _passes;

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public string Version => Contracts.ProductInfo.Version;

    /// <inheritdoc />
    public string Description => "Collects CPU, memory, fds, threads and I/O of every app and the machine; exports Prometheus, StatsD, OTLP";

    /// <summary>Installs after the process manager, which it reads at each pass.</summary>
    public int Priority => 50;

    /// <inheritdoc />
    public IReadOnlyList<string> ValidateConfig(JsonElement config)
    {
        var problems = new List<string>();
        _ = MetricsSettingsReader.Read(config, problems);
        return problems;
    }

    /// <inheritdoc />
    public ValueTask InstallAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        var settings = MetricsSettingsReader.Read(context.PluginConfig, []);
        Func<IProcessManager?> processes = () => context.GetPlugin<IProcessManager>(PluginNames.ProcessManager);
        List<PushLoop> exporters = [];
        if (settings.Statsd is { } statsd)
        {
            exporters.Add(new StatsdExporter(statsd, context.TimeProvider, context.Logger));
        }

        if (settings.Otlp is { } otlp)
        {
            exporters.Add(new OtlpExporter(otlp, context.TimeProvider, context.Logger));
        }

        _exporters = exporters;
        MetricsQueries? queries = null; // the snapshot event reads the collector's latest pass, as metric.snapshot does
        Func<Contracts.Metrics.MetricSnapshot> snapshot = () => queries!.Snapshot(new Contracts.Metrics.MetricQueryParams());
        _passes = new PassSubscribers(snapshot);
        _collector = new MetricsCollector(settings, processes, context.TimeProvider, context.Logger, [.. exporters, new SnapshotEvents(context.Events, snapshot), _passes])
        {
            Reported = () => _runtime?.BySession(),
        };
        queries = new MetricsQueries(_collector, processes);
        MetricsRpcMethods.Register(context, queries);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask StartAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        var collector = _collector ?? throw new InvalidOperationException("the metrics collector has not been installed");
        foreach (var exporter in _exporters)
        {
            exporter.Start();
        }

        if (runtimeSocketPath is not null)
        {
            _runtime = RuntimeReportListener.Start(runtimeSocketPath, collector.Settings.Interval, context.Logger);
        }

        collector.Start();
        if (collector.Settings.PrometheusListen is { } endPoint)
        {
            _listener = PrometheusListener.Start(endPoint, new MetricsQueries(collector, () => context.GetPlugin<IProcessManager>(PluginNames.ProcessManager)), context.Logger);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask StopAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _listener, null) is { } listener)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        // The collector disposes its sinks (the exporters) after its loop has ended.
        if (Interlocked.Exchange(ref _collector, null) is { } collector)
        {
            await collector.DisposeAsync().ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _runtime, null) is { } runtime)
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
        }

        _exporters = [];
    }

    /// <inheritdoc />
    public IReadOnlyList<Contracts.Metrics.ExporterStatus> ExporterStatuses() => [.. _exporters.Select(exporter => exporter.Health.Status())];

    /// <inheritdoc />
    public IDisposable Subscribe(Action<Contracts.Metrics.MetricSnapshot> onPass) =>
        (_passes ?? throw new InvalidOperationException("the metrics collector has not been installed")).Subscribe(onPass);
}
