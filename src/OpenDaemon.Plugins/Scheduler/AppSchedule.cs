using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OpenDaemon.Config.Scheduling;
using OpenDaemon.Contracts.Scheduling;

namespace OpenDaemon.Plugins.Scheduler;

/// <summary>
/// One app's schedule as an actor.
/// </summary>
/// <remarks>
/// <para><b>Overview.</b> A single loop owns everything here (the armed occurrence, the open run, the
/// retry count, the history); the cron timer, the retry timer and the app's exits only post
/// <see cref="ScheduleMessage"/>s into an unbounded channel (producers are two timers and the app's
/// own exits, so it cannot grow without bound). Timers come from the daemon's <see cref="TimeProvider"/>,
/// so tests drive every schedule with a fake clock.</para>
/// <para><b>Firing.</b> The timer is armed for the next occurrence; when it fires early (timers round),
/// it is re-armed for the rest. After an occurrence the next one is computed from that occurrence, not
/// from "now", so a slow start never skips one; when the daemon was late by more than an occurrence
/// (suspend, clock jump), the missed ones are skipped and the schedule goes on from now.</para>
/// <para><b>Jobs</b> (<c>autoRestart: false</c>): each occurrence starts a run unless the previous one
/// still runs (<c>cronOverlap: false</c>, the default: the occurrence is recorded as skipped; <c>true</c>:
/// the running one is restarted, since an instance runs one process at a time). A run that exits
/// non-zero is retried <c>cronRetry</c> times with <see cref="RetryBackoff"/>. <b>Long-running apps</b>
/// are restarted gracefully at each occurrence (PM2's <c>cron_restart</c>).</para>
/// </remarks>
internal sealed partial class AppSchedule : IAsyncDisposable
{
    private readonly Channel<ScheduleMessage> _inbox = Channel.CreateUnbounded<ScheduleMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly IScheduleTarget _target;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RunHistory _history;
    private readonly Task _loop;
    private ITimer? _cronTimer;
    private ITimer? _retryTimer;
    private int _openInstances;
    private bool _openFailed;
    private long _armedTicks = long.MinValue;

    public AppSchedule(string app, Config.Model.ScheduleConfig config, bool isJob, IScheduleTarget target, RunHistory history, TimeProvider time, ILogger logger)
    {
        App = app;
        Config = config;
        IsJob = isJob;
        Schedule = CronSchedule.Parse(config.Cron, config.Timezone);
        _target = target;
        _history = history;
        _time = time;
        _logger = logger;
        _loop = RunAsync(_stop.Token);
    }

    public string App { get; }

    public Config.Model.ScheduleConfig Config { get; }

    public bool IsJob { get; }

    public CronSchedule Schedule { get; }

    /// <summary>The occurrence the cron timer waits for (null when the expression never fires again).</summary>
    public DateTimeOffset? Armed
    {
        get => Volatile.Read(ref _armedTicks) is var ticks and not long.MinValue ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        private set => Volatile.Write(ref _armedTicks, value?.UtcTicks ?? long.MinValue);
    }

    /// <summary>What <c>od cron</c> and <c>od info</c> show.</summary>
    public ScheduledApp Describe(int nextCount = 3) => new()
    {
        Name = App,
        Cron = Schedule.Text,
        Timezone = Schedule.Zone.Id,
        Mode = IsJob ? "job" : "restart",
        NextRuns = Schedule.Next(_time.GetUtcNow(), nextCount),
        LastRuns = _history.Current.Runs,
    };

    public void Post(ScheduleMessage message) => _inbox.Writer.TryWrite(message);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var now = _time.GetUtcNow();
        if (Config.CatchUp && _history.Current.LastOccurrence is { } last && Schedule.Next(last) is { } missed && missed <= now)
        {
            await FireAsync(missed, attempt: 1, "catch-up: missed while the daemon was down", cancellationToken).ConfigureAwait(false);
        }

