using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

/// <summary>
/// The gates of starting → online and what a run says about its own liveness: READY=1 and WATCHDOG=1
/// on its NOTIFY_SOCKET, and its health check's reports. A run goes online once every gate its
/// configuration asks for is open; WATCHDOG=trigger, a missed watchdog and a health check at its
/// failure threshold stop it. Part of <see cref="InstanceStateMachine"/>, called from the actor's loop only.
/// </summary>
internal sealed class OnlineGates(TimeProvider time, InstanceRunner runner, Action answerStarts)
{
    private ProcessState State => runner.State;

    private ProcessConfig Config => runner.Config;

    public ValueTask OnNotify(NotifyEvent notify)
    {
        if (runner.Run is not { } run || notify.Run != run.Id)
        {
            return ValueTask.CompletedTask;
        }

        var message = notify.Message;
        run.ReadyStatus = message.Status ?? run.ReadyStatus;
        if (message.IsReady && !run.Ready)
        {
            run.Ready = true;
            GoOnlineIfReady(run, run.ReadyStatus is null ? "ready" : $"ready: {run.ReadyStatus}");
        }

        if (message.IsWatchdogPing)
        {
            run.LastWatchdogAt = time.GetUtcNow();
            if (Config.WatchdogTimeout is { } timeout)
            {
                run.Timers.Arm(TimerKind.Watchdog, timeout);
            }
        }

        if (message.IsWatchdogTrigger && State == ProcessState.Online)
        {
            runner.BeginStop(run, StopIntent.Watchdog, "the app asked for a watchdog restart (WATCHDOG=trigger)");
        }

        return ValueTask.CompletedTask;
    }

    // A run with a check stays starting until its first healthy report (and READY=1 with waitReady);
    // reaching the failure threshold, while starting too, restarts or stops it.
    public ValueTask OnHealthReport(HealthReportEvent report)
    {
        if (runner.Run is not { } run || report.Run != run.Id || run.HealthWatch is null)
        {
            return ValueTask.CompletedTask;
        }

        var health = report.Report.Health;
        run.Health = health;
        if (health.Status == HealthStatus.Healthy && !run.HealthPassed)
        {
            run.HealthPassed = true;
            GoOnlineIfReady(run, $"healthy: {health.Message}");
        }

        if (report.Report.FailureThresholdReached && State is ProcessState.Starting or ProcessState.Online)
        {
            var why = $"health check failed {health.ConsecutiveFailures} times: {health.Message}";
            switch (run.HealthCheck!.Action)
            {
                case HealthCheckAction.Restart:
                    runner.BeginStop(run, StopIntent.HealthRestart, $"{why}; restarting");
                    break;
                case HealthCheckAction.Stop:
                    runner.BeginStop(run, StopIntent.HealthStop, $"{why}; stopped (action stop)");
                    break;
            }

            // The verdict on this start is in: whoever waits for it (od start) hears "unhealthy" now,
            // not after every restart to come, nor never (action none keeps it starting).
            answerStarts();
        }

        return ValueTask.CompletedTask;
    }

    public void GoOnlineIfReady(InstanceRun run, string? reason)
    {
        if (State == ProcessState.Starting && run.ReadyToGoOnline(Config.WaitReady))
        {
            run.Timers.Disarm(TimerKind.Ready);
            runner.Transition(ProcessState.Online, reason);
        }
    }

    // What readyTimeout says when it fires: with both gates, the one still closed.
    public string NotReadyReason(InstanceRun run) => Config.WaitReady && !run.Ready
        ? $"not ready after readyTimeout {Config.ReadyTimeout.TotalSeconds:0.###}s: no READY=1 arrived on NOTIFY_SOCKET (nor process.send('ready'))"
        : $"not healthy after readyTimeout {Config.ReadyTimeout.TotalSeconds:0.###}s: {run.Health?.Message ?? "no check finished"}";
}
