using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.AutoScale;

/// <summary>
/// One rule's metric for one app from a metrics pass: the mean over its online instances of CPU (% of one core),
/// memory (% of <c>maxMemory</c>, else of the machine's memory), the event loop's p99 (ms, Node apps with the
/// runtime preload) or a custom gauge (summed over its label sets within an instance). Null when no instance
/// reported the figure.
/// </summary>
internal static class ScaleMetricValues
{
    public static double? Read(ScaleRule rule, IReadOnlyList<ProcessMetrics> instances, long? maxMemory, SystemMetrics? system)
    {
        var values = instances.Select(instance => Value(rule, instance, maxMemory ?? system?.MemoryTotalBytes)).OfType<double>().ToList();
        return values.Count == 0 ? null : values.Average();
    }

    /// <summary>Why a rule's metric has no value, for <c>od info</c>.</summary>
    public static string Missing(ScaleRule rule) => rule.Metric switch
    {
        ScaleMetric.EventLoopLatency => "no event-loop figures: they come from the Node runtime preload (a Node app, metrics.runtime not false)",
        ScaleMetric.Custom => $"no instance reports the gauge '{rule.Name}' on OD_METRICS_SOCKET",
        _ => "no figures yet: waiting for the next metrics pass",
    };

    private static double? Value(ScaleRule rule, ProcessMetrics instance, long? memoryBase) => rule.Metric switch
    {
        ScaleMetric.Cpu => instance.CpuPercent,
        ScaleMetric.Memory => instance.MemoryBytes is { } bytes && memoryBase is > 0 ? bytes * 100.0 / memoryBase.Value : null,
        ScaleMetric.EventLoopLatency => instance.Runtime?.EventLoopDelayP99Ms,
        _ => Gauge(instance, rule.Name),
    };

    private static double? Gauge(ProcessMetrics instance, string? name)
    {
        var series = instance.Custom?.Where(metric => metric.Name == name && metric.Type == "gauge").ToList();
        return series is { Count: > 0 } ? series.Sum(metric => metric.Value) : null;
    }
}
