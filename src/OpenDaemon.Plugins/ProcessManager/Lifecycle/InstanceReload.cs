using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

// Overview
// ========
// One zero-downtime reload of one instance, inside its actor (ARCHITECTURE §4: every transition in the
// actor's loop). The instance keeps its id, name, index and counters; only its run is replaced, as PM2
// keeps the pm_id. At most two runs exist at a time: the instance's own (InstanceRunner.Run, the one
// od ls shows) and one beside it, owned here:
//
//   Incoming  the new run, spawned while the old one still serves. It goes through the same gates as a
//             start — READY=1 / process.send('ready') with waitReady, the first healthy report with a
//             health check, both bounded by readyTimeout — or, with neither, it counts as ready once it
//             stayed up minUptime (PM2 waits for 'listening' or listen_timeout). Ready → it is promoted:
//             it becomes the instance's run (state stays online, a transition says "reloaded") and the old
//             run becomes Outgoing. Exits, not ready in time, health failure, or the instance leaving
//             online (a stop, a restart, a crash of the old run) → the reload fails: the new run goes
//             (Outgoing) and the old one keeps serving, untouched.
//   Outgoing  a run being stopped by the reload: the old one (stop signal or shutdown message, killTimeout,
//             then SIGKILL — so its in-flight requests finish) or a new one that failed.
//
// Messages of the two runs carry their run ids; the state machine hands those of Incoming and Outgoing
// here, everything else (the instance's own run, commands) goes through the normal table. The reload is
// over once neither run is left; the command is then answered with how it went.
internal sealed class InstanceReload
{
    private readonly InstanceRunner _runner;
    private readonly TaskCompletionSource<ReloadOutcome> _done;

    private InstanceReload(InstanceRunner runner, TaskCompletionSource<ReloadOutcome> done)
    {
        _runner = runner;
        _done = done;
    }

    /// <summary>The new run, until it is ready (promoted) or has failed.</summary>
    public InstanceRun? Incoming { get; private set; }

    /// <summary>The run the reload is stopping: the replaced one, or a new one that failed.</summary>
    public InstanceRun? Outgoing { get; private set; }

    /// <summary>Why the reload failed; null while it goes well.</summary>
    public string? Failure { get; private set; }

    /// <summary>True once neither run is left: the reload is over.</summary>
    public bool Finished => Incoming is null && Outgoing is null;

    /// <summary>What od ls shows while it runs.</summary>
    public string Activity => (Incoming, Outgoing, Failure) switch
    {
        ({ } incoming, _, _) => $"reloading: new pid {incoming.Pid} starting",
        (_, { } outgoing, null) => $"reloading: old pid {outgoing.Pid} draining",
        (_, { } outgoing, _) => $"reload failed: stopping new pid {outgoing.Pid}",
        _ => Failure is null ? "reloaded" : "reload failed",
    };

    private Config.Model.ProcessConfig Config => _runner.Config;

    /// <summary>Spawns the new run beside the instance's; a spawn failure ends the reload at once (failed).</summary>
    public static async ValueTask<InstanceReload> BeginAsync(InstanceRunner runner, TaskCompletionSource<ReloadOutcome> done)
    {
        var reload = new InstanceReload(runner, done);
        var (run, error) = await runner.LaunchAsync().ConfigureAwait(false);
        if (run is null)
        {
            reload.Failure = $"the new run could not start: {error!.Message}";
            return reload;
        }

        reload.Incoming = run;
        if (runner.Config.WaitReady || run.HealthWatch is not null)
        {
            run.Timers.Arm(TimerKind.Ready, runner.Config.ReadyTimeout);
        }
        else
        {
            run.Timers.Arm(TimerKind.Settle, runner.Config.MinUptime);
        }

        return reload;
    }

    /// <summary>True when <paramref name="run"/> is one of the reload's runs (its messages go to <see cref="HandleAsync"/>).</summary>
    public bool Owns(int run) => Incoming?.Id == run || Outgoing?.Id == run;

    public ValueTask HandleAsync(InstanceMessage message)
    {
        switch (message)
        {
            case ProcessExitedEvent exited:
                return OnExitedAsync(exited);
            case NotifyEvent notify when Incoming is { } run && notify.Run == run.Id:
                OnNotify(run, notify.Message);
                break;
            case HealthReportEvent health when Incoming is { } run && health.Run == run.Id:
                OnHealthReport(run, health);
                break;
            case TimerEvent timer:
                return OnTimerAsync(timer);
        }

        return ValueTask.CompletedTask; // the old run's notify, health and memory reports: it is going anyway
    }

    /// <summary>The new run goes and the old one stays: the reload failed for <paramref name="reason"/>.</summary>
    public void Abandon(string reason)
    {
        if (Incoming is not { } run)
        {
            return;
        }

        Failure ??= reason;
        Incoming = null;
        Outgoing = run;
        _runner.SignalStop(run, StopIntent.ReloadAbandoned, reason);
    }

    /// <summary>Answers the reload command; called once <see cref="Finished"/>.</summary>
    public void Answer(InstanceSnapshot snapshot) =>
        _done.TrySetResult(Failure is null
            ? new ReloadOutcome(ReloadResult.Reloaded, $"reloaded: now pid {snapshot.Pid}", snapshot)
            : new ReloadOutcome(ReloadResult.Failed, Failure, snapshot));

