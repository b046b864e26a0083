using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>Merges the entries of several sources by timestamp.</summary>
internal static class LogMerger
{
    /// <summary>
    /// One list, oldest first. Each source keeps its own order; an entry sorts at the latest timestamp seen so
    /// far in its source, so that one without a timestamp stays right after its predecessor and a clock that
    /// stepped back does not reorder a file. Ties go to the earlier source.
    /// </summary>
    public static List<LogEntry> Merge(IReadOnlyList<List<LogEntry>> sources)
    {
        if (sources.Count == 1)
        {
            return sources[0];
        }

        var merged = new List<LogEntry>(sources.Sum(source => source.Count));
        var next = new int[sources.Count];
        var latest = new DateTimeOffset[sources.Count];
        var heads = new PriorityQueue<int, (DateTimeOffset Key, int Source)>();
        for (var i = 0; i < sources.Count; i++)
        {
            latest[i] = DateTimeOffset.MinValue;
            if (sources[i].Count > 0)
            {
                heads.Enqueue(i, (Key(i), i));
            }
        }

        while (heads.TryDequeue(out var i, out _))
        {
            merged.Add(sources[i][next[i]++]);
            if (next[i] < sources[i].Count)
            {
                heads.Enqueue(i, (Key(i), i));
            }
        }

        return merged;

        DateTimeOffset Key(int source)
        {
            if (sources[source][next[source]].Timestamp is { } at && at > latest[source])
            {
                latest[source] = at;
            }

            return latest[source];
        }
    }
}
