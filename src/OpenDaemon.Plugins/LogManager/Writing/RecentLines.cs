namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// A run's last lines of both streams (<c>"stdout &lt;text&gt;"</c>), kept with the exit record of an
/// abnormal exit. Filled a chunk at a time by the pumps (<see cref="ChunkTail"/>), read rarely.
/// </summary>
internal sealed class RecentLines(int capacity)
{
    private readonly Lock _lock = new();
    private readonly string[] _ring = new string[capacity];
    private int _next;
    private int _count;

    public int Capacity => capacity;

    public void Add(ReadOnlySpan<string> lines)
    {
        lock (_lock)
        {
            foreach (var line in lines)
            {
                _ring[_next] = line;
                _next = (_next + 1) % capacity;
                _count = Math.Min(_count + 1, capacity);
            }
        }
    }

    /// <summary>The kept lines, oldest first.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            var lines = new string[_count];
            for (var i = 0; i < _count; i++)
            {
                lines[i] = _ring[(_next - _count + i + capacity) % capacity];
            }

            return lines;
        }
    }
}
