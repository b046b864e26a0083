using Microsoft.Extensions.Logging;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.ProcessManager.Launching;
using OpenDaemon.Plugins.ProcessManager.Trees;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>What every instance actor shares: the seams it spawns, signals and tells time through.</summary>
internal sealed class InstanceServices
{
    public required LaunchPlanner Planner { get; init; }

    public required IProcessSpawner Spawner { get; init; }

    public required IProcessTreeSignaller Signaller { get; init; }

    /// <summary>Cgroups, markers and run records of every run (<see cref="RunTrees.None"/>: none of them).</summary>
    public RunTrees Trees { get; init; } = RunTrees.None;

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

    /// <summary>How often to look whether a stopping app's tree is gone after its main process exited.</summary>
    public TimeSpan GroupPollInterval { get; init; } = TimeSpan.FromMilliseconds(20);
}

/// <summary>
/// Sends signals to the whole tree of a run (every process it started, see <see cref="ProcessTree"/>); a
/// seam so that unit tests of the state machine need no processes.
/// </summary>
internal interface IProcessTreeSignaller
{
    /// <summary>False when no process of the tree is left.</summary>
    bool Send(ProcessTree tree, int signal);

    bool Exists(ProcessTree tree);

    /// <summary>kill(pid, signal) to one process; false when it no longer exists.</summary>
    bool SendToProcess(int processId, int signal);
}

/// <summary>The real one: the run's cgroup, or its process group plus what the /proc fallback finds.</summary>
internal sealed class ProcessTreeSignaller : IProcessTreeSignaller
{
    private const int SigKill = 9;

    public static ProcessTreeSignaller Instance { get; } = new();

    public bool Send(ProcessTree tree, int signal)
    {
        if (signal != SigKill)
        {
            return tree.Signal(signal);
        }

        tree.Kill();
        return tree.Exists();
    }

    public bool Exists(ProcessTree tree) => tree.Exists();

    public bool SendToProcess(int processId, int signal) => Signals.SendToProcess(processId, signal);
}
