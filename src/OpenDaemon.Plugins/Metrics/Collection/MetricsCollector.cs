using Microsoft.Extensions.Logging;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.Abstractions;
using OpenDaemon.Plugins.Metrics.History;

namespace OpenDaemon.Plugins.Metrics.Collection;

// Overview
//
// One loop, on the thread pool, owns collection: at start and then at every tick of a PeriodicTimer on
// the daemon's TimeProvider it reads the instances' states from the process manager (snapshots, no
// /proc), makes ONE /proc pass (ProcessTreeSampler, the same sampler `od ls` and the health checks use,
// here asking for open files and I/O of the managed sessions only, and not reading again the processes of
// runs whose cgroup says they did not run since the last pass: RunGroups), reads the machine's figures, then
// swaps in an immutable MetricsFrame, appends to the history rings and hands the frame to each sink.
// Readers (RPC, the Prometheus listener) only read Latest (a volatile reference) and the rings (each
// under its own lock). A pass that throws is logged and the loop goes on; sinks never block it.
// Passes never overlap: the next tick waits until the current pass has finished.

/// <summary>Samples every instance and the machine at the configured interval; see the overview in the source.</summary>
internal sealed partial class MetricsCollector : IAsyncDisposable
{
    private readonly MetricsSettings _settings;
    private readonly Func<IProcessManager?> _processes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IMetricsSink> _sinks;
    private readonly ProcessTreeSampler _sampler = new();
    private readonly SystemSampler _system = new();
    private readonly InstanceReadings _readings = new();
    private readonly RunGroups _runGroups = new();

    // Per-pass working sets, kept and cleared rather than made again: with 1,000 apps a pass that allocates
    // 1 MB or more looks like a burst to BurstMemoryReturner, which then compacts the heap every 30 s.
    private readonly List<(int Id, int Pid)> _running = [];
    private readonly HashSet<int> _pids = [];
    private readonly HashSet<int> _ids = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private MetricsFrame? _latest;
    private long _lastPassTimestamp;
    private long _sequence;

    public MetricsCollector(MetricsSettings settings, Func<IProcessManager?> processes, TimeProvider time, ILogger logger, IReadOnlyList<IMetricsSink> sinks)
    {
        _settings = settings;
        _processes = processes;
        _time = time;
        _logger = logger;
        _sinks = sinks;
        History = new MetricsHistory(settings.Interval, settings.Retention, time.GetUtcNow());
    }

    public MetricsHistory History { get; }

    /// <summary>What apps last reported over the runtime socket, per session (app instance) id; null or empty when none reports.</summary>
    public Func<IReadOnlyDictionary<int, Runtime.ReportedByApp>?> Reported { get; init; } = () => null;

    public MetricsSettings Settings => _settings;

    /// <summary>The latest pass; null before the first.</summary>
    public MetricsFrame? Latest => Volatile.Read(ref _latest);

    public void Start() => _loop ??= Task.Run(LoopAsync);

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_settings.Interval, _time);
        try
        {
            do
            {
                Collect();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Plugin stopping.
        }
    }

    /// <summary>One pass; the loop's body, also called directly by tests and the bench.</summary>
    internal void Collect()
    {
        try
        {
            CollectCore();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LogPassFailed(_logger, error);
        }
    }

    private void CollectCore()
    {
        var timestamp = _time.GetTimestamp();
        var now = _time.GetUtcNow();
        var sinceLast = _lastPassTimestamp == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_lastPassTimestamp, timestamp);
        _lastPassTimestamp = timestamp;
        var sequence = ++_sequence;

        var statuses = (_processes()?.Statuses() ?? []).Where(status => status.Config.Metrics?.Enabled != false).ToList();
        _running.Clear();
        _pids.Clear();
        foreach (var status in statuses)
        {
            if (status.Pid is { } running)
            {
                _running.Add((status.Id, running));
                _pids.Add(running);
            }
        }

        var (cgroups, unchanged) = _runGroups.ReadPass(_running);
        var sessions = _sampler.SampleManagedSessions(_pids, unchanged);
        var system = _system.Sample();
        var reported = Reported();

        var atSeconds = History.ToSeconds(now);
        var rows = new List<Contracts.Metrics.ProcessMetrics>(statuses.Count);
        foreach (var status in statuses)
        {
            var row = _readings.Read(status, sessions, cgroups.TryGetValue(status.Id, out var cgroup) ? cgroup : null, timestamp, sinceLast, now, out var readDelta, out var writeDelta);
            if (status.Pid is { } pid && reported is not null && reported.TryGetValue(pid, out var byApp))
            {
                row = row with { Runtime = byApp.Node, Custom = byApp.Custom };
            }

            rows.Add(row);
            if (row.MemoryBytes is { } memory && RecordsThisPass(status, sequence))
            {
                History.Record(status.Id, new ProcessSample(
                    atSeconds, (float)(row.CpuPercent ?? double.NaN), (int)Math.Min(int.MaxValue, memory / 1024),
                    row.OpenFiles ?? 0, row.Threads ?? 0, (int)Math.Min(int.MaxValue, readDelta / 1024), (int)Math.Min(int.MaxValue, writeDelta / 1024)));
            }
        }

        _ids.Clear();
        _ids.UnionWith(statuses.Select(s => s.Id));
        _readings.KeepOnly(_ids);
        History.KeepOnly(_ids);
        History.System.Add(new SystemSample(atSeconds, (float)(system.CpuPercent ?? double.NaN), system.MemoryUsedBytes / 1024, (float)system.LoadAverage[0]));

        var frame = new MetricsFrame(sequence, now, system, rows, _time.GetElapsedTime(timestamp));
        Volatile.Write(ref _latest, frame);
        foreach (var sink in _sinks)
        {
            sink.Publish(frame);
        }
    }

    // apps[].metrics.interval: an app that asks for a longer interval is recorded every n-th pass
    // (rounded to a multiple of the collector's interval; shorter ones get the collector's).
    private bool RecordsThisPass(InstanceStatus status, long sequence)
    {
        var every = status.Config.Metrics?.Interval is { } interval ? Math.Max(1, (long)Math.Round(interval / _settings.Interval)) : 1;
        return (sequence - 1) % every == 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        foreach (var sink in _sinks)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "metrics pass failed; the next one runs at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception error);
}
