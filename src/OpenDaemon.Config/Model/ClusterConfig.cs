namespace OpenDaemon.Config.Model;

/// <summary>Cluster-mode options (spec §3.5; key <c>cluster</c>).</summary>
public sealed record ClusterConfig
{
    /// <summary>How connections are spread; default <see cref="LoadBalancingStrategy.Shared"/> (the kernel-shared socket).</summary>
    public LoadBalancingStrategy Strategy { get; init; } = LoadBalancingStrategy.Shared;

    /// <summary>
    /// Sticky sessions by cookie: the daemon proxies HTTP and keeps each client on the instance that served
    /// its first request (a request-level strategy, see <see cref="RequestLevel"/>).
    /// </summary>
    public bool Sticky { get; init; }

    /// <summary>
    /// A header whose value keeps requests on one instance (a tenant, a user id): the daemon proxies HTTP and
    /// hashes the value over the instances; requests without it follow <see cref="Strategy"/>. Null: none.
    /// </summary>
    public string? RouteByHeader { get; init; }

    /// <summary>Whether the daemon proxies HTTP requests (<see cref="Sticky"/> or <see cref="RouteByHeader"/>) instead of handing connections out.</summary>
    public bool RequestLevel => Sticky || RouteByHeader is not null;

    /// <summary>Weights per instance index for the weighted strategy.</summary>
    public IReadOnlyList<int> Weights { get; init; } = [];

    /// <summary>Auto-scaling, or null.</summary>
    public AutoScaleConfig? AutoScale { get; init; }
}
