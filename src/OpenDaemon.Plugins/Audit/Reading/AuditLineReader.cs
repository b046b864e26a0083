namespace OpenDaemon.Plugins.Audit.Reading;

/// <summary>
/// The lines of one audit file as raw bytes (the hash is over the exact bytes), up to a length, with
/// whether each was ended by a newline. Reads in 64 KB blocks; a line may span blocks.
/// </summary>
internal static class AuditLineReader
{
    private const int Block = 64 * 1024;

    /// <summary>Calls <paramref name="onLine"/> for each line (without its newline); stops early when it returns false.</summary>
    public static void Read(FileStream stream, long length, Func<ReadOnlyMemory<byte>, bool, bool> onLine)
    {
        stream.Position = 0;
        var buffer = new byte[Block];
        var pending = new MemoryStream();
        long remaining = length;
        while (remaining > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(Block, remaining));
            if (read == 0)
            {
                break; // shorter than when the snapshot was taken (truncated meanwhile)
            }

            remaining -= read;
            var chunk = buffer.AsMemory(0, read);
            while (!chunk.IsEmpty)
            {
                var newline = chunk.Span.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    pending.Write(chunk.Span);
                    break;
                }

                ReadOnlyMemory<byte> line;
                if (pending.Length > 0)
                {
                    pending.Write(chunk.Span[..newline]);
                    line = pending.ToArray();
                    pending.SetLength(0);
                }
                else
                {
                    line = chunk[..newline];
                }

                if (!onLine(line, true))
                {
                    return;
                }

                chunk = chunk[(newline + 1)..];
            }
        }

        if (pending.Length > 0)
        {
            onLine(pending.ToArray(), false);
        }
    }
}
