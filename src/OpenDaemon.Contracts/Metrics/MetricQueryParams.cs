namespace OpenDaemon.Contracts.Metrics;

/// <summary>
/// Parameters of <c>metric.snapshot</c>, <c>metric.history</c> and <c>metric.exposition</c>: which apps
/// (names, ids, <c>all</c>; none = every app and the machine) and, for the history, how far back and in
/// what steps.
/// </summary>
public sealed record MetricQueryParams
{
    /// <summary>Apps or instance ids; null or empty for every app and the system figures.</summary>
    public IReadOnlyList<string>? Targets { get; init; }

    /// <summary>History only: how far back, in milliseconds; default the whole retention.</summary>
    public long? RangeMs { get; init; }

    /// <summary>History only: width of one point, in milliseconds; default the collector's interval.</summary>
    public long? StepMs { get; init; }
}
