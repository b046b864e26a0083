namespace OpenDaemon.Plugins.Metrics.History;

/// <summary>
/// A fixed-size ring of samples, allocated once at its full size: the newest overwrites the oldest, so
/// a series never grows past its retention. One writer (the collector) and any number of readers (RPC
/// calls copying a range out) share it under a small lock, held for a copy of at most the ring's length.
/// </summary>
internal sealed class SampleRing<T>(int capacity)
    where T : struct
{
    private readonly T[] _samples = new T[capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public int Capacity => _samples.Length;

    public void Add(T sample)
    {
        lock (_lock)
        {
            _samples[_next] = sample;
            _next = (_next + 1) % _samples.Length;
            _count = Math.Min(_count + 1, _samples.Length);
        }
    }

    /// <summary>The samples, oldest first.</summary>
    public T[] ToArray()
    {
        lock (_lock)
        {
            var copy = new T[_count];
            var start = (_next - _count + _samples.Length) % _samples.Length;
            for (var i = 0; i < _count; i++)
            {
                copy[i] = _samples[(start + i) % _samples.Length];
            }

            return copy;
        }
    }
}
