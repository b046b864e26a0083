using System.Text.Json.Serialization;
using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Metrics.Runtime;

/// <summary>One line the Node preload writes (runtime-preload.cjs): its names, its units (bytes, milliseconds).</summary>
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
