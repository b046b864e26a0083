namespace OpenDaemon.Contracts.Metrics;

/// <summary>Answer of <c>metric.snapshot</c>: the figures of the collector's latest pass.</summary>
public sealed record MetricSnapshot
{
    /// <summary>When the pass was made; null before the first pass.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>How often the collector samples, in milliseconds.</summary>
    public required long IntervalMs { get; init; }

    /// <summary>How far back <c>metric.history</c> reaches, in milliseconds.</summary>
    public required long RetentionMs { get; init; }

    /// <summary>Bytes the history rings hold (every instance's and the machine's), allocated in full at each series' first pass.</summary>
    public long HistoryBytes { get; init; }

    /// <summary>The machine's figures; null when only some apps were asked for.</summary>
    public SystemMetrics? System { get; init; }

    /// <summary>One row per instance, ordered by id.</summary>
    public required IReadOnlyList<ProcessMetrics> Processes { get; init; }
}
