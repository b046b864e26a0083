using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// One source's matching entries from a <see cref="LogPosition"/> on, oldest first, one at a time
/// (<see cref="Head"/>), with the position of each: what a page merge needs to stop anywhere and say
/// where to continue.
/// </summary>
internal sealed class ForwardSourceReader : IDisposable
{
    private readonly LogSourceFiles _files;
    private readonly LogFileReader _reader;
    private readonly IEnumerator<(int File, LocatedEntry Entry)> _entries;
    private int _file;
    private bool _done;

    public ForwardSourceReader(LogSource source, LogQuery query, LogPosition? from, CancellationToken cancellationToken)
    {
        _files = new LogSourceFiles(source, query);
        _reader = new LogFileReader(source, new LogEntryFilter(query, source));
        Latest = from?.Latest ?? DateTimeOffset.MinValue;
        _done = from?.Done ?? false;
        var (file, offset) = from is null || _done ? (0, 0L) : _files.Resolve(from);
        _file = file;
        _entries = Entries(file, offset, cancellationToken).GetEnumerator();
    }

    /// <summary>The next entry not yet taken, with where its line starts; null when the source has no more now.</summary>
    public LogEntry? Head { get; private set; }

    /// <summary>The merge key of <see cref="Head"/>: its time, or the latest before it when it has none.</summary>
    public DateTimeOffset Latest { get; private set; }

    private LogPosition? HeadPosition { get; set; }

    /// <summary>Reads the next entry into <see cref="Head"/>; false when there is none.</summary>
    public bool MoveNext()
    {
        if (_done || !_entries.MoveNext())
        {
            Head = null;
            HeadPosition = null;
            return false;
        }

        var (file, located) = _entries.Current;
        HeadPosition = _files.PositionIn(file, located.Start, Latest);
        Head = located.Entry;
        if (Head.Timestamp is { } at && at > Latest)
        {
            Latest = at;
        }

        return true;
    }

    /// <summary>Where to continue: at <see cref="Head"/> when there is one, else after everything read.</summary>
    public LogPosition Position() =>
        _done ? LogPosition.Finished
        : HeadPosition ?? _files.PositionIn(_file, _reader.Position, Latest);

    public void Dispose() => _entries.Dispose();

    private IEnumerable<(int File, LocatedEntry Entry)> Entries(int first, long offset, CancellationToken cancellationToken)
    {
        for (var i = first; i < _files.Count; i++)
        {
            _file = i;
            foreach (var entry in _reader.ReadForwardFrom(_files.PathOf(i), _files.IsCompressed(i), i == first ? offset : 0, cancellationToken))
            {
                yield return (i, entry);
            }

            if (_reader.ReachedAfterWindow)
            {
                _done = true;
                yield break;
            }
        }
    }
}
