namespace OpenDaemon.Config.Model;

/// <summary>The certificate of the cluster proxy's TLS: a PEM certificate and its key (null when the certificate file holds it), absolute paths.</summary>
public sealed record ClusterTls(string CertificateFile, string? KeyFile);

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

    /// <summary>
    /// TLS at the daemon's HTTP proxy (PEM files): clients speak HTTPS, HTTP/2 or HTTP/1.1 by ALPN, and the
    /// instances get plain HTTP/1.1. Turns the proxy on by itself. Null: none.
    /// </summary>
    public ClusterTls? Tls { get; init; }

    /// <summary>Whether the daemon proxies HTTP requests (<see cref="Sticky"/>, <see cref="RouteByHeader"/> or <see cref="Tls"/>) instead of handing connections out.</summary>
    public bool RequestLevel => Sticky || RouteByHeader is not null || Tls is not null;

    /// <summary>Weights per instance index for the weighted strategy.</summary>
    public IReadOnlyList<int> Weights { get; init; } = [];

    /// <summary>Auto-scaling, or null.</summary>
    public AutoScaleConfig? AutoScale { get; init; }
}
