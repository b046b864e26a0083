using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

// Stopping a run: stop signal to the whole process group, SIGKILL to the group after killTimeout,
// and "stopped" only once the group is empty — a grandchild that ignores SIGTERM goes too.
internal sealed partial class InstanceActor
{
    /// <summary>After SIGKILL a group is normally gone at once; this bounds the wait for a stuck one.</summary>
    private static readonly TimeSpan AfterKillGrace = TimeSpan.FromSeconds(5);

    private StopIntent _stopIntent;
    private string? _stopReason;
    private DateTimeOffset _killDeadline;
    private bool _killSent;

    private void BeginStop(StopIntent intent, string reason)
    {
        var process = _process!;
        _stopIntent = intent;
        _stopReason = reason;
        _killSent = false;
        Disarm(ref _readyTimer, TimerKind.Ready);
        Disarm(ref _watchdogTimer, TimerKind.Watchdog);
        Transition(ProcessState.Stopping, reason);
        _killDeadline = _services.Time.GetUtcNow() + _config.KillTimeout;
        var signal = Signals.Parse(_config.StopSignal);
        LogStopping(_services.Logger, _config.Name, Id, process.Pid, _config.StopSignal);
        if (!_services.Signaller.Send(process.Pid, signal))
        {
            return; // the group is already gone; the exit event is on its way
        }

        Arm(ref _killTimer, _config.KillTimeout, TimerKind.Kill);
    }

    // Called when the main process has exited while stopping, and then on each group check.
    private async ValueTask ContinueStopAsync()
    {
        var pid = _process!.Pid;
        if (_exit is not null && _services.Signaller.Exists(pid))
        {
            var now = _services.Time.GetUtcNow();
            if (now >= _killDeadline && !_killSent)
            {
                LogKilling(_services.Logger, _config.Name, Id, pid, _config.KillTimeout.TotalMilliseconds);
                _services.Signaller.Send(pid, Signals.Parse("SIGKILL"));
                _killSent = true;
            }

            if (!_killSent || now < _killDeadline + AfterKillGrace)
            {
                Arm(ref _groupTimer, _services.GroupPollInterval, TimerKind.GroupCheck);
                return;
            }

            LogGroupSurvived(_services.Logger, _config.Name, Id, pid);
        }

        if (_exit is null)
        {
            return; // the main process has not exited yet; its exit event continues the stop
        }

        Disarm(ref _groupTimer, TimerKind.GroupCheck);
        await EndRunAsync().ConfigureAwait(false);
        await FinishStopAsync().ConfigureAwait(false);
    }

    private async ValueTask FinishStopAsync()
    {
        if (_deleteRequested)
        {
            Transition(ProcessState.Stopped, _stopReason);
            _deleted = true;
            return;
        }

        switch (_stopIntent)
        {
            case StopIntent.Restart when _startPending:
            case StopIntent.MemoryRestart:
                // Down before up again: whoever waited for the stop is answered now.
                Transition(ProcessState.Stopped, _stopReason);
                Answer(_stopWaiters);
                _startPending = false;
                _restarts++;
                await SpawnAsync(_stopIntent == StopIntent.MemoryRestart ? _stopReason! : "restarted").ConfigureAwait(false);
                break;
            case StopIntent.Watchdog:
                await AfterUnexpectedExitAsync(_stopReason).ConfigureAwait(false);
                break;
            case StopIntent.ReadyTimeout:
                Transition(ProcessState.Errored, _stopReason);
                break;
            case StopIntent.HealthRestart:
                await RestartAfterHealthFailureAsync().ConfigureAwait(false);
                break;
            default:
                Transition(ProcessState.Stopped, _stopReason);
                break;
        }
    }
}
