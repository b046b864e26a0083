namespace OpenDaemon.Contracts.Processes;

/// <summary>Parameters of stop/restart/delete/info/env: app names, instance ids, or <c>all</c>.</summary>
public sealed record ProcessTargetParams
{
    /// <summary>Names, ids or <c>all</c>; at least one.</summary>
    public required IReadOnlyList<string> Targets { get; init; }
}
