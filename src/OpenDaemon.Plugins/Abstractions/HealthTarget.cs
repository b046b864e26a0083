using OpenDaemon.Config.Model;

namespace OpenDaemon.Plugins.Abstractions;

/// <summary>What to probe.</summary>
/// <param name="Name">App name.</param>
/// <param name="Id">Instance id in the daemon.</param>
/// <param name="Instance">Instance number within the app.</param>
/// <param name="Pid">The run's pid (also its session and process group id).</param>
/// <param name="Check">The configured check.</param>
public sealed record HealthTarget(string Name, int Id, int Instance, int Pid, HealthCheckConfig Check)
{
    /// <summary>The app's working directory: where <c>script</c> and <c>command</c> checks run (the daemon's when null).</summary>
    public string? WorkingDirectory { get; init; }
}
