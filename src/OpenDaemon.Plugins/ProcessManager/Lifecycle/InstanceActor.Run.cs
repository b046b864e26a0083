using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;
using OpenDaemon.Hosting.Processes;
using OpenDaemon.Plugins.Abstractions;

namespace OpenDaemon.Plugins.ProcessManager.Lifecycle;

// One run of the instance: spawn, readiness, exit, and what follows an exit.
internal sealed partial class InstanceActor
{
    /// <summary>How long an exit waits for the last output of the run to be read.</summary>
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(1);

    private SpawnedProcess? _process;
    private IRunOutput? _capture;
    private int _run;
    private DateTimeOffset _spawnedAt;

    private async ValueTask SpawnAsync(string reason)
    {
        _run++;
        var run = _run;
        _ready = false;
        _wentOnline = false;
        _readyStatus = null;
        _lastWatchdogAt = null;
        Transition(ProcessState.Starting, reason);

        SpawnedProcess process;
        try
        {
            var notifySocket = OpenNotifySocket(run);
            var plan = await _services.Planner.PlanAsync(_config, _overrides, Instance, Id, notifySocket, CancellationToken.None).ConfigureAwait(false);
            _command = plan.CommandLine;
            _user = plan.User;
            process = _services.Spawner.Spawn(plan.Request);
        }
        catch (Exception error) when (error is DaemonException or SpawnException or IOException or ArgumentException)
        {
            CloseNotifySocket();
            _lastExit = null;
            Transition(ProcessState.Errored, error.Message);
            LogSpawnFailed(_services.Logger, _config.Name, Id, error.Message);
            return;
        }

        _process = process;
        _spawnedAt = _services.Time.GetUtcNow();
        _capture = _services.Output.Capture(new RunOutputSource(_config, Instance, _instanceCount, process.Pid), process.StandardOutput, process.StandardError);
        _ = ForwardExitAsync(process, run);
        LogSpawned(_services.Logger, _config.Name, Id, process.Pid);
        StartHealthWatch(run, process.Pid);
        if (_config.WaitReady)
        {
            Arm(ref _readyTimer, _config.ReadyTimeout, TimerKind.Ready);
        }
        else if (ReadyToGoOnline)
        {
            Transition(ProcessState.Online, null);
        }
    }

    private async Task ForwardExitAsync(SpawnedProcess process, int run)
    {
        var exit = await process.Exited.ConfigureAwait(false);
        Post(new ProcessExitedEvent(run, exit));
    }

    private async ValueTask OnExitedAsync(ProcessExitedEvent exited)
    {
        if (exited.Run != _run || _process is null)
        {
            return;
        }

        Disarm(ref _readyTimer, TimerKind.Ready);
        Disarm(ref _watchdogTimer, TimerKind.Watchdog);
        CloseNotifySocket();
        _exit = exited.Exit;
        if (_state == ProcessState.Stopping)
        {
            Disarm(ref _killTimer, TimerKind.Kill);
            await ContinueStopAsync().ConfigureAwait(false);
            return;
        }

        // The main process is gone: whatever it left in its group goes too, so that the next run
        // does not meet the previous one's children (ports, locks) and nothing is orphaned.
        _services.Signaller.Send(_process.Pid, Signals.Parse("SIGKILL"));
        await EndRunAsync().ConfigureAwait(false);
        await AfterUnexpectedExitAsync(null).ConfigureAwait(false);
    }

    private ProcessExit? _exit;

