using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// An immutable picture of an instance, replaced by its actor after every message, so that
/// readers (<c>od ls</c>, dump, the memory monitor) never lock or wait for the actor.
/// </summary>
internal sealed record InstanceSnapshot
{
    public required int Id { get; init; }

    public required int Instance { get; init; }

    /// <summary>How many instances the app has.</summary>
    public required int InstanceCount { get; init; }

    public required ProcessConfig Config { get; init; }

    public required IReadOnlyDictionary<string, string> Overrides { get; init; }

    public required ProcessState State { get; init; }

    /// <summary>
    /// The id of the current run, or of the last one when none is running: 1 for the instance's first spawn
    /// attempt and one more for each later one (a failed spawn counts too); 0 before the first. Every
    /// message of a run (exit, notify, health, memory, timers) carries it.
    /// </summary>
    public int RunId { get; init; }

    public int? Pid { get; init; }

    public int Restarts { get; init; }

    public int UnstableRestarts { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? NextRestartAt { get; init; }

    public string? Reason { get; init; }

    public string? User { get; init; }

    /// <summary>True after a user stop: the daemon will not start it on its own (resurrect included).</summary>
    public bool StoppedByUser { get; init; }

    public ProcessExitRecord? LastExit { get; init; }

    public required IReadOnlyList<ProcessStateChange> History { get; init; }

    public required ProcessReadiness Readiness { get; init; }

    /// <summary>
    /// Where the connection-level strategies send this instance's connections while online (during a reload,
    /// the serving run's): its run's Node IPC channel or relay; null otherwise or without either.
    /// </summary>
    public IConnectionTarget? Serving { get; init; }

    /// <summary>The health check's state for the current (or last) run; null without a health check.</summary>
    public ProcessHealth? Health { get; init; }

    public ProcessCommandLine? Command { get; init; }

    public required ProcessLogPaths Logs { get; init; }

    /// <summary>What is in progress on the instance beyond its state (a reload); null when nothing.</summary>
    public string? Activity { get; init; }

    public string Name => Config.Name;
}
