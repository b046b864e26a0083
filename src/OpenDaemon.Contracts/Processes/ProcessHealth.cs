using System.Text.Json.Serialization;

namespace OpenDaemon.Contracts.Processes;

/// <summary>Health of an instance with a health check (spec §3.2), as <c>od ls</c> and <c>od info</c> show it.</summary>
public sealed record ProcessHealth
{
    /// <summary>Current status.</summary>
    public required HealthStatus Status { get; init; }

    /// <summary>The check's type (<c>http</c>, <c>tcp</c>, ...).</summary>
    public required string Type { get; init; }

    /// <summary>When the last probe finished; null before the first.</summary>
    public DateTimeOffset? LastCheckAt { get; init; }

    /// <summary>Whether the last probe passed.</summary>
    public bool? LastPassed { get; init; }

    /// <summary>How long the last probe took, in milliseconds.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>What the last probe found ("HTTP 200", "connection refused", "timed out after 5s").</summary>
    public string? Message { get; init; }

    /// <summary>Failed probes in a row.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Passed probes in a row.</summary>
    public int ConsecutiveSuccesses { get; init; }

    /// <summary>When <see cref="Status"/> last changed.</summary>
    public DateTimeOffset? LastTransitionAt { get; init; }
}

/// <summary>Health status of an instance.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))]
public enum HealthStatus
{
    /// <summary>No probe has decided yet (initial delay, or fewer than <c>successThreshold</c> passes).</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,

    /// <summary><c>successThreshold</c> passes in a row.</summary>
    [JsonStringEnumMemberName("healthy")] Healthy,

    /// <summary><c>failureThreshold</c> failures in a row.</summary>
    [JsonStringEnumMemberName("unhealthy")] Unhealthy,
}
