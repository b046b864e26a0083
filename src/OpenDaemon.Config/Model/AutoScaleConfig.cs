namespace OpenDaemon.Config.Model;

/// <summary>Auto-scaling (spec §3.5).</summary>
public sealed record AutoScaleConfig
{
    /// <summary>Whether it runs; default true once the block is present.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Fewest instances; default 1.</summary>
    public int Min { get; init; } = 1;

    /// <summary>Most instances.</summary>
    public int Max { get; init; } = 1;

    /// <summary>When to add instances, or null.</summary>
    public ScaleRule? ScaleUp { get; init; }

    /// <summary>When to remove instances, or null.</summary>
    public ScaleRule? ScaleDown { get; init; }
}
