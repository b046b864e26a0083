using Microsoft.Extensions.Logging;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Kernel.Events;
using OpenDaemon.Plugins.HealthCheck.Probes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.HealthCheck;

/// <summary>
/// Probes one run of one instance until disposed: wait <c>initialDelay</c>, then check, report, wait
/// <c>interval</c>, check again. One async loop, no thread of its own: while it waits it holds a
/// timer of the TimeProvider, while it probes it holds whatever async I/O the probe does.
/// </summary>
/// <remarks>
/// Overview. The next check is timed from the end of the previous one, so checks never overlap, and
/// a hung probe is cut at <c>timeout</c> (<see cref="ProbeRunner"/>) and counts as a failure. Reports
/// come from this loop only, so they are never concurrent; once <see cref="DisposeAsync"/> has
/// returned, none follows. The report goes out after every probe (cheap: the process manager posts it to
/// the instance's inbox), which keeps latency and the last message in <c>od info</c> current.
/// </remarks>
internal sealed partial class HealthWatch : IAsyncDisposable
{
    private readonly HealthTarget _target;
    private readonly IHealthProbe _probe;
    private readonly Action<HealthReport> _report;
    private readonly TimeProvider _time;
    private readonly IEventBus _events;
    private readonly ILogger _logger;
    private readonly Action<HealthWatch> _ended;
    private readonly HealthTracker _tracker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    public HealthWatch(HealthTarget target, IHealthProbe probe, Action<HealthReport> report, HealthWatchServices services, Action<HealthWatch> ended)
    {
        _target = target;
        _probe = probe;
        _report = report;
        _time = services.Time;
        _events = services.Events;
        _logger = services.Logger;
        _ended = ended;
        _tracker = new HealthTracker(target.Check, OpenDaemon.Contracts.ConfigNames.Of(target.Check.Type), _time.GetUtcNow());
        _loop = RunAsync(_stop.Token);
    }

    public ProcessHealth Health => _tracker.Current;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        (_probe as IDisposable)?.Dispose();
        _ended(this);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var check = _target.Check;

        // The initial delay's timer is set before Watch returns (a fake clock in a test can be advanced at
        // once), and the first probe never runs on the caller's thread (the instance actor's loop).
        var first = check.InitialDelay > TimeSpan.Zero ? Task.Delay(check.InitialDelay, _time, stop) : Task.CompletedTask;
        await first.ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var started = _time.GetTimestamp();
                var result = await ProbeRunner.RunAsync(_probe, check.Timeout, _time, stop).ConfigureAwait(false);
                var update = _tracker.Record(result, _time.GetElapsedTime(started), _time.GetUtcNow());

                // Armed before reporting, so that whoever reacts to the report finds the next check scheduled.
                var next = Task.Delay(check.Interval, _time, stop);
                Publish(update);
                await next.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive a bug in one round; it is logged and the next check is on time.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogLoopFailed(_logger, error, _target.Name, _target.Id);
                await Task.Delay(check.Interval, _time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Publish(HealthUpdate update)
    {
        if (update.Changed)
        {
            LogStatusChanged(_logger, _target.Name, _target.Id, update.PreviousStatus, update.Health.Status, update.Health.Message);
        }

        HealthEvents.Publish(_events, _target, update);
        _report(new HealthReport(update.Health, update.FailureThresholdReached));
    }
}

/// <summary>What every watch shares.</summary>
internal sealed record HealthWatchServices(TimeProvider Time, IEventBus Events, ILogger Logger);
