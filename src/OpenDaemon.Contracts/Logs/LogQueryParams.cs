namespace OpenDaemon.Contracts.Logs;

/// <summary>Filters shared by <c>log.search</c> and <c>log.stream</c>.</summary>
public record LogFilterParams
{
    /// <summary>App names, instance ids or <c>all</c>; none means all apps.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Least severe level to return (<c>warn</c> returns warn, error and fatal).</summary>
    public string? Level { get; init; }

    /// <summary>A .NET regular expression the message must match.</summary>
    public string? Grep { get; init; }

    /// <summary><c>stdout</c> or <c>stderr</c> only; null for both.</summary>
    public string? Source { get; init; }
}

/// <summary>Parameters of <c>log.search</c>.</summary>
public sealed record LogSearchParams : LogFilterParams
{
    /// <summary>
    /// The most recent entries to return (default 100, no upper bound): the answer starts at the N-th
    /// newest match and comes in pages, see <see cref="LogSearchResult.NextCursor"/>.
    /// </summary>
    public int? Limit { get; init; }

    /// <summary>
    /// Continues an earlier answer: its <see cref="LogSearchResult.NextCursor"/>, sent with the same
    /// filters. <see cref="Limit"/> is then ignored (the start was fixed by the first page).
    /// </summary>
    public string? Cursor { get; init; }

    /// <summary>Only entries at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only entries at or before this time.</summary>
    public DateTimeOffset? Until { get; init; }
}

/// <summary>
/// Answer of <c>log.search</c>: one page of the matching entries, oldest first. A page holds at most
/// 10,000 entries (fewer when their messages are long); ask for the next one with
/// <see cref="NextCursor"/> until it is null. <c>OdClient.ReadLogsAsync</c> does that.
/// </summary>
/// <param name="Entries">This page's entries.</param>
/// <param name="Truncated">True when more entries matched than <see cref="LogSearchParams.Limit"/> (first page only).</param>
/// <param name="NextCursor">Where the next page starts; null when this page ends the answer.</param>
public sealed record LogSearchResult(IReadOnlyList<LogEntry> Entries, bool Truncated, string? NextCursor = null);

/// <summary>Parameters of <c>log.stream</c>.</summary>
public sealed record LogStreamParams : LogFilterParams;

/// <summary>
/// Answer of <c>log.stream</c>. Entries then arrive as binary frames (spec §5.2 type 0x04) on the same
/// connection: a 4-byte big-endian stream id, then one or more LogEntry JSON objects, one per line.
/// The stream ends with <c>log.unstream</c> or when the connection closes.
/// </summary>
/// <param name="StreamId">Identifies this stream's frames on the connection.</param>
public sealed record LogStreamStarted(int StreamId);

/// <summary>Parameters of <c>log.unstream</c>.</summary>
/// <param name="StreamId">The stream to end.</param>
public sealed record LogUnstreamParams(int StreamId);

/// <summary>Answer of <c>log.unstream</c>.</summary>
/// <param name="StreamId">The stream named.</param>
/// <param name="Ended">False when this connection had no such stream (already ended, or never started).</param>
public sealed record LogUnstreamResult(int StreamId, bool Ended);

/// <summary>Parameters of <c>log.flush</c>.</summary>
public sealed record LogFlushParams
{
    /// <summary>App names, instance ids or <c>all</c>; none means all apps.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];
}

/// <summary>Answer of <c>log.flush</c>.</summary>
/// <param name="Files">Log files whose buffered lines were written to disk.</param>
public sealed record LogFlushResult(IReadOnlyList<string> Files);
