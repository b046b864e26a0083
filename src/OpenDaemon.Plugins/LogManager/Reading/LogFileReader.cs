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

    /// <summary>Offset just past the last line the latest read consumed, kept or not: where reading continues.</summary>
    public long Position { get; private set; }

    /// <summary>The matching entries, oldest first.</summary>
    public IEnumerable<LogEntry> ReadForward(string path, bool compressed, CancellationToken cancellationToken) =>
        ReadForwardFrom(path, compressed, 0, cancellationToken).Select(located => located.Entry);

    /// <summary>
    /// The matching entries from <paramref name="offset"/> (a line start, in uncompressed bytes) on, oldest
    /// first, each with its line's offset. A gzip file is decompressed up to the offset.
    /// </summary>
    public IEnumerable<LocatedEntry> ReadForwardFrom(string path, bool compressed, long offset, CancellationToken cancellationToken)
    {
        Position = offset;
        using var file = Open(path, FileOptions.SequentialScan);
        if (file is null)
        {
            yield break;
        }

        using var stream = compressed ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        if (!Skip(stream, offset, compressed))
        {
            yield break;
        }

        using var lines = ForwardLineReader.Located(stream, offset, cancellationToken).GetEnumerator();
        while (MoveNext(lines))
        {
            var line = lines.Current;
            Position = line.End;
            var entry = Read(line.Bytes, out var kept);
            if (kept)
            {
                yield return new LocatedEntry(entry!, line.Start);
            }
            else if (entry is not null && filter.IsWellAfterWindow(entry))
            {
                ReachedAfterWindow = true;
                yield break;
            }
        }
    }

    /// <summary>The matching entries of a plain file, newest first.</summary>
    public IEnumerable<LogEntry> ReadBackward(string path, CancellationToken cancellationToken) =>
        ReadBackwardLocated(path, cancellationToken).Select(located => located.Entry);

    /// <summary>The matching entries of a plain file, newest first, each with its line's offset.</summary>
    public IEnumerable<LocatedEntry> ReadBackwardLocated(string path, CancellationToken cancellationToken)
    {
        using var file = Open(path, FileOptions.RandomAccess);
        if (file is null)
        {
            yield break;
        }

        using var lines = BackwardLineReader.Located(file, cancellationToken).GetEnumerator();
        while (MoveNext(lines))
        {
            var entry = Read(lines.Current.Bytes, out var kept);
            if (kept)
            {
                yield return new LocatedEntry(entry!, lines.Current.Start);
            }
            else if (entry is not null && filter.IsWellBeforeWindow(entry))
            {
                ReachedBeforeWindow = true;
                yield break;
            }
        }
    }

    /// <summary>The length of a file now (0 when it is gone): where a read of its future lines starts.</summary>
    public static long LengthOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
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

    // Positions the stream at `offset`; false when the file is shorter (truncated, or not the file the cursor meant).
    private static bool Skip(Stream stream, long offset, bool compressed)
    {
        if (offset == 0)
        {
            return true;
        }

        try
        {
            if (!compressed)
            {
                if (offset > stream.Length)
                {
                    return false;
                }

                stream.Position = offset;
                return true;
            }

            var scratch = new byte[LogLines.BlockSize];
            for (var left = offset; left > 0;)
            {
                var read = stream.Read(scratch, 0, (int)Math.Min(scratch.Length, left));
                if (read == 0)
                {
                    return false;
                }

                left -= read;
            }

            return true;
        }
        catch (InvalidDataException)
        {
            return false; // a corrupt gzip file reads as empty, as everywhere
        }
    }

    private static bool MoveNext(IEnumerator<LogLine> lines)
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
