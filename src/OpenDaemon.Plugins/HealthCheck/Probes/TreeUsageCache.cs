using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// One /proc pass shared by every memory and cpu check: a pass costs ~30 µs per process on the whole
/// machine, so a thousand checks each scanning /proc would cost a thousand passes; here /proc is read
/// at most once per <see cref="MaxAge"/>, and checks that ask meanwhile share the last sample (or the
/// pass under way). The pass runs on the thread pool; nobody blocks on it.
/// </summary>
internal sealed class TreeUsageCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly Lazy<ProcessTreeSampler> _sampler = new(() => new ProcessTreeSampler());
    private readonly Lock _lock = new();
    private Task<TreeSample>? _latest;

    /// <summary>A sample at most <see cref="MaxAge"/> old (from when it was taken).</summary>
    public Task<TreeSample> GetAsync()
    {
        lock (_lock)
        {
            var latest = _latest;
            var fresh = latest is not null && (!latest.IsCompleted || (latest.IsCompletedSuccessfully && time.GetElapsedTime(latest.Result.Timestamp) < MaxAge));
            if (!fresh)
            {
                // Only one pass at a time: a new one starts once the previous has completed, so the
                // (not thread-safe) sampler is never used twice at once.
                latest = Task.Run(Sample);
                _latest = latest;
            }

            return latest!;
        }
    }

    private TreeSample Sample()
    {
        var timestamp = time.GetTimestamp();
        return new TreeSample(timestamp, _sampler.Value.SampleSessions());
    }
}

/// <summary>Usage of every session at one moment (<see cref="TimeProvider.GetTimestamp"/>).</summary>
internal sealed record TreeSample(long Timestamp, IReadOnlyDictionary<int, TreeUsage> Sessions);
