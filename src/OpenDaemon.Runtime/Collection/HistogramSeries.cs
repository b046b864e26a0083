namespace OpenDaemon.Runtime.Collection;

/// <summary>
/// A histogram's buckets, sum and count. A lock keeps the three consistent with one another (a report never sees a
/// count without its bucket); it is held for a few instructions per measurement.
/// </summary>
internal sealed class HistogramSeries(double[] bounds) : Series
{
    private readonly Lock _lock = new();
    private readonly long[] _counts = new long[bounds.Length]; // per bucket, not cumulative; above the last bound only in _count
    private double _sum;
    private long _count;

    /// <summary>The upper bounds of the buckets, ascending (shared, never written).</summary>
    public IReadOnlyList<double> Bounds => bounds;

    public override void Record(double value)
    {
        var bucket = Array.BinarySearch(bounds, value);
        if (bucket < 0)
        {
            bucket = ~bucket; // the first bound above the value
        }

        lock (_lock)
        {
            if (bucket < _counts.Length)
            {
                _counts[bucket]++;
            }

            _sum += value;
            _count++;
        }
    }

    /// <summary>Fills <paramref name="cumulative"/> (one per bound) with the counts at or below each bound; returns the sum and count.</summary>
    public (double Sum, long Count) Read(Span<long> cumulative)
    {
        lock (_lock)
        {
            long running = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                running += _counts[i];
                cumulative[i] = running;
            }

            return (_sum, _count);
        }
    }
}
