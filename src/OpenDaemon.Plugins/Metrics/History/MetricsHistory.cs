using System.Collections.Concurrent;
using OpenDaemon.Contracts.Metrics;

namespace OpenDaemon.Plugins.Metrics.History;

/// <summary>
/// Every series the collector keeps: one <see cref="ProcessSeries"/> per instance (made at its first pass,
/// dropped when the instance is deleted, delta-encoded) and one <see cref="SampleRing{T}"/> for the machine,
/// each holding the retention at the collector's interval. Readers turn a range into points of a given step.
/// </summary>
internal sealed class MetricsHistory(TimeSpan interval, TimeSpan retention, DateTimeOffset epoch)
{
    private readonly ConcurrentDictionary<int, ProcessSeries> _instances = new();

    public int Capacity { get; } = Math.Max(1, (int)Math.Ceiling(retention / interval));

    public TimeSpan Interval => interval;

    public TimeSpan Retention => retention;

    public SampleRing<SystemSample> System { get; } = new(Math.Max(1, (int)Math.Ceiling(retention / interval)));

    public int InstanceCount => _instances.Count;

    /// <summary>Bytes the history holds: the instances' encoded samples and the machine's ring.</summary>
    public long TotalBytes => _instances.Values.Sum(series => series.Bytes) + ((long)System.Capacity * SystemSample.Size);

    public int ToSeconds(DateTimeOffset at) => (int)Math.Floor((at - epoch).TotalSeconds);

    public DateTimeOffset FromSeconds(int seconds) => epoch.AddSeconds(seconds);

    public void Record(int instanceId, ProcessSample sample) =>
        _instances.GetOrAdd(instanceId, static (_, capacity) => new ProcessSeries(capacity), Capacity).Add(sample);

    /// <summary>Drops the series of instances that no longer exist.</summary>
    public void KeepOnly(IReadOnlySet<int> instanceIds)
    {
        foreach (var id in _instances.Keys)
        {
            if (!instanceIds.Contains(id))
            {
                _instances.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Points of one instance from <paramref name="from"/> (inclusive) to <paramref name="to"/> (inclusive), one per step that has passes.</summary>
    public IReadOnlyList<ProcessPoint> Points(int instanceId, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        if (!_instances.TryGetValue(instanceId, out var ring))
        {
            return [];
        }

        var points = new List<ProcessPoint>();
        foreach (var bucket in Buckets(ring.ToArray(), sample => sample.AtSeconds, from, to, step))
        {
            var cpu = bucket.Samples.Where(s => !float.IsNaN(s.CpuPercent)).Select(s => (double)s.CpuPercent).ToList();
            points.Add(new ProcessPoint
            {
                At = bucket.At,
                CpuPercent = cpu.Count > 0 ? Math.Round(cpu.Average(), 2) : null,
                MemoryBytes = (long)bucket.Samples.Average(s => (double)s.MemoryKiB) * 1024,
                OpenFiles = (int)Math.Round(bucket.Samples.Average(s => s.OpenFiles)),
                Threads = (int)Math.Round(bucket.Samples.Average(s => s.Threads)),
                IoReadBytes = bucket.Samples.Sum(s => (long)s.IoReadKiB) * 1024,
                IoWriteBytes = bucket.Samples.Sum(s => (long)s.IoWriteKiB) * 1024,
            });
        }

        return points;
    }

    public IReadOnlyList<SystemPoint> SystemPoints(DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var points = new List<SystemPoint>();
        foreach (var bucket in Buckets(System.ToArray(), sample => sample.AtSeconds, from, to, step))
        {
            var cpu = bucket.Samples.Where(s => !float.IsNaN(s.CpuPercent)).Select(s => (double)s.CpuPercent).ToList();
            points.Add(new SystemPoint
            {
                At = bucket.At,
                CpuPercent = cpu.Count > 0 ? Math.Round(cpu.Average(), 2) : null,
                MemoryUsedBytes = (long)bucket.Samples.Average(s => (double)s.MemoryUsedKiB) * 1024,
                Load1 = Math.Round(bucket.Samples.Average(s => s.Load1), 2),
            });
        }

        return points;
    }

    // Groups the samples in [from, to] by step, oldest first; empty steps are left out.
    private IEnumerable<(DateTimeOffset At, List<T> Samples)> Buckets<T>(T[] samples, Func<T, int> seconds, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var fromSeconds = ToSeconds(from);
        var toSeconds = ToSeconds(to);
        var stepSeconds = Math.Max(1, (int)Math.Round(step.TotalSeconds));
        return samples
            .Where(sample => seconds(sample) >= fromSeconds && seconds(sample) <= toSeconds)
            .GroupBy(sample => (seconds(sample) - fromSeconds) / stepSeconds)
            .OrderBy(group => group.Key)
            .Select(group => (FromSeconds(fromSeconds + (group.Key * stepSeconds)), group.ToList()));
    }
}
