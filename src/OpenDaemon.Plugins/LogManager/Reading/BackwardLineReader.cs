namespace OpenDaemon.Plugins.LogManager.Reading;

/// <summary>
/// The lines of a seekable stream, last to first, reading blocks from the end: the tail of a 100 MB file
/// costs a few blocks. Lines written after the call started are not seen.
/// </summary>
internal static class BackwardLineReader
{
    /// <summary>
    /// Each line without its newline, newest first; a last line without a newline counts. A yielded line
    /// is valid only until the next one is asked for.
    /// </summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Lines(Stream stream, CancellationToken cancellationToken) =>
        Located(stream, cancellationToken).Select(line => line.Bytes);

    /// <summary>As <see cref="Lines"/>, with each line's offsets.</summary>
    public static IEnumerable<LogLine> Located(Stream stream, CancellationToken cancellationToken)
    {
        var position = stream.Length;
        var lineEnd = position; // offset just past the newline of the line being assembled
        var block = new byte[(int)Math.Min(LogLines.BlockSize, Math.Max(position, 1))];

        // The right-hand part of a line whose start is in an earlier block, rightmost piece first.
        var pieces = new List<byte[]>();
        var piecesLength = 0;
        var foundNewline = false;
        while (position > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var size = (int)Math.Min(block.Length, position);
            position -= size;
            stream.Position = position;
            stream.ReadExactly(block, 0, size);

            var segmentEnd = size;
            for (var newline = block.AsSpan(0, size).LastIndexOf((byte)'\n'); newline >= 0; newline = block.AsSpan(0, newline).LastIndexOf((byte)'\n'))
            {
                // After the file's final newline there is no line, unless it is torn.
                if (foundNewline || segmentEnd > newline + 1 || piecesLength > 0)
                {
                    yield return new LogLine(Join(block.AsMemory(newline + 1, segmentEnd - newline - 1), pieces, piecesLength), position + newline + 1, lineEnd);
                }

                lineEnd = position + newline + 1;
                foundNewline = true;
                pieces.Clear();
                piecesLength = 0;
                segmentEnd = newline;
            }

            if (segmentEnd > 0)
            {
                pieces.Add(block[..segmentEnd]);
                piecesLength += segmentEnd;

                // Keep the line's start only: drop pieces from its right end beyond the cap.
                while (piecesLength - pieces[0].Length >= LogLines.MaxLineBytes)
                {
                    piecesLength -= pieces[0].Length;
                    pieces.RemoveAt(0);
                }
            }
        }

        if (foundNewline || piecesLength > 0)
        {
            yield return new LogLine(Join(ReadOnlyMemory<byte>.Empty, pieces, piecesLength), 0, lineEnd);
        }
    }

    private static ReadOnlyMemory<byte> Join(ReadOnlyMemory<byte> head, List<byte[]> pieces, int piecesLength)
    {
        if (pieces.Count == 0)
        {
            return LogLines.TrimCarriageReturn(head);
        }

        var line = new byte[Math.Min(head.Length + piecesLength, LogLines.MaxLineBytes)];
        var span = line.AsSpan();
        head.Span[..Math.Min(head.Length, span.Length)].CopyTo(span);
        var written = Math.Min(head.Length, span.Length);
        for (var i = pieces.Count - 1; i >= 0 && written < line.Length; i--)
        {
            var count = Math.Min(pieces[i].Length, line.Length - written);
            pieces[i].AsSpan(0, count).CopyTo(span[written..]);
            written += count;
        }

        return LogLines.TrimCarriageReturn(line);
    }
}
