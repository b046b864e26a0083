namespace OpenDaemon.Config.Model;

/// <summary>When a canary is judged good (spec §3.6).</summary>
public sealed record CanaryAnalysisConfig
{
    /// <summary>Metric names to compare.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>Allowed degradation threshold.</summary>
    public double Threshold { get; init; }

    /// <summary>How long each step is observed.</summary>
    public TimeSpan Duration { get; init; }
}