        Arm(Schedule.Next(now));
        try
        {
            await foreach (var message in _inbox.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await HandleAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A failed start (script gone, ...) is the process manager's to report; the schedule goes on.
                    LogFireFailed(_logger, App, exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(ScheduleMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case ScheduleMessage.Due due:
                var now = _time.GetUtcNow();
                if (due.Occurrence - now > TimeSpan.FromMilliseconds(1))
                {
                    Arm(due.Occurrence);
                    return;
                }

                _history.Fired(due.Occurrence);
                var next = Schedule.Next(due.Occurrence);
                Arm(next is { } n && n <= now ? Schedule.Next(now) : next);
                await FireAsync(due.Occurrence, attempt: 1, note: null, cancellationToken).ConfigureAwait(false);
                break;
            case ScheduleMessage.RetryDue retry:
                await FireAsync(null, retry.Attempt, $"retry {retry.Attempt - 1} of {Config.Retry}", cancellationToken).ConfigureAwait(false);
                break;
            case ScheduleMessage.Exited exited:
                Ended(exited);
                break;
        }
    }

    private async Task FireAsync(DateTimeOffset? occurrence, int attempt, string? note, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        if (!IsJob)
        {
            _history.Add(new ScheduledRun { ScheduledFor = occurrence, StartedAt = started, Outcome = RunOutcomes.Restarted, Note = note });
            await _target.RestartAsync(App, cancellationToken).ConfigureAwait(false);
            return;
        }

        var running = _target.IsRunning(App);
        if (running && !Config.AllowOverlap)
        {
            _history.Add(new ScheduledRun { ScheduledFor = occurrence, StartedAt = started, Attempt = attempt, Outcome = RunOutcomes.Skipped, Note = "the previous run was still running (cronOverlap: false)" });
            LogSkipped(_logger, App);
            return;
        }

        _openInstances = _target.InstanceCount(App);
        _openFailed = false;
        _history.Add(new ScheduledRun { ScheduledFor = occurrence, StartedAt = started, Attempt = attempt, Outcome = RunOutcomes.Running, Note = note });
        LogFired(_logger, App, attempt);
        await (running ? _target.RestartAsync(App, cancellationToken) : _target.StartAsync(App, cancellationToken)).ConfigureAwait(false);
    }

    private void Ended(ScheduleMessage.Exited exited)
    {
        var newest = _history.Current.Runs.FirstOrDefault();
        if (!IsJob || _openInstances == 0 || newest is not { Outcome: RunOutcomes.Running })
        {
            return; // an exit of a run the schedule did not start (od start, od restart)
        }

        _openFailed |= exited.ExitCode is not 0;
        if (--_openInstances > 0)
        {
            return;
        }

        // The retry timer is armed before the run is recorded as failed: whoever sees "failed" sees the retry coming.
        if (_openFailed && exited.ExitCode is not null && newest.Attempt <= Config.Retry)
        {
            var attempt = newest.Attempt + 1;
            _retryTimer?.Dispose();
            _retryTimer = _time.CreateTimer(_ => Post(new ScheduleMessage.RetryDue(attempt)), null, RetryBackoff.Before(newest.Attempt), Timeout.InfiniteTimeSpan);
        }

        _history.ReplaceNewest(newest with
        {
            EndedAt = exited.At,
            ExitCode = exited.ExitCode,
            Signal = exited.Signal,
            DurationMs = (long)(exited.At - newest.StartedAt).TotalMilliseconds,
            Outcome = _openFailed ? RunOutcomes.Failed : RunOutcomes.Succeeded,
        });
    }

    private void Arm(DateTimeOffset? occurrence)
    {
        _cronTimer?.Dispose();
        _cronTimer = null;
        if (occurrence is { } at)
        {
            var due = at - _time.GetUtcNow();
            _cronTimer = _time.CreateTimer(_ => Post(new ScheduleMessage.Due(at)), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }

        // Set once the timer exists, so that a reader who sees it can rely on the timer.
        Armed = occurrence;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _inbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _cronTimer?.Dispose();
        _retryTimer?.Dispose();
        _stop.Dispose();
    }
}
