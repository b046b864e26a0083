using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// The read path of the log manager (spec §3.3): <c>od logs</c> and <c>log.search</c> over the current and
/// rotated files of any number of sources, merged by timestamp.
/// </summary>
/// <remarks>
/// With a limit, each source is read from its end (the current file backwards in blocks, then rotated files
/// newest first) until it has one match more than the limit, which tells whether the answer is truncated:
/// <c>--lines 15</c> on a 100 MB file reads a few blocks, and memory stays bounded by the limit. Without a
/// limit, files are read oldest first and every match is returned. Rotated files rotated before
/// <see cref="LogQuery.Since"/> are not opened. Give each file in one source only: a file listed twice is
/// read twice.
/// </remarks>
internal static class LogSearcher
{
    public static LogSearchResult Search(IReadOnlyList<LogSource> sources, LogQuery query, CancellationToken cancellationToken)
    {
        if (query.Limit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "The limit must not be negative.");
        }

        var perSource = new List<List<LogEntry>>(sources.Count);
        foreach (var source in sources)
        {
            // A text line's stream is its file's: a file of the other stream holds nothing wanted.
            if (source.Format == LogFormat.Text && (source.DefaultStreams & query.Streams) == 0)
            {
                continue;
            }

            var reader = new LogFileReader(source, new LogEntryFilter(query, source));
            perSource.Add(query.Limit is { } limit
                ? Last(reader, source, query, limit == int.MaxValue ? limit : limit + 1, cancellationToken)
                : All(reader, source, query, cancellationToken));
        }

        var merged = perSource.Count == 0 ? [] : LogMerger.Merge(perSource);
        return query.Limit is { } n && merged.Count > n
            ? new LogSearchResult(merged.GetRange(merged.Count - n, n), Truncated: true)
            : new LogSearchResult(merged, Truncated: false);
    }

    // Every match, oldest first.
    private static List<LogEntry> All(LogFileReader reader, LogSource source, LogQuery query, CancellationToken cancellationToken)
    {
        var entries = new List<LogEntry>();
        if (query.IncludeHistory)
        {
            foreach (var file in LogFileNames.FindRotated(source.CurrentPath, source.RotationDirectory))
            {
                if (query.Since > file.RotatedAt)
                {
                    continue; // everything in it is older
                }

                entries.AddRange(reader.ReadForward(file.Path, file.Compressed, cancellationToken));
                if (reader.ReachedAfterWindow)
                {
                    return entries;
                }
            }
        }

        entries.AddRange(reader.ReadForward(source.CurrentPath, compressed: false, cancellationToken));
        return entries;
    }

    // The last `count` matches, oldest first.
    private static List<LogEntry> Last(LogFileReader reader, LogSource source, LogQuery query, int count, CancellationToken cancellationToken)
    {
        var newestFirst = new List<LogEntry>();
        newestFirst.AddRange(reader.ReadBackward(source.CurrentPath, cancellationToken).Take(count));
        if (newestFirst.Count < count && query.IncludeHistory && !reader.ReachedBeforeWindow)
        {
            var rotated = LogFileNames.FindRotated(source.CurrentPath, source.RotationDirectory);
            for (var i = rotated.Count - 1; i >= 0 && newestFirst.Count < count && !reader.ReachedBeforeWindow; i--)
            {
                var file = rotated[i];
                if (query.Since > file.RotatedAt)
                {
                    break; // it and all older files hold only older entries
                }

                var wanted = count - newestFirst.Count;
                if (file.Compressed)
                {
                    // gzip only reads forwards: keep the last `wanted` in a ring.
                    var ring = new Queue<LogEntry>();
                    foreach (var entry in reader.ReadForward(file.Path, compressed: true, cancellationToken))
                    {
                        if (ring.Count == wanted)
                        {
                            ring.Dequeue();
                        }

                        ring.Enqueue(entry);
                    }

                    newestFirst.AddRange(ring.Reverse());
                }
                else
                {
                    newestFirst.AddRange(reader.ReadBackward(file.Path, cancellationToken).Take(wanted));
                }
            }
        }

        newestFirst.Reverse();
        return newestFirst;
    }
}
