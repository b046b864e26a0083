using System.Text.Json.Serialization;

namespace OpenDaemon.Kernel.Resilience;

/// <summary>The state of a circuit breaker, written on the wire as <c>closed</c>, <c>open</c>, <c>half-open</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CircuitState>))]
public enum CircuitState
{
    /// <summary>Calls pass; failures are counted.</summary>
    [JsonStringEnumMemberName("closed")] Closed,

    /// <summary>Tripped: calls are refused until the cool-down has passed.</summary>
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>Cool-down over: one trial call decides between closed and open.</summary>
    [JsonStringEnumMemberName("half-open")] HalfOpen,
}
