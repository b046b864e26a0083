namespace OpenDaemon.Contracts.Processes;

/// <summary>
/// Payload of the <c>health:passed</c>, <c>health:failed</c> and <c>health:changed</c> events on the
/// event bus (spec §3.2): an instance's health status changed.
/// </summary>
public sealed record HealthEvent
{
    /// <summary>App name.</summary>
    public required string Name { get; init; }

    /// <summary>Instance id.</summary>
    public required int Id { get; init; }

    /// <summary>Instance number within the app.</summary>
    public required int Instance { get; init; }

    /// <summary>Pid of the run that was checked.</summary>
    public required int Pid { get; init; }

    /// <summary>The new status.</summary>
    public required HealthStatus Status { get; init; }

    /// <summary>The status before.</summary>
    public required HealthStatus PreviousStatus { get; init; }

    /// <summary>The check's type (<c>http</c>, <c>tcp</c>, ...).</summary>
    public required string Type { get; init; }

    /// <summary>What the last probe found.</summary>
    public string? Message { get; init; }

    /// <summary>Failed probes in a row.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>
    /// The configured action (<c>restart</c>, <c>stop</c>, <c>notify</c>, <c>none</c>); set on
    /// <c>health:failed</c>, where the process manager applies restart and stop and notifiers act on every action.
    /// </summary>
    public string? Action { get; init; }

    /// <summary>When.</summary>
    public required DateTimeOffset At { get; init; }
}
