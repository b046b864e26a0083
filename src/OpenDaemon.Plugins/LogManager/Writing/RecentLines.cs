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

    private sealed class Ring(int capacity)
    {
        private readonly (long Sequence, string Line)[] _items = new (long, string)[capacity];
        private int _next;
        private int _count;

        public void Add(long sequence, string line)
        {
            _items[_next] = (sequence, line);
            _next = (_next + 1) % capacity;
            _count = Math.Min(_count + 1, capacity);
        }

        public List<(long Sequence, string Line)> Items()
        {
            var items = new List<(long, string)>(_count);
            for (var i = 0; i < _count; i++)
            {
                items.Add(_items[(_next - _count + i + capacity) % capacity]);
            }

            return items;
        }
    }
}
