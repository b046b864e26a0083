using Microsoft.Extensions.Logging;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.ProcessManager.Launching;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>What every instance actor shares: the seams it spawns, signals and tells time through.</summary>
internal sealed class InstanceServices
{
    public required LaunchPlanner Planner { get; init; }

    public required IProcessSpawner Spawner { get; init; }

    public required IProcessGroupSignaller Signaller { get; init; }

    public required TimeProvider Time { get; init; }

    public required IEventBus Events { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>Directory of the per-instance NOTIFY_SOCKETs (short: socket paths are limited to 108 bytes).</summary>
    public required string NotifyDirectory { get; init; }

    /// <summary>Where each run's stdout and stderr go (the log manager).</summary>
    public required IOutputCapture Output { get; init; }

    /// <summary>The health-check plugin, asked at each spawn; null when it is disabled (apps then run unchecked).</summary>
    public Func<IHealthMonitor?> Health { get; init; } = static () => null;

    /// <summary>A number in [0, 1) for backoff jitter.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    /// <summary>How often to look whether a stopping process group is gone after its leader exited.</summary>
    public TimeSpan GroupPollInterval { get; init; } = TimeSpan.FromMilliseconds(20);
}

/// <summary>Sends signals to process groups; a seam so that unit tests of the state machine need no processes.</summary>
internal interface IProcessGroupSignaller
{
    /// <summary>False when the group no longer exists.</summary>
    bool Send(int processGroupId, int signal);

    bool Exists(int processGroupId);

    /// <summary>kill(pid, signal) to one process; false when it no longer exists.</summary>
    bool SendToProcess(int processId, int signal);
}

/// <summary>The real one: kill(2) on the negative process group id.</summary>
internal sealed class ProcessGroupSignaller : IProcessGroupSignaller
{
    public static ProcessGroupSignaller Instance { get; } = new();

    public bool Send(int processGroupId, int signal) => Signals.SendToGroup(processGroupId, signal);

    public bool Exists(int processGroupId) => Signals.GroupExists(processGroupId);

    public bool SendToProcess(int processId, int signal) => Signals.SendToProcess(processId, signal);
}
