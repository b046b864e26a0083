namespace OpenDaemon.Contracts.Metrics;

/// <summary>Answer of <c>metric.history</c>: points from <see cref="From"/> to <see cref="To"/>, one per step.</summary>
public sealed record MetricHistory
{
    /// <summary>Start of the range.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>End of the range (the latest pass).</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Width of one point, in milliseconds.</summary>
    public required long StepMs { get; init; }

    /// <summary>How far back the history reaches, in milliseconds.</summary>
    public required long RetentionMs { get; init; }

    /// <summary>The machine's points; null when only some apps were asked for.</summary>
    public IReadOnlyList<SystemPoint>? System { get; init; }

    /// <summary>One series per instance, ordered by id.</summary>
    public required IReadOnlyList<ProcessHistory> Processes { get; init; }
}
