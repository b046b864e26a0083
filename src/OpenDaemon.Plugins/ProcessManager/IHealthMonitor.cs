using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager;

/// <summary>
/// Runs an instance's health check (spec §3.2) for one run and reports the outcome back. The
/// <c>health-check</c> plugin implements it; the process manager gates <c>starting</c> → <c>online</c>
/// on the first healthy report and applies the <c>restart</c>/<c>stop</c> actions inside the instance actor.
/// </summary>
public interface IHealthMonitor
{
    /// <summary>
    /// Starts probing <paramref name="target"/> until the returned watch is disposed. <paramref name="report"/>
    /// is called (from any thread, never concurrently for one watch) whenever the health status changes and
    /// when the failure threshold is reached.
    /// </summary>
    IAsyncDisposable Watch(HealthTarget target, Action<HealthReport> report);
}

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

/// <summary>One report of a watch.</summary>
/// <param name="Health">The instance's health as <c>od ls</c>/<c>od info</c> show it.</param>
/// <param name="FailureThresholdReached">
/// True exactly once per unhealthy episode: when <c>failureThreshold</c> consecutive failures were reached.
/// The process manager then applies <see cref="HealthCheckConfig.Action"/> (restart or stop); notify and none are the monitor's.
/// </param>
public sealed record HealthReport(ProcessHealth Health, bool FailureThresholdReached);
