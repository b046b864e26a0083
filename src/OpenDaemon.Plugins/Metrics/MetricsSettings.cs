using System.Net;

namespace OpenDaemon.Plugins.Metrics;

/// <summary>
/// <c>plugins.metrics-collector</c>: how often to sample, how long to keep, and where to export. Secure
/// defaults: nothing is exported and nothing listens unless configured; the Prometheus listener binds
/// 127.0.0.1 when only a port is given.
/// </summary>
internal sealed record MetricsSettings
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Where <c>GET /metrics</c> is served; null for no listener.</summary>
    public IPEndPoint? PrometheusListen { get; init; }

    /// <summary>StatsD over UDP; null when off.</summary>
    public StatsdSettings? Statsd { get; init; }

    /// <summary>OTLP over HTTP/protobuf; null when off.</summary>
    public OtlpSettings? Otlp { get; init; }
}

/// <summary><c>statsd: { host, port, prefix, tags }</c>; <c>tags</c> adds DogStatsD <c>|#app:api</c> tags.</summary>
internal sealed record StatsdSettings(string Host, int Port, string Prefix, bool Tags);

/// <summary><c>otlp: { endpoint, interval, headers, timeout }</c>.</summary>
internal sealed record OtlpSettings(Uri Endpoint, TimeSpan Interval, IReadOnlyDictionary<string, string> Headers, TimeSpan Timeout)
{
    /// <summary>How passes travel: OTLP/HTTP with protobuf bodies (the default), or OTLP/gRPC.</summary>
    public OtlpProtocol Protocol { get; init; } = OtlpProtocol.HttpProtobuf;
}

/// <summary>The OTLP transports, named as OTEL_EXPORTER_OTLP_PROTOCOL names them (<c>http/protobuf</c>, <c>grpc</c>).</summary>
internal enum OtlpProtocol
{
    HttpProtobuf,
    Grpc,
}
