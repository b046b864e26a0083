namespace OpenDaemon.Contracts.Processes;

/// <summary>Answer of <c>process.list</c> and of the commands that act on several instances.</summary>
public sealed record ProcessList
{
    /// <summary>Instances, ordered by id.</summary>
    public required IReadOnlyList<ProcessSummary> Processes { get; init; }

    /// <summary>Notes for the user about the operation ("api: will use the new value at the next restart").</summary>
    public IReadOnlyList<string>? Notes { get; init; }

    /// <summary>
    /// Warnings about the configuration file that was started (<c>file:line path: message</c>), such as
    /// fields that are not supported yet; null when there are none.
    /// </summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}
