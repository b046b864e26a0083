using OpenDaemon.Contracts.Plugins;
using OpenDaemon.Kernel.Plugins;
using OpenDaemon.Kernel.Resilience;

namespace OpenDaemon.Daemon.Plugins;

/// <summary>Kernel plugin state → the wire record clients read.</summary>
internal static class PluginSummaries
{
    public static PluginSummary From(PluginInfo info) => new()
    {
        Name = info.Name,
        Version = info.Version,
        Description = info.Description,
        State = info.State.ToString().ToLowerInvariant(),
        Breaker = info.Breaker switch
        {
            CircuitState.Open => "open",
            CircuitState.HalfOpen => "half-open",
            _ => "closed",
        },
        Failures = info.FailureCount,
        LastError = info.LastError?.Message,
        Dependencies = info.Dependencies,
        Priority = info.Priority,
    };
}
