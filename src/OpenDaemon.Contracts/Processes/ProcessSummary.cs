namespace OpenDaemon.Contracts.Processes;

/// <summary>One row of the process table (<c>od ls</c>): a single instance of an app.</summary>
public sealed record ProcessSummary
{
    /// <summary>Instance id, unique in the daemon and stable across restarts and resurrect.</summary>
    public required int Id { get; init; }

    /// <summary>App name (shared by its instances).</summary>
    public required string Name { get; init; }

    /// <summary>Instance number within the app, from 0 (<c>OD_INSTANCE_ID</c>).</summary>
    public required int Instance { get; init; }

    /// <summary>Namespace of the app.</summary>
    public required string Namespace { get; init; }

    /// <summary>Execution mode (<c>fork</c>).</summary>
    public required string Mode { get; init; }

    /// <summary>Current state.</summary>
    public required ProcessState Status { get; init; }

    /// <summary>Pid of the running process (also its process group and session id); null when not running.</summary>
    public int? Pid { get; init; }

    /// <summary>
    /// Which run of the instance this is (or was, when not running): 1 for its first spawn attempt, one more for
    /// each later one, counted by the daemon since the instance was created; null before the first.
    /// </summary>
    public int? RunId { get; init; }

    /// <summary>Restarts since the app was started by a user (automatic and requested).</summary>
    public int Restarts { get; init; }

    /// <summary>Unstable runs in a row (exited before <c>minUptime</c>); reset by a stable run.</summary>
    public int UnstableRestarts { get; init; }

    /// <summary>When the current run started; null when not running.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Milliseconds since <see cref="StartedAt"/> when the answer was made.</summary>
    public long? UptimeMs { get; init; }

    /// <summary>CPU use of the whole process tree in percent of one core, since the previous sample.</summary>
    public double? CpuPercent { get; init; }

    /// <summary>Resident memory of the whole process tree, in bytes.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>The user the app runs as.</summary>
    public string? User { get; init; }

    /// <summary>When an automatic restart is due (backoff), if one is scheduled.</summary>
    public DateTimeOffset? NextRestartAt { get; init; }

    /// <summary>Health status from the app's health check; null when it has none (or the health-check plugin is disabled).</summary>
    public HealthStatus? Health { get; init; }

    /// <summary>Why the instance is in its state, when there is something to say ("exit code 1", "ready timeout").</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// What an operation in progress is doing to this instance, for od ls: "reloading: new pid 4321 starting",
    /// "reload queued", "scaling down: draining"; null when none runs.
    /// </summary>
    public string? Activity { get; init; }
}
