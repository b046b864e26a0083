using System.Text;

namespace OpenDaemon.Plugins.LogManager;

/// <summary>
/// The last lines of a byte stream, kept cheaply so that a crash can be explained ("od info"
/// shows what the app last wrote to stderr). Lines are capped in length; only the tail is kept.
/// </summary>
internal sealed class LineTail(int capacity, int maxLineLength = 1000)
{
    private readonly Queue<string> _lines = new();
    private readonly StringBuilder _partial = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly Lock _lock = new();

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[1024];
        lock (_lock)
        {
            while (!bytes.IsEmpty)
            {
                var take = Math.Min(bytes.Length, 1024);
                var count = _decoder.GetChars(bytes[..take], chars, flush: false);
                bytes = bytes[take..];
                foreach (var c in chars[..count])
                {
                    if (c == '\n')
                    {
                        Complete();
                    }
                    else if (c != '\r' && _partial.Length < maxLineLength)
                    {
                        _partial.Append(c);
                    }
                }
            }
        }
    }

    /// <summary>The kept lines, oldest first, including an unfinished last line.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_lock)
        {
            return _partial.Length > 0 ? [.. _lines, _partial.ToString()] : [.. _lines];
        }
    }

    private void Complete()
    {
        _lines.Enqueue(_partial.ToString());
        _partial.Clear();
        while (_lines.Count > capacity)
        {
            _lines.Dequeue();
        }
    }
}