    // Record how the run ended, with its crash log, and release the run's resources.
    private async ValueTask EndRunAsync()
    {
        var process = _process!;
        await StopHealthWatchAsync().ConfigureAwait(false);
        var now = _services.Time.GetUtcNow();
        var runTime = now - _spawnedAt;
        if (_capture is { } capture)
        {
            try
            {
                await capture.Completion.WaitAsync(OutputDrainTimeout, _services.Time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A descendant still holds the pipe (it is being killed); keep what was read.
            }
        }

        var exit = _exit ?? new ProcessExit(null, null, false);
        _lastExit = new ProcessExitRecord
        {
            ExitCode = exit.ExitCode,
            Signal = exit.SignalName,
            At = now,
            RunMs = (long)runTime.TotalMilliseconds,
            Unstable = !_wentOnline || runTime < _config.MinUptime,
            LastLines = IsAbnormal(exit) ? _capture?.LastLines() ?? [] : [],
        };
        PublishExit(process.Pid, exit);
        LogExited(_services.Logger, _config.Name, Id, process.Pid, exit.ToString());
        process.Dispose();
        _process = null;
        _capture = null;
    }

    // Crash log preservation (spec §3.3): the run's last lines are kept unless it ended cleanly or because someone asked.
    private bool IsAbnormal(ProcessExit exit) =>
        !(exit.ExitCode == 0 && exit.Signal is null)
        && !(_state == ProcessState.Stopping && _stopIntent is StopIntent.User or StopIntent.Delete or StopIntent.DaemonShutdown or StopIntent.Restart);

    // A crash, a clean exit, or a watchdog kill: the restart policy and backoff decide what's next.
    private ValueTask AfterUnexpectedExitAsync(string? reason)
    {
        var exit = _exit ?? new ProcessExit(null, null, false);
        var clean = exit.ExitCode == 0 && exit.Signal is null && reason is null;
        var what = reason ?? exit.ToString();
        _unstable = _lastExit!.Unstable ? _unstable + 1 : 0;
        var settled = clean ? ProcessState.Stopped : ProcessState.Errored;
        if (!RestartDecision.ShouldRestart(_config.AutoRestart, clean))
        {
            Transition(settled, $"{what}; autoRestart is {Config.ConfigNames.Of(_config.AutoRestart)}, so it is not restarted");
            return ValueTask.CompletedTask;
        }

        if (_lastExit.Unstable && _unstable >= _config.MaxRestarts)
        {
            Transition(ProcessState.Errored, $"{what}; it exited before minUptime ({_config.MinUptime.TotalSeconds:0.###}s) {_unstable} times in a row (maxRestarts {_config.MaxRestarts}), so it is not restarted until you start it again");
            return ValueTask.CompletedTask;
        }

        var delay = RestartBackoffCalculator.Delay(_config, _unstable, _services.Random());
        _nextRestartAt = _services.Time.GetUtcNow() + delay;
        Transition(settled, $"{what}; restarting in {delay.TotalSeconds:0.###}s");
        Arm(ref _restartTimer, delay, TimerKind.Restart);
        return ValueTask.CompletedTask;
    }

    private ValueTask OnMemoryExceeded(MemoryExceededEvent memory)
    {
        if (memory.Run == _run && _state == ProcessState.Online && _config.MaxMemory is { } max)
        {
            BeginStop(StopIntent.MemoryRestart, $"memory {Megabytes(memory.Bytes)} exceeds maxMemory {Megabytes(max)}; restarting");
        }

        return ValueTask.CompletedTask;
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):0.#} MB";

    private async ValueTask OnTimerAsync(TimerEvent timer)
    {
        if (timer.Kind == TimerKind.Restart)
        {
            if (IsCurrent(timer) && _process is null && _nextRestartAt is not null)
            {
                _nextRestartAt = null;
                _restarts++;
                await SpawnAsync("automatic restart").ConfigureAwait(false);
            }

            return;
        }

        if (timer.Run != _run || !IsCurrent(timer) || _process is null)
        {
            return;
        }

        switch (timer.Kind)
        {
            case TimerKind.Kill when _state == ProcessState.Stopping:
                LogKilling(_services.Logger, _config.Name, Id, _process.Pid, _config.KillTimeout.TotalMilliseconds);
                _services.Signaller.Send(_process.Pid, Signals.Parse("SIGKILL"));
                _killSent = true;
                break;
            case TimerKind.Ready when _state == ProcessState.Starting:
                BeginStop(StopIntent.ReadyTimeout, NotReadyReason());
                break;
            case TimerKind.Watchdog when _state == ProcessState.Online:
                BeginStop(StopIntent.Watchdog, $"hung: no WATCHDOG=1 within watchdogTimeout {_config.WatchdogTimeout?.TotalSeconds:0.###}s");
                break;
            case TimerKind.GroupCheck when _state == ProcessState.Stopping:
                await ContinueStopAsync().ConfigureAwait(false);
                break;
        }
    }
}
