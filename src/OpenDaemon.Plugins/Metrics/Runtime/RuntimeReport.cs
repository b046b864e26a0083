using System.Text.Json.Serialization;
using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Metrics.Runtime;

/// <summary>
/// One line an app writes to the runtime socket: the Node preload's figures (runtime-preload.cjs: its names, its
/// units, bytes and milliseconds), or the series an app reports itself (<see cref="Metrics"/>, from
/// <c>opendaemon/runtime</c> or <c>OpenDaemon.Runtime</c>), or both. A line without a heap is not the preload's.
/// </summary>
internal sealed record RuntimeReport(
    long HeapTotal,
    long HeapUsed,
    long External,
    long ArrayBuffers,
    double LoopP50,
    double LoopP95,
    double LoopP99,
    double LoopMax,
    double LoopUtilization,
    int? Handles,
    int? Requests,
    long GcCount,
    double GcPauseMs)
{
    /// <summary>The app's own series, as it sent them (checked by <see cref="CustomMetricRules"/> before use).</summary>
    public IReadOnlyList<CustomMetric>? Metrics { get; init; }

    /// <summary>True when the line carries the Node preload's figures: a V8 heap is never empty.</summary>
    public bool HasNodeRuntime => HeapTotal > 0;

    public NodeRuntimeMetrics ToMetrics() => new()
    {
        Processes = 1,
        HeapTotalBytes = HeapTotal,
        HeapUsedBytes = HeapUsed,
        ExternalBytes = External,
        ArrayBuffersBytes = ArrayBuffers,
        EventLoopDelayP50Ms = LoopP50,
        EventLoopDelayP95Ms = LoopP95,
        EventLoopDelayP99Ms = LoopP99,
        EventLoopDelayMaxMs = LoopMax,
        EventLoopUtilization = LoopUtilization,
        ActiveHandles = Handles,
        ActiveRequests = Requests,
        GcCount = GcCount,
        GcPauseMs = GcPauseMs,
    };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RuntimeReport))]
internal sealed partial class RuntimeReportJsonContext : JsonSerializerContext;
