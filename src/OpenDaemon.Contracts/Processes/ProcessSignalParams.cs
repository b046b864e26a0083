namespace OpenDaemon.Contracts.Processes;

/// <summary>Parameters of <c>process.signal</c>: which signal to which instances.</summary>
public sealed record ProcessSignalParams
{
    /// <summary>A signal name (<c>SIGUSR2</c>, <c>USR2</c>) or number.</summary>
    public required string Signal { get; init; }

    /// <summary>Names, ids, namespaces or <c>all</c>; at least one.</summary>
    public required IReadOnlyList<string> Targets { get; init; }
}
