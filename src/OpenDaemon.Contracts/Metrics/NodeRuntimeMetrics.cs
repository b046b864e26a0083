namespace OpenDaemon.Contracts.Metrics;

/// <summary>
/// What the Node runtime of an instance reports through the daemon's preload (spec §3.4), at its last report.
/// With several Node processes in one instance's tree, sizes and counts are summed and event-loop figures are
/// the worst of them.
/// </summary>
public sealed record NodeRuntimeMetrics
{
    /// <summary>Node processes of the tree that report.</summary>
    public required int Processes { get; init; }

    /// <summary>V8 heap reserved, in bytes.</summary>
    public required long HeapTotalBytes { get; init; }

    /// <summary>V8 heap in use, in bytes.</summary>
    public required long HeapUsedBytes { get; init; }

    /// <summary>Memory of C++ objects bound to JavaScript objects, in bytes.</summary>
    public required long ExternalBytes { get; init; }

    /// <summary>Memory of ArrayBuffers and SharedArrayBuffers, in bytes (part of <see cref="ExternalBytes"/>).</summary>
    public required long ArrayBuffersBytes { get; init; }

    /// <summary>Event-loop delay, median over the last report interval, in milliseconds.</summary>
    public required double EventLoopDelayP50Ms { get; init; }

    /// <summary>Event-loop delay, 95th percentile over the last report interval, in milliseconds.</summary>
    public required double EventLoopDelayP95Ms { get; init; }

    /// <summary>Event-loop delay, 99th percentile over the last report interval, in milliseconds.</summary>
    public required double EventLoopDelayP99Ms { get; init; }

    /// <summary>Longest event-loop delay over the last report interval, in milliseconds.</summary>
    public required double EventLoopDelayMaxMs { get; init; }

    /// <summary>Share of the last report interval the event loop was busy, 0 to 1.</summary>
    public required double EventLoopUtilization { get; init; }

    /// <summary>Active handles (sockets, timers, servers); null when the runtime does not tell.</summary>
    public int? ActiveHandles { get; init; }

    /// <summary>Active requests (pending file system and DNS operations); null when the runtime does not tell.</summary>
    public int? ActiveRequests { get; init; }

    /// <summary>Garbage collections since the process started.</summary>
    public required long GcCount { get; init; }

    /// <summary>Time spent in garbage collection since the process started, in milliseconds.</summary>
    public required double GcPauseMs { get; init; }
}
