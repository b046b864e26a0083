using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.ProcessManager.Registry;

namespace OpenDaemon.Plugins.ProcessManager.Monitoring;

/// <summary>
/// CPU and memory of every instance's whole process tree, from one pass over /proc (each app is
/// its own session, so the session id groups a tree). A pass costs about 30 µs per process on
/// these VMs — 30 ms with 1,000 apps — so readers (<c>od ls</c>) get the last sample at once and a
/// sample older than <see cref="MaxSampleAge"/> is refreshed in the background, like <c>top</c>'s
/// refresh; only a sample older than <see cref="MaxStaleAge"/> (or none) is taken while the reader
/// waits, or one older than <see cref="MaxSampleAge"/> that does not know the process yet. Nothing samples while nobody looks, except the <c>maxMemory</c> check for apps that set it.
/// </summary>
internal sealed class ResourceMonitor : IAsyncDisposable
{
    public static readonly TimeSpan MaxSampleAge = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxStaleAge = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MemoryCheckInterval = TimeSpan.FromSeconds(3);

    private readonly ProcessTable _table;
    private readonly TimeProvider _time;
    private readonly ProcessTreeSampler _sampler = new();
    private readonly Lock _lock = new();
    private readonly Lock _samplingLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _memoryLoop;
    private Sample? _previous;
    private Sample? _current;
    private Task? _refreshing;

    public ResourceMonitor(ProcessTable table, TimeProvider time)
    {
        _table = table;
        _time = time;
        _memoryLoop = Task.Run(CheckMemoryLoopAsync);
    }

    /// <summary>Usage of the tree whose session is <paramref name="pid"/>, from a sample at most a second old.</summary>
    public TreeReading? Read(int pid)
    {
        var (previous, current) = Fresh(pid);
        if (!current.Sessions.TryGetValue(pid, out var usage))
        {
            return null;
        }

        double? cpu = null;
        if (previous is not null && previous.Sessions.TryGetValue(pid, out var before) && current.At > previous.At)
        {
            var seconds = (current.At - previous.At).TotalSeconds;
            cpu = Math.Max(0, usage.CpuTicks - before.CpuTicks) / (double)ProcessTreeSampler.ClockTicksPerSecond / seconds * 100;
        }

        return new TreeReading(usage.ResidentBytes, cpu, usage.ProcessCount);
    }

    private (Sample? Previous, Sample Current) Fresh(int pid)
    {
        var requested = _time.GetTimestamp();
        lock (_lock)
        {
            var age = _current is null ? TimeSpan.MaxValue : _time.GetElapsedTime(_current.Timestamp);
            // A process started since the last sample (just started, or restarted) would show no
            // figures at all: worth one wait, at most once per MaxSampleAge.
            var unseen = _current is not null && !_current.Sessions.ContainsKey(pid);
            if (!(age > MaxStaleAge || (unseen && age > MaxSampleAge)))
            {
                if (age > MaxSampleAge && _refreshing is null or { IsCompleted: true })
                {
                    _refreshing = Task.Run(() => Refresh(_time.GetTimestamp()));
                }

                return (_previous, _current!);
            }
        }

        Refresh(requested);
        lock (_lock)
        {
            return (_previous, _current!);
        }
    }

    /// <summary>
    /// Takes a sample unless one was started at or after <paramref name="requested"/>. The pass runs
    /// outside <see cref="_lock"/>: readers keep getting the last sample while /proc is read (30 ms
    /// with 1,000 apps), instead of all waiting for it.
    /// </summary>
    private void Refresh(long requested)
    {
        // One pass at a time: the sampler reuses its buffer. A caller that waited here for another
        // pass usually finds it fresh enough.
        lock (_samplingLock)
        {
            if (Volatile.Read(ref _current) is { } current && current.Timestamp >= requested)
            {
                return;
            }

            var sample = new Sample(_time.GetTimestamp(), _time.GetUtcNow(), _sampler.SampleSessions());
            lock (_lock)
            {
                _previous = _current;
                _current = sample;
            }
        }
    }

    private async Task CheckMemoryLoopAsync()
    {
        using var timer = new PeriodicTimer(MemoryCheckInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                CheckMemory();
            }
        }
        catch (OperationCanceledException)
        {
            // Daemon stopping.
        }
    }

    private void CheckMemory()
    {
        var limited = _table.Instances.Where(instance => instance.Snapshot is { Config.MaxMemory: not null, Pid: not null }).ToList();
        if (limited.Count == 0)
        {
            return;
        }

        Refresh(_time.GetTimestamp());
        foreach (var instance in limited)
        {
            var snapshot = instance.Snapshot;
            if (snapshot.Pid is { } pid && Read(pid) is { } reading && reading.ResidentBytes > snapshot.Config.MaxMemory)
            {
                instance.ReportMemoryExceeded(pid, reading.ResidentBytes);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _memoryLoop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private sealed record Sample(long Timestamp, DateTimeOffset At, IReadOnlyDictionary<int, TreeUsage> Sessions);
}

/// <summary>One tree's usage: resident bytes, CPU percent of one core since the previous sample (null on the first), process count.</summary>
internal readonly record struct TreeReading(long ResidentBytes, double? CpuPercent, int ProcessCount);
