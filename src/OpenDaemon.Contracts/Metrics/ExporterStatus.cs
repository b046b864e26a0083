namespace OpenDaemon.Contracts.Metrics;

/// <summary>One metrics exporter as <c>od daemon status</c> shows it: what it sent, what failed, when it retries.</summary>
public sealed record ExporterStatus
{
    /// <summary><c>statsd</c> or <c>otlp</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Where it sends.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Pushes that succeeded since the daemon started.</summary>
    public required long Sent { get; init; }

    /// <summary>Pushes that failed since the daemon started.</summary>
    public required long Failed { get; init; }

    /// <summary>The last failure's message; null when the last push succeeded.</summary>
    public string? LastError { get; init; }

    /// <summary>When the next push is allowed after failures (backoff); null when not backing off.</summary>
    public DateTimeOffset? RetryAt { get; init; }
}