    private async ValueTask OnExitedAsync(ProcessExitedEvent exited)
    {
        if (Incoming is { } incoming && exited.Run == incoming.Id)
        {
            // Died before it was ready: whatever it left goes too, the old run never noticed.
            Failure ??= $"the new run (pid {incoming.Pid}) exited before it was ready: {exited.Exit}";
            incoming.Timers.Disarm(TimerKind.Ready);
            incoming.Timers.Disarm(TimerKind.Settle);
            incoming.CloseNotifications();
            incoming.Exit = exited.Exit;
            _runner.KillLeftovers(incoming);
            Incoming = null;
            await _runner.EndRunAsync(incoming).ConfigureAwait(false);
            return;
        }

        if (Outgoing is { } outgoing && exited.Run == outgoing.Id)
        {
            outgoing.Timers.Disarm(TimerKind.Kill);
            outgoing.CloseNotifications();
            outgoing.Exit = exited.Exit;
            await ContinueStopAsync(outgoing).ConfigureAwait(false);
        }
    }

    private async ValueTask OnTimerAsync(TimerEvent timer)
    {
        if (Incoming is { } incoming && incoming.Timers.IsCurrent(timer))
        {
            switch (timer.Kind)
            {
                case TimerKind.Ready when incoming.OnlineDespiteReadyTimeout(Config.ReadyTimeoutAction):
                    Promote(incoming, $"reloaded: new pid {incoming.Pid} sent no ready within readyTimeout {Config.ReadyTimeout.TotalSeconds:0.###}s, promoted anyway (readyTimeoutAction: online, as PM2)");
                    break;
                case TimerKind.Ready:
                    Abandon(NotReadyReason(incoming));
                    break;
                case TimerKind.Settle:
                    Promote(incoming, $"reloaded: new pid {incoming.Pid} stayed up minUptime {Config.MinUptime.TotalSeconds:0.###}s");
                    break;
            }

            return;
        }

        if (Outgoing is { } outgoing && outgoing.Timers.IsCurrent(timer))
        {
            switch (timer.Kind)
            {
                case TimerKind.Drain:
                    _runner.SignalAfterDrain(outgoing);
                    break;
                case TimerKind.Kill:
                    _runner.Kill(outgoing);
                    break;
                case TimerKind.GroupCheck:
                    await ContinueStopAsync(outgoing).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async ValueTask ContinueStopAsync(InstanceRun outgoing)
    {
        if (await _runner.ContinueStopAsync(outgoing).ConfigureAwait(false))
        {
            Outgoing = null;
        }
    }

    private void OnNotify(InstanceRun run, NotifyMessage message)
    {
        run.ReadyStatus = message.Status ?? run.ReadyStatus;
        if (message.IsWatchdogPing)
        {
            run.LastWatchdogAt = _runner.Time.GetUtcNow();
        }

        if (message.IsReady && !run.Ready)
        {
            run.Ready = true;
            PromoteIfReady(run, run.ReadyStatus is null ? "ready" : $"ready: {run.ReadyStatus}");
        }
    }

    private void OnHealthReport(InstanceRun run, HealthReportEvent report)
    {
        var health = report.Report.Health;
        run.Health = health;
        if (report.Report.FailureThresholdReached)
        {
            Abandon($"the new run's health check failed {health.ConsecutiveFailures} times: {health.Message}");
            return;
        }

        if (health.Status == HealthStatus.Healthy && !run.HealthPassed)
        {
            run.HealthPassed = true;
            PromoteIfReady(run, $"healthy: {health.Message}");
        }
    }

    private void PromoteIfReady(InstanceRun run, string why)
    {
        if (run.ReadyToGoOnline(Config.WaitReady))
        {
            Promote(run, $"reloaded: new pid {run.Pid} {why}");
        }
    }

    // The new run takes the instance's place; the old one is asked to stop as a stop would ask it.
    private void Promote(InstanceRun run, string reason)
    {
        if (_runner.State != ProcessState.Online || _runner.Run is not { Stop: null })
        {
            Abandon($"cancelled: the instance went {InstanceActor.StateName(_runner.State)}");
            return;
        }

        run.Timers.Disarm(TimerKind.Ready);
        run.Timers.Disarm(TimerKind.Settle);
        Incoming = null;
        if (_runner.Promote(run, reason) is { } old)
        {
            Outgoing = old;
            _runner.SignalStop(old, StopIntent.Replaced, $"replaced by pid {run.Pid} (reload)");
        }
    }

    private string NotReadyReason(InstanceRun run) => Config.WaitReady && !run.Ready
        ? $"the new run (pid {run.Pid}) was not ready after readyTimeout {Config.ReadyTimeout.TotalSeconds:0.###}s: no READY=1 arrived on NOTIFY_SOCKET (nor process.send('ready'))"
        : $"the new run (pid {run.Pid}) was not healthy after readyTimeout {Config.ReadyTimeout.TotalSeconds:0.###}s: {run.Health?.Message ?? "no check finished"}";
}
