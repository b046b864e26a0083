using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// One source's matching entries newest first, one at a time, each with its position: the current file
/// backwards in blocks, then rotated files newest first. A gzip file only reads forwards: it is read once
/// keeping its last <c>bound</c> entries (bounded by the file's own size too, as rotation caps it).
/// </summary>
internal sealed class BackwardSourceReader : IDisposable
{
    private readonly LogSourceFiles _files;
    private readonly LogFileReader _reader;
    private readonly IEnumerator<(int File, LocatedEntry Entry)> _entries;

    public BackwardSourceReader(LogSource source, LogQuery query, Func<int> bound, CancellationToken cancellationToken)
    {
        _files = new LogSourceFiles(source, query);
        _reader = new LogFileReader(source, new LogEntryFilter(query, source));
        // Lines written from now on are not part of "the last N": the read after the tail starts here at the latest.
        End = _files.PositionIn(_files.Count - 1, LogFileReader.LengthOf(_files.CurrentPath), DateTimeOffset.MinValue);
        _entries = Entries(bound, cancellationToken).GetEnumerator();
    }

    /// <summary>Where the source's future lines start: where a read starts that takes none of its entries.</summary>
    public LogPosition End { get; }

    public LogEntry? Head { get; private set; }

    /// <summary>The merge key of <see cref="Head"/>: its time, or that of the newer entry after it when it has none.</summary>
    public DateTimeOffset Key { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>The position of <see cref="Head"/>.</summary>
    public LogPosition? HeadPosition { get; private set; }

    public bool MoveNext()
    {
        if (!_entries.MoveNext())
        {
            Head = null;
            HeadPosition = null;
            return false;
        }

        var (file, located) = _entries.Current;
        Head = located.Entry;
        HeadPosition = _files.PositionIn(file, located.Start, DateTimeOffset.MinValue);
        if (Head.Timestamp is { } at)
        {
            Key = at;
        }

        return true;
    }

    public void Dispose() => _entries.Dispose();

    private IEnumerable<(int File, LocatedEntry Entry)> Entries(Func<int> bound, CancellationToken cancellationToken)
    {
        var current = _files.Count - 1;
        foreach (var entry in _reader.ReadBackwardLocated(_files.CurrentPath, cancellationToken))
        {
            if (entry.Start < End.Offset)
            {
                yield return (current, entry);
            }
        }

        for (var i = current - 1; i >= 0 && !_reader.ReachedBeforeWindow; i--)
        {
            if (!_files.IsCompressed(i))
            {
                foreach (var entry in _reader.ReadBackwardLocated(_files.PathOf(i), cancellationToken))
                {
                    yield return (i, entry);
                }

                continue;
            }

            var wanted = Math.Max(bound(), 1);
            var ring = new Queue<LocatedEntry>();
            foreach (var entry in _reader.ReadForwardFrom(_files.PathOf(i), compressed: true, 0, cancellationToken))
            {
                if (ring.Count == wanted)
                {
                    ring.Dequeue();
                }

                ring.Enqueue(entry);
            }

            foreach (var entry in ring.Reverse())
            {
                yield return (i, entry);
            }
        }
    }
}
