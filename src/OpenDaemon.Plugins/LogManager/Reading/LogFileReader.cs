using System.IO.Compression;
using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Logs;

namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// The matching entries of one file of a <see cref="LogSource"/>: forwards (plain or gzip) or backwards
/// (plain only, for the tail), streaming. A file that is gone (retention deleted it after it was listed)
/// reads as empty; so does the rest of a gzip file that turns out corrupt, or of a file truncated under
/// the reader (flushed).
/// </summary>
internal sealed class LogFileReader(LogSource source, LogEntryFilter filter)
{
    /// <summary>A backward read met an entry well before the query's window: older files hold nothing wanted.</summary>
    public bool ReachedBeforeWindow { get; private set; }

    /// <summary>A forward read met an entry well after the query's window: newer files hold nothing wanted.</summary>
    public bool ReachedAfterWindow { get; private set; }

    /// <summary>The matching entries, oldest first.</summary>
    public IEnumerable<LogEntry> ReadForward(string path, bool compressed, CancellationToken cancellationToken)
    {
        using var file = Open(path, FileOptions.SequentialScan);
        if (file is null)
        {
            yield break;
        }

        using var stream = compressed ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var lines = ForwardLineReader.Lines(stream, cancellationToken).GetEnumerator();
        while (MoveNext(lines))
        {
            var entry = Read(lines.Current, out var kept);
            if (kept)
            {
                yield return entry!;
            }
            else if (entry is not null && filter.IsWellAfterWindow(entry))
            {
                ReachedAfterWindow = true;
                yield break;
            }
        }
    }

    /// <summary>The matching entries of a plain file, newest first.</summary>
    public IEnumerable<LogEntry> ReadBackward(string path, CancellationToken cancellationToken)
    {
        using var file = Open(path, FileOptions.RandomAccess);
        if (file is null)
        {
            yield break;
        }

        using var lines = BackwardLineReader.Lines(file, cancellationToken).GetEnumerator();
        while (MoveNext(lines))
        {
            var entry = Read(lines.Current, out var kept);
            if (kept)
            {
                yield return entry!;
            }
            else if (entry is not null && filter.IsWellBeforeWindow(entry))
            {
                ReachedBeforeWindow = true;
                yield break;
            }
        }
    }

    // The entry (null for a blank line of a JSON file, which the writer never writes), and whether the
    // query keeps it; a JSON line's metadata is parsed only then.
    private LogEntry? Read(ReadOnlyMemory<byte> line, out bool kept)
    {
        kept = false;
        if (source.Format == LogFormat.Text)
        {
            var text = TextLineParser.Parse(line.Span, source);
            kept = filter.Matches(text);
            return text;
        }

        if (line.Span.Trim(" \t"u8).IsEmpty)
        {
            return null;
        }

        var entry = JsonLineParser.Parse(line.Span, source, out var metadata);
        kept = filter.Matches(entry);
        return kept && metadata is { } range ? entry with { Metadata = JsonLineParser.ParseMetadata(line.Span[range]) } : entry;
    }

    private static bool MoveNext(IEnumerator<ReadOnlyMemory<byte>> lines)
    {
        try
        {
            return lines.MoveNext();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            // A corrupt gzip file, or a file truncated while read backwards (flushed): keep what was read.
            return false;
        }
    }

    private static FileStream? Open(string path, FileOptions options)
    {
        try
        {
            // Share everything: the writer keeps appending, rotation renames, retention deletes.
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = options,
                BufferSize = 0, // the line readers read whole blocks
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
