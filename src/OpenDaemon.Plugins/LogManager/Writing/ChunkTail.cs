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

    private readonly (int Offset, int Length, string? Text)[] _slots = new (int, int, string?)[target.Capacity];
    private readonly string _prefix = source + " ";
    private int _next;
    private int _count;

    public void Note(ReadOnlySpan<byte> line, ReadOnlySpan<byte> chunk)
    {
        _slots[_next] = !line.IsEmpty && chunk.Overlaps(line, out var offset)
            ? (offset, line.Length, null)
            : (0, 0, Decode(line));
        _next = (_next + 1) % _slots.Length;
        _count = Math.Min(_count + 1, _slots.Length);
    }

    /// <summary>Hands the chunk's last lines to the run's ring; <paramref name="chunk"/> is the one the lines were noted against.</summary>
    public void Commit(ReadOnlySpan<byte> chunk)
    {
        if (_count == 0)
        {
            return;
        }

        var lines = new string[_count];
        for (var i = 0; i < _count; i++)
        {
            var (offset, length, text) = _slots[(_next - _count + i + _slots.Length) % _slots.Length];
            lines[i] = text ?? Decode(chunk.Slice(offset, length));
        }

        target.Add(lines);
        Array.Clear(_slots);
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
