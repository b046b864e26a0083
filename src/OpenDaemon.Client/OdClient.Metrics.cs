using OpenDaemon.Contracts;
using OpenDaemon.Contracts.Metrics;
using OpenDaemon.Contracts.Rpc;

namespace OpenDaemon.Client;

// The metrics-collector methods (spec §5.4): the latest pass, history, and the Prometheus text.
public sealed partial class OdClient
{
    /// <summary>
    /// <c>metric.snapshot</c>: the latest pass of the named apps (all, with the machine's figures, when
    /// <paramref name="targets"/> is empty); PROCESS_NOT_FOUND for a name that matches nothing.
    /// </summary>
    public Task<MetricSnapshot> GetMetricsAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.MetricSnapshot, Serialize(new MetricQueryParams { Targets = targets }, ContractsJsonContext.Default.MetricQueryParams), ContractsJsonContext.Default.MetricSnapshot, cancellationToken);

    /// <summary>
    /// <c>metric.history</c>: points over <paramref name="range"/> (default the whole retention), one per
    /// <paramref name="step"/> (default the collection interval); INVALID_PARAMS naming the retention when the
    /// range reaches further back.
    /// </summary>
    public Task<MetricHistory> GetMetricHistoryAsync(IReadOnlyList<string> targets, TimeSpan? range = null, TimeSpan? step = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(
            RpcMethods.MetricHistory,
            Serialize(new MetricQueryParams { Targets = targets, RangeMs = (long?)range?.TotalMilliseconds, StepMs = (long?)step?.TotalMilliseconds }, ContractsJsonContext.Default.MetricQueryParams),
            ContractsJsonContext.Default.MetricHistory,
            cancellationToken);

    /// <summary><c>metric.exposition</c>: the latest pass in the Prometheus text format.</summary>
    public Task<MetricExposition> GetMetricExpositionAsync(IReadOnlyList<string> targets, CancellationToken cancellationToken = default) =>
        InvokeAsync(RpcMethods.MetricExposition, Serialize(new MetricQueryParams { Targets = targets }, ContractsJsonContext.Default.MetricQueryParams), ContractsJsonContext.Default.MetricExposition, cancellationToken);
}
