using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.Abstractions;

/// <summary>
/// One instance's state as the metrics collector needs it, read from the actor's last snapshot without
/// touching /proc (the collector makes its own pass).
/// </summary>
/// <param name="Id">Instance id in the daemon.</param>
/// <param name="Instance">Instance number within the app, from 0.</param>
/// <param name="Config">The app's configuration.</param>
/// <param name="State">Current state.</param>
/// <param name="Pid">The running process (its session id too); null when not running.</param>
/// <param name="Restarts">Restarts since the app was started by a user.</param>
/// <param name="StartedAt">When the current run started; null when not running.</param>
public sealed record InstanceStatus(int Id, int Instance, ProcessConfig Config, ProcessState State, int? Pid, int Restarts, DateTimeOffset? StartedAt)
{
    /// <summary>The app's name.</summary>
    public string Name => Config.Name;
}
