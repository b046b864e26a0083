namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>
/// A run's last lines of both streams (<c>"stdout &lt;text&gt;"</c>), kept with the exit record of an
/// abnormal exit. Filled a chunk at a time by the pumps (<see cref="ChunkTail"/>), read rarely.
/// </summary>
/// <remarks>
/// The two pumps read side by side, so a crash message written last on stderr can be read before the
/// stdout burst that preceded it. Each stream therefore keeps its own last lines, and the snapshot always
/// includes the last quarter of the capacity from stderr (what explains a crash), the rest by arrival.
/// </remarks>
internal sealed class RecentLines(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Ring _stdout = new(capacity);
    private readonly Ring _stderr = new(capacity);
    private long _sequence;

    public int Capacity => capacity;

    public void Add(ReadOnlySpan<string> lines)
    {
        lock (_lock)
        {
            foreach (var line in lines)
            {
                (line.StartsWith("stderr ", StringComparison.Ordinal) ? _stderr : _stdout).Add(_sequence++, line);
            }
        }
    }

    /// <summary>The kept lines, at most the capacity, in arrival order.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            var stderr = _stderr.Items();
            var all = _stdout.Items().Concat(stderr).OrderBy(item => item.Sequence).ToList();
            var reserved = stderr.TakeLast(capacity / 4).Select(item => item.Sequence).ToHashSet();
            var budget = capacity - reserved.Count;
            var picked = new List<string>(Math.Min(all.Count, capacity));
            for (var i = all.Count - 1; i >= 0; i--)
            {
                if (reserved.Contains(all[i].Sequence))
                {
                    picked.Add(all[i].Line);
                }
                else if (budget > 0)
                {
                    picked.Add(all[i].Line);
                    budget--;
                }
            }

            picked.Reverse();
            return picked;
        }
    }

    // Grows by doubling until it holds `capacity` lines, then overwrites the oldest: a stream that never
    // writes (most apps' stderr, every idle app) holds no array at all (200 lines were 3.2 KB per stream).
    private sealed class Ring(int capacity)
    {
        private const int FirstSize = 8;

        private (long Sequence, string Line)[] _items = [];
        private int _next;
        private int _count;

        public void Add(long sequence, string line)
        {
            if (_count == _items.Length && _items.Length < capacity)
            {
                Array.Resize(ref _items, Math.Min(capacity, Math.Max(FirstSize, _items.Length * 2)));
                _next = _count; // not wrapped yet: the lines sit in order at the start
            }

            _items[_next] = (sequence, line);
            _next = (_next + 1) % _items.Length;
            _count = Math.Min(_count + 1, _items.Length);
        }

        public List<(long Sequence, string Line)> Items()
        {
            var items = new List<(long, string)>(_count);
            for (var i = 0; i < _count; i++)
            {
                items.Add(_items[(_next - _count + i + _items.Length) % _items.Length]);
            }

            return items;
        }
    }
}
