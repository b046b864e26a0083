using OpenDaemon.Contracts.Errors;
using OpenDaemon.Kernel.Resilience;

namespace OpenDaemon.Kernel.Plugins;

/// <summary>One row of <c>od plugin list</c> / the answer of <c>od plugin info</c>; serialise with <see cref="KernelJsonContext"/>.</summary>
public sealed record PluginInfo
{
    /// <summary>The plugin name.</summary>
    public required string Name { get; init; }

    /// <summary>Its version.</summary>
    public required string Version { get; init; }

    /// <summary>Its description.</summary>
    public required string Description { get; init; }

    /// <summary>Lifecycle state.</summary>
    public required PluginState State { get; init; }

    /// <summary>Circuit breaker state.</summary>
    public required CircuitState Breaker { get; init; }

    /// <summary>When an open breaker retries, or null.</summary>
    public DateTimeOffset? BreakerRetryAt { get; init; }

    /// <summary>Failures caught by the error boundary since start or the last enable.</summary>
    public required int FailureCount { get; init; }

    /// <summary>The latest failure (or why it is not running), or null.</summary>
    public ErrorInfo? LastError { get; init; }

    /// <summary>When <see cref="LastError"/> happened, or null.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Declared dependencies.</summary>
    public required IReadOnlyList<string> Dependencies { get; init; }

    /// <summary>Priority.</summary>
    public required int Priority { get; init; }

    /// <summary>RPC methods it registered, sorted.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];
}
