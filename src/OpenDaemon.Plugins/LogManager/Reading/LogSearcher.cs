using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// A whole answer to a <see cref="LogQuery"/> in one list, read page by page through <see cref="LogPager"/>:
/// for callers that want everything at once (tests, small reads). <c>log.search</c> pages instead.
/// </summary>
/// <remarks>
/// With a limit, the sources are walked backwards to the N-th newest match first (<c>--lines 15</c> on a
/// 100 MB file reads a few blocks); without one, every match from the oldest file on. Rotated files
/// rotated before <see cref="LogQuery.Since"/> are not opened. Give each file in one source only: a file
/// listed twice is read twice.
/// </remarks>
internal static class LogSearcher
{
    public static LogSearchResult Search(IReadOnlyList<LogSource> sources, LogQuery query, CancellationToken cancellationToken) =>
        Search(sources, query, LogPageSize.Default, cancellationToken);

    public static LogSearchResult Search(IReadOnlyList<LogSource> sources, LogQuery query, LogPageSize pageSize, CancellationToken cancellationToken)
    {
        if (query.Limit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "The limit must not be negative.");
        }

        var (cursor, truncated) = query.Limit is { } limit ? LogPager.Tail(sources, query, limit, cancellationToken) : (null, false);
        if (query.Limit == 0)
        {
            return new LogSearchResult([], truncated);
        }

        var entries = new List<LogEntry>();
        do
        {
            var page = LogPager.Read(sources, query, cursor, pageSize, cancellationToken);
            entries.AddRange(page.Entries);
            cursor = page.Next;
        }
        while (cursor is not null);

        return new LogSearchResult(entries, truncated);
    }
}
