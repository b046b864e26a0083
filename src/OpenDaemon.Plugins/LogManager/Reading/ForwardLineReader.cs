namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>The lines of a stream, first to last, in bounded memory.</summary>
internal static class ForwardLineReader
{
    /// <summary>
    /// Each line without its newline; a last line without one (torn by a crash, or being written) counts.
    /// A yielded line is valid only until the next one is asked for: its buffer is reused.
    /// </summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Lines(Stream stream, CancellationToken cancellationToken) =>
        Located(stream, 0, cancellationToken).Select(line => line.Bytes);

    /// <summary>
    /// As <see cref="Lines"/>, with each line's offsets; <paramref name="baseOffset"/> is the offset of
    /// the stream's current position in the file (where a cursor continues).
    /// </summary>
    public static IEnumerable<LogLine> Located(Stream stream, long baseOffset, CancellationToken cancellationToken)
    {
        var buffer = new byte[LogLines.BlockSize];
        var consumed = baseOffset; // file offset of buffer[0]
        int start = 0, end = 0, scanned = 0;
        var skipping = false; // dropping the rest of a line longer than MaxLineBytes
        while (true)
        {
            var newline = IndexOfNewline(buffer, scanned, end);
            if (newline >= 0)
            {
                if (!skipping)
                {
                    yield return new LogLine(LogLines.TrimCarriageReturn(buffer.AsMemory(start, newline - start)), consumed + start, consumed + newline + 1);
                }

                skipping = false;
                start = scanned = newline + 1;
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            scanned = end;
            if (start > 0)
            {
                consumed += start;
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                if (buffer.Length < LogLines.MaxLineBytes)
                {
                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, LogLines.MaxLineBytes));
                }
                else
                {
                    if (!skipping)
                    {
                        yield return new LogLine(buffer.AsMemory(0, end), consumed, consumed + end);
                    }

                    skipping = true;
                    consumed += end;
                    end = scanned = 0;
                }
            }

            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                if (end > start && !skipping)
                {
                    yield return new LogLine(LogLines.TrimCarriageReturn(buffer.AsMemory(start, end - start)), consumed + start, consumed + end);
                }

                yield break;
            }

            end += read;
        }
    }

    private static int IndexOfNewline(byte[] buffer, int from, int to)
    {
        var index = buffer.AsSpan(from, to - from).IndexOf((byte)'\n');
        return index < 0 ? -1 : from + index;
    }
}
