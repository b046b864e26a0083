namespace OpenDaemon.Config.Model;

/// <summary>Per-app metrics collection (spec §3.4; key <c>metrics</c>). Exporters are configured in the plugin section.</summary>
public sealed record MetricsConfig
{
    /// <summary>Collect metrics for this app; default true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Sampling interval; default 5 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Node apps: load the daemon's runtime-metrics preload (heap, event loop, GC); default true.</summary>
    public bool Runtime { get; init; } = true;

    /// <summary>Extra labels added to every exported series of this app.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
