using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.HealthCheck.Probes;

/// <summary>
/// <c>cpu</c>: the CPU use of the run's whole process tree, in percent of one core, is below <c>maxCpu</c>.
/// The figure is the average since this check's previous probe (CPU ticks of the tree between two
/// samples), so a short spike between checks is smoothed rather than missed or over-weighted; the first
/// probe waits for a second sample, about a second after the first.
/// </summary>
internal sealed class CpuProbe(int pid, double maxPercent, TreeUsageCache usage, TimeProvider time) : IHealthProbe
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(10);

    private (long Timestamp, long Ticks)? _previous;

    public async ValueTask<ProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        var sample = await usage.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_previous is null || _previous.Value.Timestamp == sample.Timestamp)
        {
            if (!Remember(sample))
            {
                return NotRunning();
            }

            sample = await SampleAfterAsync(sample.Timestamp, cancellationToken).ConfigureAwait(false);
        }

        var previous = _previous!.Value;
        if (!Remember(sample))
        {
            return NotRunning();
        }

        var seconds = time.GetElapsedTime(previous.Timestamp, sample.Timestamp).TotalSeconds;
        var ticks = Math.Max(0, _previous!.Value.Ticks - previous.Ticks);
        var percent = ticks / (double)ProcessTreeSampler.ClockTicksPerSecond / seconds * 100;
        var text = $"cpu {percent:0.#}% (limit {maxPercent:0.#}%)";
        return percent < maxPercent ? ProbeResult.Pass(text) : ProbeResult.Fail(text);
    }

    /// <summary>
    /// The first sample taken after <paramref name="timestamp"/>. Timers may fire a millisecond before
    /// the clock says the cache has aged, and the cache would then hand back the same sample (a zero
    /// interval that reads as 0 % CPU), so this waits again until a newer sample exists.
    /// </summary>
    private async Task<TreeSample> SampleAfterAsync(long timestamp, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TreeUsageCache.MaxAge - time.GetElapsedTime(timestamp);
            await Task.Delay(wait > MinimumWait ? wait : MinimumWait, time, cancellationToken).ConfigureAwait(false);
            var sample = await usage.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (sample.Timestamp != timestamp)
            {
                return sample;
            }
        }
    }

    private bool Remember(TreeSample sample)
    {
        if (!sample.Sessions.TryGetValue(pid, out var tree))
        {
            _previous = null;
            return false;
        }

        _previous = (sample.Timestamp, tree.CpuTicks);
        return true;
    }

    private ProbeResult NotRunning() => ProbeResult.Fail($"no process of pid {pid}'s tree is running");
}
