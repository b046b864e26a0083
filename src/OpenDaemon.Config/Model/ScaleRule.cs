namespace OpenDaemon.Config.Model;

/// <summary>One direction of auto-scaling: when <see cref="Metric"/> passes <see cref="Threshold"/> for <see cref="Duration"/>, change by <see cref="Step"/>.</summary>
public sealed record ScaleRule
{
    /// <summary>What to watch.</summary>
    public ScaleMetric Metric { get; init; } = ScaleMetric.Cpu;

    /// <summary>With <see cref="ScaleMetric.Custom"/>: the name of the gauge the app reports (averaged over its instances).</summary>
    public string? Name { get; init; }

    /// <summary>The threshold, in the metric's unit: % of a core (cpu), % of maxMemory or of the machine's memory (memory), ms (eventLoopLatency, the event loop's p99), the gauge's own unit (custom).</summary>
    public double Threshold { get; init; }

    /// <summary>How long the threshold must be passed; default 60 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Instances added or removed per step; default 1.</summary>
    public int Step { get; init; } = 1;

    /// <summary>Minimum time between two scalings; default 5 min.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMinutes(5);
}
