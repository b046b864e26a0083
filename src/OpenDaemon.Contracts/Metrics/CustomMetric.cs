namespace OpenDaemon.Contracts.Metrics;

/// <summary>
/// One series an app reports itself — through <c>opendaemon/runtime</c> in Node or the <c>OpenDaemon.Runtime</c>
/// library in .NET — at its last report. Values are cumulative where the type says so: a counter's total since the
/// process started, a histogram's bucket counts, sum and count since then; a gauge's value now.
/// </summary>
public sealed record CustomMetric
{
    /// <summary>The name the app gave it (exported to Prometheus as <c>od_app_&lt;name&gt;</c>).</summary>
    public required string Name { get; init; }

    /// <summary><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public required string Type { get; init; }

    /// <summary>What it measures, as the app describes it; null when it gave no description.</summary>
    public string? Help { get; init; }

    /// <summary>The series' labels; null when it has none.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>A counter's total or a gauge's value; 0 for a histogram.</summary>
    public double Value { get; init; }

    /// <summary>A histogram's buckets, by ascending upper bound, counts cumulative (the +Inf bucket is <see cref="Count"/>); null for other types.</summary>
    public IReadOnlyList<HistogramBucket>? Buckets { get; init; }

    /// <summary>A histogram's sum of observed values; null for other types.</summary>
    public double? Sum { get; init; }

    /// <summary>A histogram's number of observations; null for other types.</summary>
    public long? Count { get; init; }
}

/// <summary>One histogram bucket: observations less than or equal to <see cref="Le"/>, cumulative.</summary>
/// <param name="Le">The bucket's upper bound.</param>
/// <param name="Count">Observations at or below it.</param>
public sealed record HistogramBucket(double Le, long Count);
