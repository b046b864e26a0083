using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// The read path of the log manager (spec §3.3) in pages: any number of sources (current, rotated and
/// gzipped files) merged by timestamp, a page at a time, each page ending with a <see cref="LogCursor"/>
/// that continues exactly after its last entry. Neither side ever holds more than a page: a day of logs
/// is exported as a sequence of pages.
/// </summary>
/// <remarks>
/// "The last N" (<c>--lines N</c>) is found by <see cref="Tail"/>: the sources are walked backwards,
/// merged newest first, counting N matches but keeping only each source's position, which gives the
/// cursor the forward read starts at. Memory is one pending entry per source (plus, for a gzip file,
/// which only reads forwards, its last entries up to what is still wanted).
/// </remarks>
internal static class LogPager
{
    /// <summary>The cursor at the N-th newest matching entry, and whether more than N matched.</summary>
    public static (LogCursor Start, bool Truncated) Tail(IReadOnlyList<LogSource> sources, LogQuery query, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var positions = new Dictionary<string, LogPosition>(StringComparer.Ordinal);
        var readers = new List<(LogSource Source, BackwardSourceReader Reader)>();
        var taken = 0;
        try
        {
            var heads = new PriorityQueue<int, (DateTimeOffset Key, int Source)>(
                Comparer<(DateTimeOffset Key, int Source)>.Create((a, b) => b.CompareTo(a))); // newest first
            foreach (var source in Wanted(sources, query))
            {
                var reader = new BackwardSourceReader(source, query, () => (int)Math.Min(int.MaxValue, (long)count - taken + 1), cancellationToken); // one more tells "truncated"
                readers.Add((source, reader));
                positions[LogCursor.Key(source)] = reader.End;
                if (count > 0 && reader.MoveNext())
                {
                    heads.Enqueue(readers.Count - 1, (reader.Key, readers.Count - 1));
                }
            }

            while (taken < count && heads.TryDequeue(out var i, out _))
            {
                var (source, reader) = readers[i];
                positions[LogCursor.Key(source)] = reader.HeadPosition!;
                taken++;
                if (reader.MoveNext())
                {
                    heads.Enqueue(i, (reader.Key, i));
                }
            }

            var truncated = heads.Count > 0 || (count == 0 && readers.Any(r => r.Reader.MoveNext()));
            return (new LogCursor(positions), truncated);
        }
        finally
        {
            readers.ForEach(r => r.Reader.Dispose());
        }
    }

    /// <summary>
    /// One page from <paramref name="from"/> (null: the start of every source), and the cursor after it.
    /// </summary>
    public static LogPage Read(IReadOnlyList<LogSource> sources, LogQuery query, LogCursor? from, LogPageSize size, CancellationToken cancellationToken)
    {
        var readers = new List<(LogSource Source, ForwardSourceReader Reader)>();
        try
        {
            var heads = new PriorityQueue<int, (DateTimeOffset Key, int Source)>();
            foreach (var source in Wanted(sources, query))
            {
                var reader = new ForwardSourceReader(source, query, from?.For(source), cancellationToken);
                readers.Add((source, reader));
                if (reader.MoveNext())
                {
                    heads.Enqueue(readers.Count - 1, (reader.Latest, readers.Count - 1));
                }
            }

            var entries = new List<LogEntry>();
            var bytes = 0L;
            while ((entries.Count == 0 || (entries.Count < size.Entries && bytes < size.MessageBytes)) && heads.TryDequeue(out var i, out _))
            {
                var reader = readers[i].Reader;
                entries.Add(reader.Head!);
                bytes += reader.Head!.Message.Length;
                if (reader.MoveNext())
                {
                    heads.Enqueue(i, (reader.Latest, i));
                }
            }

            if (heads.Count == 0)
            {
                return new LogPage(entries, Next: null);
            }

            var positions = new Dictionary<string, LogPosition>(StringComparer.Ordinal);
            foreach (var (source, reader) in readers)
            {
                positions[LogCursor.Key(source)] = reader.Position();
            }

            return new LogPage(entries, new LogCursor(positions));
        }
        finally
        {
            readers.ForEach(r => r.Reader.Dispose());
        }
    }

    // A text line's stream is its file's: a file of the other stream holds nothing wanted.
    private static IEnumerable<LogSource> Wanted(IReadOnlyList<LogSource> sources, LogQuery query) =>
        sources.Where(source => source.Format != LogFormat.Text || (source.DefaultStreams & query.Streams) != 0);
}
