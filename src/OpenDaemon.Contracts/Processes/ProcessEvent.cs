namespace OpenDaemon.Contracts.Processes;

/// <summary>
/// Payload of the <c>process:&lt;state&gt;</c> events (and <c>process:exit</c>) on the event bus.
/// </summary>
public sealed record ProcessEvent
{
    /// <summary>Instance id.</summary>
    public required int Id { get; init; }

    /// <summary>App name.</summary>
    public required string Name { get; init; }

    /// <summary>Instance number within the app.</summary>
    public required int Instance { get; init; }

    /// <summary>The new state.</summary>
    public required ProcessState State { get; init; }

    /// <summary>The state before.</summary>
    public ProcessState? PreviousState { get; init; }

    /// <summary>Pid of the run concerned.</summary>
    public int? Pid { get; init; }

    /// <summary>Exit code, for exits.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Signal name, for exits by signal.</summary>
    public string? Signal { get; init; }

    /// <summary>Why.</summary>
    public string? Reason { get; init; }

    /// <summary>When.</summary>
    public required DateTimeOffset At { get; init; }
}
