namespace OpenDaemon.Config.Model;

/// <summary>Cluster-mode options (spec §3.5; key <c>cluster</c>).</summary>
public sealed record ClusterConfig
{
    /// <summary>How connections are spread; default <see cref="LoadBalancingStrategy.Shared"/> (the kernel-shared socket).</summary>
    public LoadBalancingStrategy Strategy { get; init; } = LoadBalancingStrategy.Shared;

    /// <summary>Sticky sessions (for WebSockets).</summary>
    public bool Sticky { get; init; }

    /// <summary>Weights per instance index for the weighted strategy.</summary>
    public IReadOnlyList<int> Weights { get; init; } = [];

    /// <summary>Auto-scaling, or null.</summary>
    public AutoScaleConfig? AutoScale { get; init; }
}
