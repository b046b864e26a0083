namespace OpenDaemon.Contracts.Audit;

/// <summary>Filters shared by <c>audit.search</c> and <c>audit.stream</c>.</summary>
public record AuditFilterParams
{
    /// <summary>An action or a pattern with <c>*</c> (<c>process.*</c>, <c>*.delete</c>); null for all.</summary>
    public string? Action { get; init; }

    /// <summary><c>cli</c>, <c>api</c>, <c>daemon</c>, a user name, a uid or an API token id; null for all.</summary>
    public string? Actor { get; init; }
}

/// <summary>Parameters of <c>audit.search</c>.</summary>
public sealed record AuditSearchParams : AuditFilterParams
{
    /// <summary>Only entries at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The most recent matching entries to return (default 100, at most 100,000).</summary>
    public int? Limit { get; init; }
}

/// <summary>Answer of <c>audit.search</c>: the newest matching entries, oldest first.</summary>
/// <param name="Entries">The entries.</param>
/// <param name="Truncated">True when more entries matched than the limit.</param>
public sealed record AuditSearchResult(IReadOnlyList<AuditEntry> Entries, bool Truncated);
