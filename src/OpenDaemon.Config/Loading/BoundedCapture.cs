using System.Buffers;
using System.Text;

namespace OpenDaemon.Config.Loading;

/// <summary>
/// Reads one of node's output pipes to its end without letting it take unbounded memory: at most
/// <paramref name="keepBytes"/> (the latest) are kept, and once more than <paramref name="limitBytes"/>
/// arrived in all, <paramref name="onExceeded"/> is called (the caller kills node) and reading stops.
/// </summary>
internal sealed class BoundedCapture(long keepBytes, long limitBytes, Action onExceeded)
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Bytes read in all, dropped ones included.</summary>
    public long Total { get; private set; }

    /// <summary>True once more than the limit arrived.</summary>
    public bool Exceeded { get; private set; }

    public long Limit => limitBytes;

    /// <summary>The kept bytes as UTF-8 text (the tail, when some were dropped).</summary>
    public async Task<string> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var kept = new MemoryStream();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                Total += read;
                if (Total > limitBytes)
                {
                    Exceeded = true;
                    onExceeded();
                    break;
                }

                kept.Write(chunk, 0, read);
                if (kept.Length > 2 * keepBytes)
                {
                    kept = Tail(kept, keepBytes);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (kept.Length > keepBytes)
        {
            kept = Tail(kept, keepBytes);
        }

        return Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
    }

    private static MemoryStream Tail(MemoryStream stream, long bytes)
    {
        var tail = new MemoryStream((int)bytes);
        tail.Write(stream.GetBuffer(), (int)(stream.Length - bytes), (int)bytes);
        return tail;
    }
}
