namespace OpenDaemon.Contracts.Metrics;

/// <summary>One instance's points.</summary>
public sealed record ProcessHistory
{
    /// <summary>Instance id.</summary>
    public required int Id { get; init; }

    /// <summary>App name.</summary>
    public required string Name { get; init; }

    /// <summary>Instance number within the app.</summary>
    public required int Instance { get; init; }

    /// <summary>Oldest first; a step in which the instance was not running has no point.</summary>
    public required IReadOnlyList<ProcessPoint> Points { get; init; }
}
