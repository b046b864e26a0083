namespace OpenDaemon.Contracts.Audit;

/// <summary>Answer of <c>audit.verify</c>: the hash chain walked over every file, oldest first.</summary>
/// <param name="Ok">True when every line links to the one before it.</param>
/// <param name="Entries">Lines checked (up to the break, when there is one).</param>
/// <param name="Files">The files walked, oldest first.</param>
/// <param name="Broken">The first broken link; null when <see cref="Ok"/>.</param>
public sealed record AuditVerifyResult(bool Ok, long Entries, IReadOnlyList<string> Files, AuditBreak? Broken)
{
    /// <summary>
    /// Set when the oldest file left does not start the chain (older files were removed by rotation's
    /// <c>keep</c>): the chain is checked from that file's first line on.
    /// </summary>
    public string? StartsAfterRotation { get; init; }
}

/// <summary>Where and why the audit chain is broken.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">The line number in that file (1-based).</param>
/// <param name="Reason">Why: edited, inserted or deleted line, not JSON, cut short, ...</param>
public sealed record AuditBreak(string File, long Line, string Reason);
