using System.Buffers;
using System.Text;

namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// Notes where the last lines of a chunk are and turns only those into strings for
/// <see cref="RecentLines"/> when the chunk is done: a chunk of 20,000 short lines costs 200 strings,
/// not 20,000. A line assembled across chunks (not inside the chunk) is decoded right away, since its
/// bytes are gone by the end of the chunk. Text is cut to <see cref="MaxTextBytes"/> and decoded with
/// U+FFFD for invalid bytes.
/// </summary>
internal sealed class ChunkTail(RecentLines target, string source)
{
    public const int MaxTextBytes = 4096;

    private readonly string _prefix = source + " ";
    private (int Offset, int Length, string? Text)[]? _slots; // borrowed for the length of a chunk
    private int _next;
    private int _count;

    public void Note(ReadOnlySpan<byte> line, ReadOnlySpan<byte> chunk)
    {
        _slots ??= ArrayPool<(int, int, string?)>.Shared.Rent(target.Capacity);
        _slots[_next] = !line.IsEmpty && chunk.Overlaps(line, out var offset)
            ? (offset, line.Length, null)
            : (0, 0, Decode(line));
        _next = (_next + 1) % target.Capacity;
        _count = Math.Min(_count + 1, target.Capacity);
    }

    /// <summary>Hands the chunk's last lines to the run's ring; <paramref name="chunk"/> is the one the lines were noted against.</summary>
    public void Commit(ReadOnlySpan<byte> chunk)
    {
        if (_slots is null)
        {
            return;
        }

        var capacity = target.Capacity;
        var lines = new string[_count];
        for (var i = 0; i < _count; i++)
        {
            var (offset, length, text) = _slots[(_next - _count + i + capacity) % capacity];
            // (A chunk abandoned by a failure leaves ranges the next chunk does not have: cut to fit.)
            lines[i] = text ?? Decode(chunk[Math.Min(offset, chunk.Length)..Math.Min(offset + length, chunk.Length)]);
        }

        target.Add(lines);
        ArrayPool<(int, int, string?)>.Shared.Return(_slots, clearArray: true);
        _slots = null;
        _count = 0;
        _next = 0;
    }

    private string Decode(ReadOnlySpan<byte> line)
    {
        if (line.Length > MaxTextBytes)
        {
            // Cut at a character boundary rather than in the middle of one.
            var cut = MaxTextBytes;
            while (cut > 0 && (line[cut] & 0xC0) == 0x80)
            {
                cut--;
            }

            line = line[..cut];
        }

        return string.Concat(_prefix, Encoding.UTF8.GetString(line));
    }
}
