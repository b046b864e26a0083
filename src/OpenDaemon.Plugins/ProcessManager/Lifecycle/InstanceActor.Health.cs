using OpenDaemon.Config.Model;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

// Health checks (spec §3.2). Each run of an app with a healthCheck gets a watch from the health-check
// plugin; its reports arrive in the inbox like everything else, so gating and actions are ordinary state
// changes of this loop. A run with a check stays `starting` until its first healthy report (and READY=1
// with waitReady); reaching the failure threshold — while starting too — restarts or stops it.
internal sealed partial class InstanceActor
{
    private IAsyncDisposable? _healthWatch;
    private HealthCheckConfig? _healthCheck;
    private ProcessHealth? _health;
    private bool _healthPassed;

    // Both gates: READY=1 when waitReady, and a healthy report when the run is health-checked.
    private bool ReadyToGoOnline => (!_config.WaitReady || _ready) && (_healthWatch is null || _healthPassed);

    private void StartHealthWatch(int run, int pid)
    {
        _healthPassed = false;
        _healthCheck = _config.HealthCheck;
        if (_healthCheck is null || _services.Health() is not { } monitor)
        {
            _health = null;
            return;
        }

        _health = new ProcessHealth { Status = HealthStatus.Unknown, Type = Config.ConfigNames.Of(_healthCheck.Type), LastTransitionAt = _services.Time.GetUtcNow() };
        var target = new HealthTarget(_config.Name, Id, Instance, pid, _healthCheck) { WorkingDirectory = _config.Cwd };
        try
        {
            _healthWatch = monitor.Watch(target, report => Post(new HealthReportEvent(run, report)));
        }
#pragma warning disable CA1031 // A check that cannot start (the plugin stopped in between, a bug) must not fail the spawn.
        catch (Exception error)
#pragma warning restore CA1031
        {
            // The app runs unchecked rather than stuck in starting; the log says why.
            _health = null;
            LogHealthUnavailable(_services.Logger, _config.Name, Id, error.Message);
        }
    }

    private async ValueTask StopHealthWatchAsync()
    {
        if (_healthWatch is { } watch)
        {
            _healthWatch = null;
            await watch.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void GoOnlineIfReady(string reason)
    {
        if (_state == ProcessState.Starting && ReadyToGoOnline)
        {
            Disarm(ref _readyTimer, TimerKind.Ready);
            Transition(ProcessState.Online, reason);
        }
    }

    private ValueTask OnHealthReport(HealthReportEvent report)
    {
        if (report.Run != _run || _process is null || _healthWatch is null)
        {
            return ValueTask.CompletedTask;
        }

        var health = report.Report.Health;
        _health = health;
        if (health.Status == HealthStatus.Healthy && !_healthPassed)
        {
            _healthPassed = true;
            GoOnlineIfReady($"healthy: {health.Message}");
        }

        if (report.Report.FailureThresholdReached && _state is ProcessState.Starting or ProcessState.Online)
        {
            var why = $"health check failed {health.ConsecutiveFailures} times: {health.Message}";
            switch (_healthCheck!.Action)
            {
                case HealthCheckAction.Restart:
                    BeginStop(StopIntent.HealthRestart, $"{why}; restarting");
                    break;
                case HealthCheckAction.Stop:
                    BeginStop(StopIntent.HealthStop, $"{why}; stopped (action stop)");
                    break;
            }

            // The verdict on this start is in: whoever waits for it (od start) hears "unhealthy" now,
            // not after every restart to come, nor never (action none keeps it starting).
            Answer(_startWaiters);
        }

        return ValueTask.CompletedTask;
    }

    // What readyTimeout says when it fires: with both gates, the one still closed.
    private string NotReadyReason() => _config.WaitReady && !_ready
        ? $"not ready after readyTimeout {_config.ReadyTimeout.TotalSeconds:0.###}s: no READY=1 arrived on NOTIFY_SOCKET"
        : $"not healthy after readyTimeout {_config.ReadyTimeout.TotalSeconds:0.###}s: {_health?.Message ?? "no check finished"}";

    // A health restart counts as a restart, and as an unstable run when the app never became healthy
    // (never online) or ran less than minUptime: so an app that never gets healthy is restarted with
    // the usual backoff and ends errored after maxRestarts, like one that crashes at start.
    private async ValueTask RestartAfterHealthFailureAsync()
    {
        _unstable = _lastExit!.Unstable ? _unstable + 1 : 0;
        if (_lastExit.Unstable && _unstable >= _config.MaxRestarts)
        {
            Transition(ProcessState.Errored, $"{_stopReason}; it failed before becoming healthy or within minUptime ({_config.MinUptime.TotalSeconds:0.###}s) {_unstable} times in a row (maxRestarts {_config.MaxRestarts}), so it is not restarted until you start it again");
            return;
        }

        var delay = RestartBackoffCalculator.Delay(_config, _unstable, _services.Random());
        if (delay <= TimeSpan.Zero)
        {
            Transition(ProcessState.Stopped, _stopReason);
            Answer(_stopWaiters);
            _restarts++;
            await SpawnAsync(_stopReason!).ConfigureAwait(false);
            return;
        }

        _nextRestartAt = _services.Time.GetUtcNow() + delay;
        Transition(ProcessState.Errored, $"{_stopReason} in {delay.TotalSeconds:0.###}s");
        Arm(ref _restartTimer, delay, TimerKind.Restart);
    }
}
