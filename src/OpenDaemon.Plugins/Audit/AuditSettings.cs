namespace OpenDaemon.Plugins.Audit;

/// <summary>
/// <c>plugins.audit-logger</c>: where the log rotates and how many rotated files stay, and which RPC
/// methods are not audited.
/// </summary>
/// <remarks>
/// Defaults: files of 10 MB, 10 rotated files kept (about 100 MB), and every call audited except the
/// frequent pure reads that reveal nothing (<see cref="DefaultExclude"/>): liveness and status polls,
/// metrics, the process table. Mutations, log reads, <c>process.env</c> and audit reads are always in
/// the default log.
/// </remarks>
internal sealed record AuditSettings
{
    public static readonly IReadOnlyList<string> DefaultExclude =
    [
        "daemon.ping", "daemon.version", "daemon.status", "metric.*", "process.list", "process.info",
        "process.graph", "schedule.list", "plugin.list", "plugin.info",
    ];

    /// <summary>The directory of the audit files (<c>$OD_HOME/audit</c>).</summary>
    public required string Directory { get; init; }

    /// <summary>The current file is rotated once it would grow past this.</summary>
    public long MaxFileBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Rotated files kept; older ones are deleted (the chain then starts at the oldest file left).</summary>
    public int Keep { get; init; } = 10;

    /// <summary>RPC methods not audited: exact names or prefixes ending in <c>*</c>.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = DefaultExclude;

    /// <summary>Entries that may wait for the writer; past that they are counted as dropped.</summary>
    public int QueueCapacity { get; init; } = 10_000;
}
